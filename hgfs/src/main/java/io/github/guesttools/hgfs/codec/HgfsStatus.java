package io.github.guesttools.hgfs.codec;

/** HGFS status codes ({@code HgfsStatus} in open-vm-tools {@code hgfs.h}). */
public enum HgfsStatus {
    SUCCESS(0),
    NO_SUCH_FILE_OR_DIR(1),
    INVALID_HANDLE(2),
    OPERATION_NOT_PERMITTED(3),
    FILE_EXISTS(4),
    NOT_DIRECTORY(5),
    DIR_NOT_EMPTY(6),
    PROTOCOL_ERROR(7),
    ACCESS_DENIED(8),
    INVALID_NAME(9),
    GENERIC_ERROR(10),
    SHARING_VIOLATION(11),
    NO_SPACE(12),
    OPERATION_NOT_SUPPORTED(13),
    NAME_TOO_LONG(14),
    INVALID_PARAMETER(15),
    NOT_SAME_DEVICE(16),
    STALE_SESSION(17),
    TOO_MANY_SESSIONS(18),
    TRANSPORT_ERROR(19);

    private final int code;

    HgfsStatus(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The status for a wire value; unknown values map to {@link #GENERIC_ERROR}. */
    public static HgfsStatus of(int code) {
        HgfsStatus[] all = values();
        return code >= 0 && code < all.length ? all[code] : GENERIC_ERROR;
    }
}
