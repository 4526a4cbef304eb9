package io.github.guesttools.toolbox.identity;

import java.io.IOException;

/**
 * A file-system action run with a user's rights.
 *
 * @param <T> its result
 */
@FunctionalInterface
public interface IoAction<T> {
    /**
     * @return the result
     * @throws IOException as the file system reports it
     */
    T run() throws IOException;
}
