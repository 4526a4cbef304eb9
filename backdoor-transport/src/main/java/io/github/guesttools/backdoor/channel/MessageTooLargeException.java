package io.github.guesttools.backdoor.channel;

/**
 * A message exceeds a size limit: a guest-to-host message over 64 KiB (refused before anything is
 * sent), or a host-to-guest message over the channel's receive cap (refused to the host).
 */
public class MessageTooLargeException extends MessageChannelException {
    private static final long serialVersionUID = 1L;

    private final long size;
    private final long limit;

    /** Creates the exception for a message of {@code size} bytes against {@code limit}. */
    public MessageTooLargeException(String message, long size, long limit) {
        super(message, -1);
        this.size = size;
        this.limit = limit;
    }

    /** Returns the size of the refused message in bytes. */
    public long size() {
        return size;
    }

    /** Returns the limit that was exceeded, in bytes. */
    public long limit() {
        return limit;
    }
}
