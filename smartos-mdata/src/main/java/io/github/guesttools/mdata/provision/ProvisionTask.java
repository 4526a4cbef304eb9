package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import java.io.IOException;

/** One provisioning step. */
public interface ProvisionTask {
    /** The name used on the command line, e.g. {@code set-hostname}. */
    String name();

    /** Runs the step; problems that should not stop later steps are logged as warnings. */
    void run(ProvisionContext ctx) throws IOException, MetadataException;
}
