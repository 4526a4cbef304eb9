package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.json.JsonWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read-only {@code sdc:*} keys, computed from the VM document. Only the fields SmartOS agents
 * historically allowed are reachable (not, e.g., {@code sdc:internal_metadata.<k>}).
 */
final class SdcKeys {
    static final String PREFIX = "sdc:";

    private static final Set<String> FIELDS = Set.of(
            "alias",
            "billing_id",
            "brand",
            "cpu_cap",
            "cpu_shares",
            "create_timestamp",
            "server_uuid",
            "image_uuid",
            "datacenter_name",
            "do_not_inventory",
            "dns_domain",
            "force_metadata_socket",
            "fs_allowed",
            "hostname",
            "internal_metadata_namespaces",
            "limit_priv",
            "last_modified",
            "maintain_resolvers",
            "max_physical_memory",
            "max_locked_memory",
            "max_lwps",
            "max_swap",
            "nics",
            "owner_uuid",
            "package_name",
            "package_version",
            "quota",
            "ram",
            "resolvers",
            "routes",
            "state",
            "tmpfs",
            "uuid",
            "vcpus",
            "vnc_port",
            "zfs_io_priority",
            "zonepath",
            "zonename",
            "zone_state",
            "tags",
            "disks",
            "pci_devices");
    /** Served as JSON text rather than refused as objects. */
    private static final Set<String> AS_JSON = Set.of("nics", "resolvers", "tmpfs", "routes");
    /** Containers whose elements may be addressed as {@code name.N[.key]}. */
    private static final Set<String> INDEXED =
            Set.of("nics", "disks", "pci_devices", "resolvers", "internal_metadata_namespaces");

    private SdcKeys() {}

    static Lookup get(Map<String, Object> vm, Map<String, Object> internal, String name) {
        switch (name) {
            case "operator-script":
                return scalar(internal.get("operator-script"));
            case "volumes":
                return scalar(internal.get("sdc:volumes"));
            case "routes":
                return text(JsonWriter.compact(routes(vm)));
            default:
                break;
        }
        if (name.startsWith("tags.")) {
            Object tags = vm.get("tags");
            return tags instanceof Map ? scalar(((Map<?, ?>) tags).get(name.substring(5))) : new Lookup.NotFound();
        }
        int dot = name.indexOf('.');
        if (dot < 0) {
            if (!FIELDS.contains(name) || !vm.containsKey(name) || vm.get(name) == null) {
                return new Lookup.NotFound();
            }
            Object v = vm.get(name);
            return AS_JSON.contains(name) ? text(JsonWriter.compact(v)) : scalar(v);
        }
        String container = name.substring(0, dot);
        if (!INDEXED.contains(container)) {
            return new Lookup.NotFound();
        }
        Object v = vm.get(container);
        for (String part : name.substring(dot + 1).split("\\.", -1)) {
            if (v instanceof List) {
                List<?> list = (List<?>) v;
                int i;
                try {
                    i = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    return new Lookup.NotFound();
                }
                v = i >= 0 && i < list.size() ? list.get(i) : null;
            } else if (v instanceof Map) {
                v = ((Map<?, ?>) v).get(part);
            } else {
                return new Lookup.NotFound();
            }
        }
        return scalar(v);
    }

    /**
     * {@code sdc:routes}: a vmadm routes object ({@code dst -> gateway}) becomes an array of
     * {@code {linklocal, dst, gateway}}; {@code nics[N]} and {@code macs[<mac>]} gateways become that
     * NIC's address with {@code linklocal: true} (NICs without a static address are skipped). An
     * array is served as it is.
     */
    static Object routes(Map<String, Object> vm) {
        Object routes = vm.get("routes");
        if (routes instanceof List) {
            return routes;
        }
        List<Object> out = new ArrayList<>();
        if (!(routes instanceof Map)) {
            return out;
        }
        List<?> nics = vm.get("nics") instanceof List ? (List<?>) vm.get("nics") : List.of();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) routes).entrySet()) {
            String gw = String.valueOf(e.getValue());
            Map<?, ?> nic = null;
            boolean linklocal = false;
            if (gw.startsWith("nics[") && gw.endsWith("]")) {
                linklocal = true;
                try {
                    int i = Integer.parseInt(gw.substring(5, gw.length() - 1));
                    nic = i >= 0 && i < nics.size() && nics.get(i) instanceof Map ? (Map<?, ?>) nics.get(i) : null;
                } catch (NumberFormatException ignored) {
                    nic = null;
                }
            } else if (gw.startsWith("macs[") && gw.endsWith("]")) {
                linklocal = true;
                String mac = gw.substring(5, gw.length() - 1);
                for (Object n : nics) {
                    if (n instanceof Map && mac.equalsIgnoreCase(String.valueOf(((Map<?, ?>) n).get("mac")))) {
                        nic = (Map<?, ?>) n;
                    }
                }
            }
            if (linklocal) {
                Object ip = nic == null ? null : nic.get("ip");
                if (!(ip instanceof String) || "dhcp".equals(ip)) {
                    continue;
                }
                gw = (String) ip;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("linklocal", linklocal);
            r.put("dst", String.valueOf(e.getKey()));
            r.put("gateway", gw);
            out.add(r);
        }
        return out;
    }

    /** Strings as they are; numbers and booleans as text; objects and arrays refused. */
    static Lookup scalar(Object v) {
        if (v == null) {
            return new Lookup.NotFound();
        }
        if (v instanceof String) {
            return new Lookup.Found(ByteText.encode((String) v));
        }
        if (v instanceof BigDecimal) {
            return text(numberText((BigDecimal) v));
        }
        if (v instanceof Boolean) {
            return text(v.toString());
        }
        return new Lookup.NotScalar();
    }

    static String numberText(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() <= 0 && s.precision() - s.scale() <= 21 ? s.toPlainString() : s.toString();
    }

    private static Lookup text(String s) {
        return new Lookup.Found(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
