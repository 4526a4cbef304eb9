package io.github.guesttools.process;

/** The three I/O files of a process, {@code /proc/<pid>/stdin|stdout|stderr}. */
public enum StdStream {
    /** Written by the client, read by the process. */
    STDIN,
    /** Written by the process, read by the client. */
    STDOUT,
    /** Written by the process, read by the client. */
    STDERR;

    /** The file name under {@code /proc/<pid>/}. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
