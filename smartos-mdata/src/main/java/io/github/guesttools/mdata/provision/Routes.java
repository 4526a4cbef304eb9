package io.github.guesttools.mdata.provision;

import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.internal.json.JsonException;
import io.github.guesttools.mdata.internal.json.JsonReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code set-routes}: static routes from {@code sdc:routes}. A route with {@code linklocal: true}
 * names one of the VM's own addresses as gateway, meaning "directly on that NIC": the NIC is found
 * in {@code sdc:nics} and matched to a Linux interface by MAC address ({@code /sys/class/net}).
 * Without {@code live} the {@code ip route} commands are only printed.
 */
public final class Routes implements ProvisionTask {
    @Override
    public String name() {
        return "set-routes";
    }

    @Override
    public void run(ProvisionContext ctx) throws IOException, MetadataException {
        List<List<String>> plan = plan(ctx);
        for (List<String> cmd : plan) {
            if (ctx.live()) {
                int status = Commands.run(ctx.root(), cmd);
                if (status != 0) {
                    ctx.log().warn(String.join(" ", cmd) + " failed with exit status " + status);
                }
            } else {
                ctx.log().info("plan: " + String.join(" ", cmd));
            }
        }
    }

    /** The {@code ip route replace} commands for the metadata's routes. */
    static List<List<String>> plan(ProvisionContext ctx) throws IOException, MetadataException {
        List<List<String>> out = new ArrayList<>();
        Optional<String> json = ctx.metadata().find("sdc:routes");
        if (json.isEmpty()) {
            ctx.log().info("no sdc:routes in metadata");
            return out;
        }
        List<?> routes = array(ctx, "sdc:routes", json.get());
        List<?> nics = array(ctx, "sdc:nics", ctx.metadata().find("sdc:nics").orElse("[]"));
        for (Object o : routes) {
            if (!(o instanceof Map)) {
                ctx.log().warn("route " + o + " is not an object: skipped");
                continue;
            }
            Map<?, ?> r = (Map<?, ?>) o;
            String dst = String.valueOf(r.get("dst"));
            String gw = String.valueOf(r.get("gateway"));
            if (!Addresses.isDestination(dst) || !Addresses.isIpLiteral(gw)) {
                ctx.log().warn("route " + dst + " via " + gw + " is malformed: skipped");
                continue;
            }
            if (Boolean.TRUE.equals(r.get("linklocal"))) {
                String dev = interfaceOf(ctx, nics, gw);
                if (dev == null) {
                    ctx.log().warn("no interface holds " + gw + " for link-local route " + dst + ": skipped");
                    continue;
                }
                out.add(List.of("ip", "route", "replace", dst, "dev", dev, "scope", "link", "src", gw));
            } else {
                out.add(List.of("ip", "route", "replace", dst, "via", gw));
            }
        }
        return out;
    }

    private static List<?> array(ProvisionContext ctx, String key, String json) {
        try {
            Object v = JsonReader.parse(json);
            if (v instanceof List) {
                return (List<?>) v;
            }
        } catch (JsonException e) {
            // reported below
        }
        ctx.log().warn(key + " is not a JSON array: ignored");
        return List.of();
    }

    /** The Linux interface whose MAC is that of the NIC with address {@code ip}, or null. */
    private static String interfaceOf(ProvisionContext ctx, List<?> nics, String ip) throws IOException {
        String mac = null;
        for (Object n : nics) {
            if (n instanceof Map && ip.equals(((Map<?, ?>) n).get("ip"))) {
                mac = String.valueOf(((Map<?, ?>) n).get("mac")).toLowerCase(Locale.ROOT);
            }
        }
        Path net = ctx.path("/sys/class/net");
        if (mac == null || !Files.isDirectory(net)) {
            return null;
        }
        try (DirectoryStream<Path> devs = Files.newDirectoryStream(net)) {
            for (Path dev : devs) {
                Path address = dev.resolve("address");
                if (Files.isRegularFile(address)
                        && Files.readString(address)
                                .strip()
                                .toLowerCase(Locale.ROOT)
                                .equals(mac)) {
                    String name = dev.getFileName().toString();
                    return name.matches("[A-Za-z0-9_.@-]{1,15}") ? name : null;
                }
            }
        }
        return null;
    }
}
