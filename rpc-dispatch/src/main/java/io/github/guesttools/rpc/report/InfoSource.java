package io.github.guesttools.rpc.report;

import java.io.IOException;

/** Supplies one piece of guest information; may read the OS and fail. */
@FunctionalInterface
public interface InfoSource<T> {
    /** Reads the current value. */
    T get() throws IOException;
}
