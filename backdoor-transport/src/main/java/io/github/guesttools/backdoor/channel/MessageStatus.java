package io.github.guesttools.backdoor.channel;

/**
 * Status bits of message calls (ECX high 16 bits for LB calls, EBX high 16 bits for HB calls).
 */
public final class MessageStatus {
    /** The request succeeded; a status without it is a failure. */
    public static final int SUCCESS = 0x0001;
    /** The host has a message for the guest. */
    public static final int DORECV = 0x0002;
    /** The channel is closed. */
    public static final int CLOSED = 0x0004;
    /** The host withdrew its message before the guest read it. */
    public static final int UNSENT = 0x0008;
    /** A checkpoint happened: the guest restarts the transfer. */
    public static final int CPT = 0x0010;
    /** The virtual machine is powering off. */
    public static final int POWEROFF = 0x0020;
    /** The host saw a timeout on the channel. */
    public static final int TIMEOUT = 0x0040;
    /** The host accepts the high-bandwidth port for this payload. */
    public static final int HB = 0x0080;

    /** {@code GUESTMSG_FLAG_COOKIE}, ORed into the protocol number at OPEN. */
    public static final int FLAG_COOKIE = 0x80000000;
    /** {@code GUESTMSG_MAX_IN_SIZE}: the largest guest-to-host message. */
    public static final int MAX_GUEST_TO_HOST = 64 * 1024;

    private MessageStatus() {}

    /** Returns whether {@code status} has the bit {@code bit}. */
    public static boolean has(int status, int bit) {
        return (status & bit) != 0;
    }

    /** Formats a status for messages, e.g. {@code 0x0011 (SUCCESS|CPT)}. */
    public static String describe(int status) {
        StringBuilder names = new StringBuilder();
        String[] labels = {"SUCCESS", "DORECV", "CLOSED", "UNSENT", "CPT", "POWEROFF", "TIMEOUT", "HB"};
        for (int i = 0; i < labels.length; i++) {
            if ((status & (1 << i)) != 0) {
                names.append(names.length() == 0 ? "" : "|").append(labels[i]);
            }
        }
        return String.format("0x%04x (%s)", status, names.length() == 0 ? "FAIL" : names);
    }
}
