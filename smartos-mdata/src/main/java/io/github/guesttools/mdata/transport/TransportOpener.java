package io.github.guesttools.mdata.transport;

/** Opens a fresh transport; called again after every protocol reset. */
public interface TransportOpener {

    /** Opens, locks and prepares the transport. */
    Transport open() throws TransportException;

    /** A short name for messages. */
    String description();
}
