package io.github.guesttools.rpc.nicinfo;

import java.util.List;

/**
 * XDR {@code DnsConfigInfo}.
 *
 * @param hostName       host name, or {@code null} when absent
 * @param domainName     domain name, or {@code null} when absent
 * @param servers        DNS servers (at most 16)
 * @param searchSuffixes search domains (at most 10), an XDR array of strings
 */
public record DnsConfig(String hostName, String domainName, List<TypedAddress> servers, List<String> searchSuffixes) {
    /** Copies the lists. */
    public DnsConfig {
        servers = List.copyOf(servers);
        searchSuffixes = List.copyOf(searchSuffixes);
    }
}
