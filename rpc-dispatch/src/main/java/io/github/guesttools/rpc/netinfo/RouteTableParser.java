package io.github.guesttools.rpc.netinfo;

import java.util.ArrayList;
import java.util.List;

/** Parses the kernel's route tables; lines that do not parse are skipped, never fatal. */
final class RouteTableParser {
    private static final int RTF_UP = 0x0001;
    private static final int RTF_GATEWAY = 0x0002;
    private static final int RTF_REJECT = 0x0200;
    private static final int RTF_LOCAL = 0x80000000;

    private RouteTableParser() {}

    /**
     * {@code /proc/net/route}: a header line, then {@code Iface Destination Gateway Flags RefCnt Use
     * Metric Mask ...} with addresses as 8 hex digits in host (little-endian) order.
     */
    static List<ProcRoute> parseIpv4(List<String> lines, int max) {
        List<ProcRoute> out = new ArrayList<>();
        for (int i = 1; i < lines.size() && out.size() < max; i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                int flags = Integer.parseUnsignedInt(f[3], 16);
                if ((flags & RTF_UP) == 0 || (flags & RTF_REJECT) != 0) {
                    continue;
                }
                byte[] dest = littleEndianIpv4(f[1]);
                byte[] mask = littleEndianIpv4(f[7]);
                int prefix = Integer.bitCount(Integer.parseUnsignedInt(f[7], 16));
                if (!contiguous(mask)) {
                    continue;
                }
                byte[] gw = (flags & RTF_GATEWAY) != 0 ? littleEndianIpv4(f[2]) : null;
                out.add(new ProcRoute(f[0], dest, prefix, gw, Integer.parseInt(f[6])));
            } catch (IllegalArgumentException e) {
                // a malformed line: skip it
            }
        }
        return out;
    }

    /**
     * {@code /proc/net/ipv6_route}: {@code dest plen src splen nexthop metric refcnt use flags iface},
     * addresses as 32 hex digits in network order, numbers in hex. Local, rejecting and multicast
     * routes are skipped.
     */
    static List<ProcRoute> parseIpv6(List<String> lines, int max) {
        List<ProcRoute> out = new ArrayList<>();
        for (String line : lines) {
            if (out.size() >= max) {
                break;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                int flags = (int) Long.parseLong(f[8], 16);
                if ((flags & RTF_UP) == 0 || (flags & (RTF_REJECT | RTF_LOCAL)) != 0) {
                    continue;
                }
                byte[] dest = hex(f[0], 16);
                if ((dest[0] & 0xff) == 0xff) {
                    continue;
                }
                int prefix = Integer.parseInt(f[1], 16);
                if (prefix > 128) {
                    continue;
                }
                byte[] gw = (flags & RTF_GATEWAY) != 0 ? hex(f[4], 16) : null;
                out.add(new ProcRoute(f[9], dest, prefix, gw, (int) Long.parseLong(f[5], 16)));
            } catch (IllegalArgumentException e) {
                // a malformed line: skip it
            }
        }
        return out;
    }

    private static byte[] littleEndianIpv4(String hex8) {
        byte[] b = hex(hex8, 4);
        return new byte[] {b[3], b[2], b[1], b[0]};
    }

    private static boolean contiguous(byte[] mask) {
        int m = (mask[0] & 0xff) << 24 | (mask[1] & 0xff) << 16 | (mask[2] & 0xff) << 8 | mask[3] & 0xff;
        return (~m & (~m + 1)) == 0;
    }

    private static byte[] hex(String s, int bytes) {
        if (s.length() != 2 * bytes) {
            throw new IllegalArgumentException("bad hex length");
        }
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
