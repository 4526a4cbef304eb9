package io.github.guesttools.rpc.nicinfo;

/**
 * XDR {@code IpAddressEntry}.
 *
 * @param address      the address
 * @param prefixLength the prefix length in bits
 * @param origin       {@code IpAddressOrigin} (1 other, 2 manual, 4 DHCP, 5 link layer, 6 random), or
 *                     {@code null} when absent
 * @param status       {@code IpAddressStatus} (1 preferred ... 8 optimistic), or {@code null} when absent
 */
public record IpAddressEntry(TypedAddress address, int prefixLength, Integer origin, Integer status) {
    /** {@code IAS_PREFERRED}. */
    public static final int STATUS_PREFERRED = 1;
    /** {@code IAS_UNKNOWN}. */
    public static final int STATUS_UNKNOWN = 5;
}
