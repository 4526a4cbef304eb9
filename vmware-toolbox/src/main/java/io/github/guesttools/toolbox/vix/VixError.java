package io.github.guesttools.toolbox.vix;

/**
 * VIX error codes that guest tools send (the low 16 bits of a {@code VixError}), and the
 * errno translation of open-vm-tools' {@code Vix_TranslateErrno}.
 */
public final class VixError {
    public static final int OK = 0;
    public static final int FAIL = 1;
    public static final int OUT_OF_MEMORY = 2;
    public static final int INVALID_ARG = 3;
    public static final int FILE_NOT_FOUND = 4;
    public static final int OBJECT_IS_BUSY = 5;
    public static final int NOT_SUPPORTED = 6;
    public static final int FILE_ERROR = 7;
    public static final int DISK_FULL = 8;
    public static final int FILE_ALREADY_EXISTS = 12;
    public static final int FILE_ACCESS_ERROR = 13;
    public static final int FILE_TOO_BIG = 21;
    public static final int FILE_NAME_INVALID = 22;
    public static final int INVALID_UTF8_STRING = 27;
    public static final int AUTHENTICATION_FAIL = 35;
    public static final int GUEST_USER_PERMISSIONS = 3015;
    public static final int UNRECOGNIZED_COMMAND_IN_GUEST = 3025;
    public static final int INVALID_LOGIN_CREDENTIALS = 3050;
    public static final int UNRECOGNIZED_PROPERTY = 6000;
    public static final int INVALID_MESSAGE_HEADER = 10000;
    public static final int INVALID_MESSAGE_BODY = 10001;
    public static final int NOT_A_FILE = 20001;
    public static final int NOT_A_DIRECTORY = 20002;
    public static final int NO_SUCH_PROCESS = 20003;
    public static final int FILE_NAME_TOO_LONG = 20004;
    public static final int OPERATION_DISABLED = 20005;
    public static final int DIRECTORY_NOT_EMPTY = 20006;

    private VixError() {}

    /**
     * Translates a Linux errno value as open-vm-tools does; unknown values give {@link #FAIL}.
     *
     * @param errno a Linux errno (the asm-generic numbering shared by x86-64 and arm64)
     * @return the VIX error code
     */
    public static int fromErrno(int errno) {
        return switch (errno) {
            case Errno.EPERM, Errno.EACCES -> FILE_ACCESS_ERROR;
            case Errno.EAGAIN, Errno.EBUSY -> OBJECT_IS_BUSY;
            case Errno.EEXIST -> FILE_ALREADY_EXISTS;
            case Errno.EFBIG -> FILE_TOO_BIG;
            case Errno.ENOTEMPTY -> DIRECTORY_NOT_EMPTY;
            case Errno.ENOTDIR -> NOT_A_DIRECTORY;
            case Errno.ENOENT, Errno.ENODEV -> FILE_NOT_FOUND;
            case Errno.ENOSPC -> DISK_FULL;
            case Errno.EISDIR -> NOT_A_FILE;
            case Errno.ESRCH -> NO_SUCH_PROCESS;
            case Errno.ENAMETOOLONG -> FILE_NAME_TOO_LONG;
            case Errno.EINVAL, Errno.EMSGSIZE -> INVALID_ARG;
            case Errno.ENOMEM, Errno.ELOOP -> OUT_OF_MEMORY;
            case Errno.EIO, Errno.EMFILE, Errno.ENFILE, Errno.EMLINK, Errno.EROFS, Errno.ETIMEDOUT, Errno.ENOBUFS ->
                FILE_ERROR;
            default -> FAIL;
        };
    }
}
