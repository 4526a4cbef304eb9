package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.internal.atomicfile.AtomicFile;
import io.github.guesttools.mdata.internal.json.JsonException;
import io.github.guesttools.mdata.internal.json.JsonReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code set-resolvers}: writes {@code /etc/resolv.conf} from {@code sdc:resolvers} (a JSON array
 * of addresses) and {@code sdc:dns_domain}. A resolv.conf that is a symbolic link (managed by
 * systemd-resolved or similar) is left alone.
 */
public final class Resolvers implements ProvisionTask {
    @Override
    public String name() {
        return "set-resolvers";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException, MetadataException {
        Optional<String> json = ctx.metadata().find("sdc:resolvers");
        if (json.isEmpty()) {
            ctx.log().info("no sdc:resolvers in metadata");
            return;
        }
        Object parsed;
        try {
            parsed = JsonReader.parse(json.get());
        } catch (JsonException e) {
            ctx.log().warn("sdc:resolvers is not JSON: " + e.getMessage());
            return;
        }
        if (!(parsed instanceof List)) {
            ctx.log().warn("sdc:resolvers is not a JSON array");
            return;
        }
        StringBuilder conf = new StringBuilder("# Written by smartos-mdata set-resolvers from sdc:resolvers\n");
        Optional<String> domain = ctx.metadata().find("sdc:dns_domain");
        if (domain.isPresent() && Hostname.valid(domain.get().strip())) {
            conf.append("search ").append(domain.get().strip()).append('\n');
        }
        int n = 0;
        for (Object r : (List<?>) parsed) {
            if (r instanceof String && Addresses.isIpLiteral((String) r)) {
                conf.append("nameserver ").append(r).append('\n');
                n++;
            } else {
                ctx.log().warn("resolver " + r + " is not an IP address: skipped");
            }
        }
        if (n == 0) {
            ctx.log().warn("no usable resolver: /etc/resolv.conf left alone");
            return;
        }
        Path file = ctx.path("/etc/resolv.conf");
        if (Files.isSymbolicLink(file)) {
            ctx.log().info("/etc/resolv.conf is a symbolic link (managed elsewhere): left alone");
            return;
        }
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, conf.toString().getBytes(StandardCharsets.UTF_8));
        ctx.log().info("wrote " + n + " resolver(s) to /etc/resolv.conf");
    }
}
