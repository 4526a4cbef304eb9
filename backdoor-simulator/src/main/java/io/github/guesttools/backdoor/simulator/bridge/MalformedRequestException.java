package io.github.guesttools.backdoor.simulator.bridge;

import java.io.IOException;

/** A bridge request the server cannot decode; the server closes that connection. */
final class MalformedRequestException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedRequestException(String message) {
        super(message);
    }
}
