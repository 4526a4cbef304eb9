package io.github.guesttools.rpc.nicinfo;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * XDR {@code TypedIpAddress}: an {@code InetAddressType} and the raw address bytes in network order.
 *
 * @param type    {@link #IPV4} or {@link #IPV6} for addresses built here; any value when decoded
 * @param address 4 or 16 bytes (up to 255 when decoded)
 */
public record TypedAddress(int type, byte[] address) {
    /** {@code INET_ADDRESS_TYPE_IPV4}. */
    public static final int IPV4 = 1;
    /** {@code INET_ADDRESS_TYPE_IPV6}. */
    public static final int IPV6 = 2;

    /** Copies the bytes, so the record stays immutable. */
    public TypedAddress {
        if (address.length > NicInfoLimits.INET_ADDRESS_MAX_LEN) {
            throw new IllegalArgumentException("address longer than 255 bytes");
        }
        address = address.clone();
    }

    /** Wraps a Java address (the scope id of an IPv6 address is dropped). */
    public static TypedAddress of(InetAddress address) {
        return new TypedAddress(address instanceof Inet4Address ? IPV4 : IPV6, address.getAddress());
    }

    /** Returns a copy of the address bytes. */
    @Override
    public byte[] address() {
        return address.clone();
    }

    /** The Java address, or {@code null} when the bytes are not a 4- or 16-byte address. */
    public InetAddress toInetAddress() {
        try {
            return address.length == 4 || address.length == 16 ? InetAddress.getByAddress(address) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    int length() {
        return address.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedAddress t && t.type == type && Arrays.equals(t.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        InetAddress a = toInetAddress();
        return a != null ? a.getHostAddress() : type + ":" + HexFormat.of().formatHex(address);
    }
}
