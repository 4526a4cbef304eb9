package io.github.guesttools.rpc.netinfo;

import io.github.guesttools.rpc.nicinfo.NicInfoLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of {@code resolv.conf} the VMX wants: name servers (literal addresses only, so parsing
 * never triggers a DNS lookup), the {@code domain} and the {@code search} list (the last one wins, as
 * in the resolver).
 *
 * @param servers  name servers, at most 16
 * @param domain   the {@code domain} value, or {@code null}
 * @param searches search domains, at most 10, each at most 255 bytes
 */
record ResolvConf(List<InetAddress> servers, String domain, List<String> searches) {

    static ResolvConf parse(List<String> lines) {
        List<InetAddress> servers = new ArrayList<>();
        String domain = null;
        List<String> searches = List.of();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "nameserver" -> {
                    if (f.length > 1 && servers.size() < NicInfoLimits.MAX_SERVERS) {
                        InetAddress a = literal(f[1]);
                        if (a != null) {
                            servers.add(a);
                        }
                    }
                }
                case "domain" ->
                    domain = f.length > 1 && f[1].length() <= NicInfoLimits.INET_ADDRESS_MAX_LEN ? f[1] : null;
                case "search" -> {
                    List<String> s = new ArrayList<>();
                    for (int i = 1; i < f.length && s.size() < NicInfoLimits.MAX_SUFFIXES; i++) {
                        if (f[i].length() <= NicInfoLimits.INET_ADDRESS_MAX_LEN) {
                            s.add(f[i]);
                        }
                    }
                    searches = s;
                }
                default -> {
                    // other options do not concern the VMX
                }
            }
        }
        return new ResolvConf(List.copyOf(servers), domain, List.copyOf(searches));
    }

    private static InetAddress literal(String text) {
        int zone = text.indexOf('%');
        String t = zone >= 0 ? text.substring(0, zone) : text;
        if (t.isEmpty()
                || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                || t.indexOf(':') < 0 && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
