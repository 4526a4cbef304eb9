package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataClient;
import java.nio.file.Path;

/**
 * What every task needs: the root directory of the system to provision ({@code /} on a live
 * guest), the metadata client, the log, and whether to change the running system as well (set
 * the kernel hostname, add routes, format disks) or only files under the root.
 */
public record ProvisionContext(Path root, MetadataClient metadata, ProvisionLog log, boolean live) {

    /** The path of the absolute system path {@code absolute} under the root. */
    public Path path(String absolute) {
        return root.resolve(absolute.startsWith("/") ? absolute.substring(1) : absolute);
    }
}
