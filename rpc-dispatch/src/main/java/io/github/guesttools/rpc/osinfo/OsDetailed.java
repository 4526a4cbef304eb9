package io.github.guesttools.rpc.osinfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The body of {@code SetGuestInfo} type 11 ({@code hostinfo.h} {@code HostinfoDetailedDataHeader}):
 * u32 version 1 (little-endian), {@code shortName[129]}, {@code fullName[513]}, 2 bytes padding
 * (648 in all), then the detail string and a NUL.
 */
public final class OsDetailed {
    /** Size of the fixed header. */
    public static final int HEADER_SIZE = 648;

    private static final int SHORT_NAME = 129;
    private static final int FULL_NAME = 513;
    private static final int MAX_FIELD = 1024;
    private static final int MAX_DETAIL = 10240;

    private OsDetailed() {}

    /** Encodes the header and the detail string. */
    public static byte[] encode(OsInfo os) {
        byte[] detail = detailString(os).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + detail.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1);
        b.put(fixed(os.shortName(), SHORT_NAME));
        b.put(fixed(os.fullName(), FULL_NAME));
        b.position(HEADER_SIZE);
        b.put(detail);
        return b.array();
    }

    /**
     * Space-separated {@code key='value'} pairs in the fixed order, empty values left out; {@code '} and
     * {@code \} escaped with {@code \}; values trimmed of trailing spaces and capped at 1024 bytes, the
     * whole at 10240.
     */
    public static String detailString(OsInfo os) {
        String[][] fields = {
            {"architecture", os.architecture()},
            {"bitness", os.bitness()},
            {"buildNumber", ""},
            {"cpeString", os.cpeString()},
            {"distroAddlVersion", os.distroAddlVersion()},
            {"distroName", os.distroName()},
            {"distroVersion", os.distroVersion()},
            {"familyName", os.familyName()},
            {"kernelVersion", os.kernelVersion()},
            {"prettyName", os.prettyName()},
        };
        StringBuilder sb = new StringBuilder();
        for (String[] f : fields) {
            String v = truncate(f[1].stripTrailing(), MAX_FIELD);
            if (v.isEmpty()) {
                continue;
            }
            StringBuilder pair =
                    new StringBuilder(sb.length() == 0 ? "" : " ").append(f[0]).append("='");
            for (char c : v.toCharArray()) {
                if (c == '\'' || c == '\\') {
                    pair.append('\\');
                }
                pair.append(c);
            }
            pair.append('\'');
            if (sb.length() + pair.length() > MAX_DETAIL) {
                break;
            }
            sb.append(pair);
        }
        return sb.toString();
    }

    private static String truncate(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        String t = new String(b, 0, maxBytes, StandardCharsets.UTF_8);
        return t.endsWith("\uFFFD") ? t.substring(0, t.length() - 1) : t;
    }

    /** NUL-terminated, NUL-padded, truncated to leave room for the NUL. */
    private static byte[] fixed(String s, int size) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b.length < size ? b : Arrays.copyOf(b, size - 1), size);
    }
}
