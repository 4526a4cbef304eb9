package io.github.guesttools.rpc.nicinfo;

/** The size limits of {@code nicinfo.x} ({@code docs/protocols/rpc.md} §6.3). */
public final class NicInfoLimits {
    /** {@code NICINFO_MAX_NICS}. */
    public static final int MAX_NICS = 16;
    /** {@code NICINFO_MAX_IPS}: addresses per NIC in a V3 body. */
    public static final int MAX_IPS = 2048;
    /** {@code INFO_IPADDRESS_V2_MAX_IPS}: addresses per NIC when sent as type 9. */
    public static final int V2_MAX_IPS = 64;
    /** {@code NICINFO_MAX_IP_LEN}. */
    public static final int MAX_IP_LEN = 64;
    /** {@code NICINFO_MAC_LEN}. */
    public static final int MAC_LEN = 18;
    /** {@code NICINFO_MAX_ROUTES}. */
    public static final int MAX_ROUTES = 100;
    /** {@code INET_ADDRESS_MAX_LEN} and {@code DNSINFO_MAX_ADDRLEN}. */
    public static final int INET_ADDRESS_MAX_LEN = 255;
    /** {@code DNSINFO_MAX_SUFFIXES}. */
    public static final int MAX_SUFFIXES = 10;
    /** {@code DNSINFO_MAX_SERVERS}. */
    public static final int MAX_SERVERS = 16;
    /** {@code DHCP_MAX_CONFIG_SIZE}. */
    public static final int MAX_DHCP_CONFIG = 16384;

    private NicInfoLimits() {}
}
