package io.github.guesttools.hgfs.spi;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A file operation failed with an HGFS status. {@link #retryLater(String)} marks a file that exists but
 * is not ready yet (a running process's output): HGFS answers {@link
 * HgfsStatus#SHARING_VIOLATION}, and the VIX layer turns it into {@code FILE_ACCESS_ERROR} (13),
 * which vSphere clients treat as "retry later".
 */
public class HgfsException extends IOException {
    private static final long serialVersionUID = 1L;

    private final HgfsStatus status;
    private final boolean retryLater;

    /** A failure with {@code status}. */
    public HgfsException(HgfsStatus status, String message) {
        this(status, message, false, null);
    }

    /** A failure with {@code status} caused by {@code cause}. */
    public HgfsException(HgfsStatus status, String message, Throwable cause) {
        this(status, message, false, cause);
    }

    private HgfsException(HgfsStatus status, String message, boolean retryLater, Throwable cause) {
        super(message, cause);
        if (status == HgfsStatus.SUCCESS) {
            throw new IllegalArgumentException("an exception needs a failure status");
        }
        this.status = status;
        this.retryLater = retryLater;
    }

    /** The file exists but cannot be served yet; the client should retry the transfer later. */
    public static HgfsException retryLater(String message) {
        return new HgfsException(HgfsStatus.SHARING_VIOLATION, message, true, null);
    }

    /** "Does not exist": the server then tries the next handler (the local file system). */
    public static HgfsException notFound(String path) {
        return new HgfsException(HgfsStatus.NO_SUCH_FILE_OR_DIR, "no such file: " + path);
    }

    /** Maps an I/O failure to the closest status (not found 1, exists 4, denied 8, ...). */
    public static HgfsException of(IOException e) {
        if (e instanceof HgfsException h) {
            return h;
        }
        return new HgfsException(statusOf(e), String.valueOf(e.getMessage()), e);
    }

    private static HgfsStatus statusOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return HgfsStatus.NO_SUCH_FILE_OR_DIR;
        } else if (e instanceof FileAlreadyExistsException) {
            return HgfsStatus.FILE_EXISTS;
        } else if (e instanceof AccessDeniedException) {
            return HgfsStatus.ACCESS_DENIED;
        } else if (e instanceof NotDirectoryException) {
            return HgfsStatus.NOT_DIRECTORY;
        } else if (e instanceof DirectoryNotEmptyException) {
            return HgfsStatus.DIR_NOT_EMPTY;
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            String reason = f.getReason();
            if (reason.contains("Operation not permitted")) {
                return HgfsStatus.OPERATION_NOT_PERMITTED;
            } else if (reason.contains("name too long")) {
                return HgfsStatus.NAME_TOO_LONG;
            } else if (reason.contains("No space left")) {
                return HgfsStatus.NO_SPACE;
            } else if (reason.contains("Not a directory")) {
                return HgfsStatus.NOT_DIRECTORY;
            } else if (reason.contains("Is a directory")) {
                return HgfsStatus.ACCESS_DENIED;
            } else if (reason.contains("Too many levels of symbolic links")) {
                return HgfsStatus.INVALID_NAME;
            }
        }
        return HgfsStatus.GENERIC_ERROR;
    }

    /** The status the server answers with. */
    public HgfsStatus status() {
        return status;
    }

    /** Whether the file is temporarily unavailable. */
    public boolean isRetryLater() {
        return retryLater;
    }
}
