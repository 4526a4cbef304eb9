package io.github.guesttools.rpc.nicinfo;

/**
 * XDR {@code DhcpConfigInfo}.
 *
 * @param enabled  whether DHCP is enabled
 * @param settings free-form settings text (at most 16384 bytes)
 */
public record DhcpConfig(boolean enabled, String settings) {}
