package io.github.guesttools.rpc.internal.xdr;

import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.NicInfoLimits;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The legacy {@code GuestNicInfoV1} C struct ({@code docs/protocols/rpc.md} §6.5), the last try of the NIC-info
 * fallback chain: u32 NIC count, then 16 entries of {u32 address count; {@code char mac[19]}
 * ({@code 00-50-56-aa-bb-cc}); {@code char ip[8][16]}} padded to 152 bytes; 2436 bytes in all, host
 * byte order (little-endian on every platform the VMX runs guests of this kind). IPv4 only, at most 8
 * per NIC.
 */
public final class NicInfoV1 {
    /** Size of the struct. */
    public static final int SIZE = 2436;

    private static final int ENTRY = 152;
    private static final int MAC = 19;
    private static final int IPS = 8;
    private static final int IP_LEN = 16;

    private NicInfoV1() {}

    /** Encodes the first 16 NICs and their first 8 IPv4 addresses. */
    public static byte[] encode(NicInfo info) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int nics = Math.min(info.nics().size(), NicInfoLimits.MAX_NICS);
        b.putInt(0, nics);
        for (int n = 0; n < nics; n++) {
            Nic nic = info.nics().get(n);
            int base = 4 + n * ENTRY;
            put(b, base + 4, nic.macAddress().replace(':', '-'), MAC);
            int count = 0;
            for (IpAddressEntry ip : nic.ips()) {
                if (count == IPS) {
                    break;
                }
                if (ip.address().toInetAddress() instanceof Inet4Address a) {
                    put(b, base + 4 + MAC + count * IP_LEN, a.getHostAddress(), IP_LEN);
                    count++;
                }
            }
            b.putInt(base, count);
        }
        return b.array();
    }

    private static void put(ByteBuffer b, int offset, String s, int size) {
        byte[] text = s.getBytes(StandardCharsets.US_ASCII);
        b.put(offset, text, 0, Math.min(text.length, size - 1));
    }
}
