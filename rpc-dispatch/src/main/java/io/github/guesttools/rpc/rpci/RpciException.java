package io.github.guesttools.rpc.rpci;

import java.io.IOException;

/** An RPCI command did not succeed for a reason other than a broken channel. */
public abstract class RpciException extends IOException {

    RpciException(String message) {
        super(message);
    }
}
