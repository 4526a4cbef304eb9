package io.github.guesttools.toolbox.vix;

/**
 * The 51-byte {@code VixCommandRequestHeader}. Lengths are unsigned 32-bit values held in longs.
 *
 * @param messageVersion always 5 once validated
 * @param totalMessageLength header + body + credential (+ 44 with auth data V1)
 * @param headerLength always 51 once validated
 * @param bodyLength fixed per-op fields plus variable data
 * @param credentialLength length of the credential block
 * @param commonFlags {@code VIX_COMMAND_*} flags, e.g. {@link #RETURNS_BINARY}
 * @param opCode the op ({@link VixOp})
 * @param requestFlags request flags, e.g. {@link #INCLUDES_AUTH_DATA_V1}
 * @param timeOut time-out requested by the host
 * @param cookie the host's request cookie
 * @param clientHandleId the host's client handle
 * @param userCredentialType the credential type ({@link UserCredential})
 */
public record VixHeader(
        int messageVersion,
        long totalMessageLength,
        long headerLength,
        long bodyLength,
        long credentialLength,
        int commonFlags,
        int opCode,
        int requestFlags,
        long timeOut,
        long cookie,
        long clientHandleId,
        int userCredentialType) {

    /** {@code VIX_COMMAND_MAGIC_WORD}. */
    public static final int MAGIC = 0xD00D0001;
    /** {@code VIX_COMMAND_MESSAGE_VERSION}. */
    public static final int MESSAGE_VERSION = 5;
    /** Size of the request header. */
    public static final int SIZE = 51;
    /** Size of the common {@code VixMsgHeader} prefix. */
    public static final int COMMON_SIZE = 23;
    /** {@code VIX_COMMAND_MAX_SIZE}. */
    public static final long MAX_MESSAGE_SIZE = 16L * 1024 * 1024;
    /** {@code VIX_COMMAND_GUEST_RETURNS_BINARY}: answer {@code #} + raw bytes instead of text. */
    public static final int RETURNS_BINARY = 0x80;
    /** {@code VIX_REQUESTMSG_INCLUDES_AUTH_DATA_V1}: a 44-byte block follows the credential. */
    public static final int INCLUDES_AUTH_DATA_V1 = 0x10;
    /** Size of {@code VixMsgAuthDataV1}. */
    public static final int AUTH_DATA_V1_SIZE = 44;

    /** @return whether the host wants a binary result */
    public boolean returnsBinary() {
        return (commonFlags & RETURNS_BINARY) != 0;
    }

    /** @return length of the auth data block after the credential (0 or 44) */
    public int authDataLength() {
        return (requestFlags & INCLUDES_AUTH_DATA_V1) != 0 ? AUTH_DATA_V1_SIZE : 0;
    }
}
