package io.github.guesttools.backdoor.channel;

/**
 * Tuning of a {@link MessageChannel}.
 *
 * @param maxReceiveSize the largest host-to-guest message accepted, in bytes; a larger one is
 *     refused to the host and reported as {@link MessageTooLargeException}
 * @param highBandwidth whether to use the high-bandwidth port when the host offers it
 * @param maxRestarts how many checkpoint restarts one transfer may take before it fails with
 *     {@link ChannelProtocolException} (a real checkpoint is rare; this only stops a host that
 *     keeps answering {@code CPT} from spinning the caller forever)
 */
public record ChannelOptions(int maxReceiveSize, boolean highBandwidth, int maxRestarts) {

    /** 16 MiB receive cap, high bandwidth when offered, 1000 restarts. */
    public static final ChannelOptions DEFAULTS = new ChannelOptions(16 << 20, true, 1000);

    /** Checks the values. */
    public ChannelOptions {
        if (maxReceiveSize < 0) {
            throw new IllegalArgumentException("maxReceiveSize < 0: " + maxReceiveSize);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts < 0: " + maxRestarts);
        }
    }

    /** Returns a copy with another receive cap. */
    public ChannelOptions withMaxReceiveSize(int bytes) {
        return new ChannelOptions(bytes, highBandwidth, maxRestarts);
    }

    /** Returns a copy that uses (or never uses) the high-bandwidth port. */
    public ChannelOptions withHighBandwidth(boolean enabled) {
        return new ChannelOptions(maxReceiveSize, enabled, maxRestarts);
    }

    /** Returns a copy with another restart limit. */
    public ChannelOptions withMaxRestarts(int restarts) {
        return new ChannelOptions(maxReceiveSize, highBandwidth, restarts);
    }
}
