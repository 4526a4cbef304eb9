package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.internal.atomicfile.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code set-hostname}: the customer key {@code hostname} (what the guest-tools script reads), else
 * {@code sdc:hostname} (which it ignored). Writes {@code /etc/hostname} and adds the name to the
 * {@code 127.*} lines of {@code /etc/hosts} that lack it (as firstboot does); on a live system also
 * sets the kernel's hostname.
 */
public final class Hostname implements ProvisionTask {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    @Override
    public String name() {
        return "set-hostname";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException, MetadataException {
        Optional<String> name = ctx.metadata().find("hostname");
        if (name.isEmpty() || name.get().isBlank()) {
            name = ctx.metadata().find("sdc:hostname");
        }
        if (name.isEmpty() || name.get().isBlank()) {
            ctx.log().info("no hostname in metadata: left as is");
            return;
        }
        String host = name.get().strip();
        if (!valid(host)) {
            ctx.log().warn("hostname '" + host + "' is not a valid host name: ignored");
            return;
        }
        Path etcHostname = ctx.path("/etc/hostname");
        Files.createDirectories(etcHostname.getParent());
        AtomicFile.write(etcHostname, (host + "\n").getBytes(StandardCharsets.UTF_8));
        ctx.log().info("hostname set to " + host);
        addToHosts(ctx, host);
        if (ctx.live()) {
            Commands.runIfPresent(ctx, "hostname", host);
        }
    }

    static boolean valid(String host) {
        if (host.length() > 253) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static void addToHosts(ProvisionContext ctx, String host) throws IOException {
        Path hosts = ctx.path("/etc/hosts");
        if (!Files.isRegularFile(hosts, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> lines = Files.readAllLines(hosts, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            boolean loopback = fields.length > 0 && fields[0].startsWith("127.");
            if (loopback && !List.of(fields).subList(1, fields.length).contains(host)) {
                line = line + " " + host;
                changed = true;
            }
            out.append(line).append('\n');
        }
        if (changed) {
            AtomicFile.write(hosts, out.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
