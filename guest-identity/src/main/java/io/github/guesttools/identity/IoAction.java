package io.github.guesttools.identity;

import java.io.IOException;

/**
 * An action run with a user's rights.
 *
 * @param <T> its result
 */
@FunctionalInterface
public interface IoAction<T> {
    /**
     * @return the result
     * @throws IOException as the operating system reports it
     */
    T run() throws IOException;
}
