package io.github.guesttools.hgfs.spi;

/**
 * Serves the guest paths of one scheme: {@code /proc/...}, {@code /archive:/...} or a custom one,
 * registered with the server under that scheme. A handler that does not know a path throws {@link
 * HgfsException#notFound}; the server then serves the original name from the local file system.
 *
 * <p>A stream-like file (a process's stdout, stdin) reports {@link FileAttributes#UNKNOWN_SIZE} or
 * its buffered length, returns a {@link StreamFile} from {@link #open}, and throws {@link
 * HgfsException#retryLater} while it is not ready.
 *
 * <p>The server calls the methods that take the {@link Caller}; by default they ignore it and call
 * the identity-free ones. A handler whose answer depends on who asks (someone else's process
 * output) overrides the {@code Caller} variants and serves the identity-free ones as {@link
 * Caller#AGENT}.
 */
public interface FileHandler {

    /** Attributes of the file (lstat semantics). */
    FileAttributes stat(TransferPath path) throws HgfsException;

    /** Opens the file for reading or writing. */
    OpenFile open(TransferPath path, OpenOptions options) throws HgfsException;

    /** Attributes of the file as {@code caller} may see them; the default ignores the caller. */
    default FileAttributes stat(Caller caller, TransferPath path) throws HgfsException {
        return stat(path);
    }

    /** Opens the file for {@code caller}; the default ignores the caller. */
    default OpenFile open(Caller caller, TransferPath path, OpenOptions options) throws HgfsException {
        return open(path, options);
    }

    /** Applies attribute changes for {@code caller}; the default ignores the caller. */
    default void setAttributes(Caller caller, TransferPath path, AttributeChanges changes) throws HgfsException {
        setAttributes(path, changes);
    }

    /**
     * Applies attribute changes. The default accepts a request that changes nothing and refuses the
     * rest with {@code OPERATION_NOT_SUPPORTED}.
     */
    default void setAttributes(TransferPath path, AttributeChanges changes) throws HgfsException {
        if (!changes.isEmpty()) {
            throw new HgfsException(
                    io.github.guesttools.hgfs.codec.HgfsStatus.OPERATION_NOT_SUPPORTED,
                    "attributes of " + path.name() + " cannot be changed");
        }
    }
}
