package io.github.guesttools.process;

import java.io.InputStream;
import java.io.OutputStream;

/** What a running {@link GuestFunction} gets. */
public interface FunctionContext {
    /** The pseudo-pid. */
    long pid();

    /** The StartProgram arguments, as one string. */
    String arguments();

    /** The authenticated user who started it. */
    String user();

    /** Bytes written to {@code /proc/<pid>/stdin}; end of stream once that handle is closed. */
    InputStream stdin();

    /** Captured as {@code /proc/<pid>/stdout}. */
    OutputStream stdout();

    /** Captured as {@code /proc/<pid>/stderr}. */
    OutputStream stderr();

    /** True once TerminateProcess asked the function to stop. */
    boolean isCancelled();
}
