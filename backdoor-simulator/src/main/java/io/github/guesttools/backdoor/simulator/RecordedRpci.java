package io.github.guesttools.backdoor.simulator;

/**
 * One RPCI command the simulator received and its reply.
 *
 * @param channelId the channel it came on
 * @param command the command bytes exactly as sent (trailing NUL included when the guest sent one)
 * @param reply the reply bytes ({@code 1 ...} or {@code 0 ...})
 */
public record RecordedRpci(int channelId, byte[] command, byte[] reply) {

    /** Returns the command as ISO-8859-1 text (bytes map 1:1 to chars). */
    public String commandText() {
        return new String(command, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Returns the reply as ISO-8859-1 text. */
    public String replyText() {
        return new String(reply, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
