package io.github.guesttools.rpc.diskinfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The two wire forms of the disk list ({@code guest-info-disks.md} §2 and §4), byte for byte as
 * open-vm-tools sends them. Lists longer than {@value #MAX_ENTRIES} entries or than the RPCI limit are cut
 * from the end.
 */
public final class DiskInfoEncoder {
    /** The legacy count is one byte. */
    public static final int MAX_ENTRIES = 255;
    /** The host refuses guest messages over 64 KiB. */
    public static final int MAX_MESSAGE = 65536;
    /** The legacy mount-point field is 100 bytes, NUL included. */
    static final int NAME_BYTES = 99;

    private static final byte[] LEGACY_PREFIX = "SetGuestInfo  3 ".getBytes(StandardCharsets.US_ASCII);
    private static final int ENTRY = 116;

    private DiskInfoEncoder() {}

    /** {@code SetGuestDiskInfo {"version":"1","disks":[…]}} + NUL; entries beyond the limits are dropped. */
    public static byte[] json(List<DiskInfo> disks) {
        List<DiskInfo> kept = disks.subList(0, Math.min(disks.size(), MAX_ENTRIES));
        while (true) {
            byte[] message = jsonOf(kept);
            if (message.length <= MAX_MESSAGE || kept.isEmpty()) {
                return message;
            }
            kept = kept.subList(0, kept.size() - 1);
        }
    }

    private static byte[] jsonOf(List<DiskInfo> disks) {
        StringBuilder s = new StringBuilder("SetGuestDiskInfo {\n\"version\":\"1\",\n\"disks\":[\n");
        for (int i = 0; i < disks.size(); i++) {
            DiskInfo d = disks.get(i);
            if (i > 0) {
                s.append("},\n");
            }
            s.append("{\"name\":\"")
                    .append(Base64.getEncoder().encodeToString(name(d)))
                    .append("\",\"free\":\"")
                    .append(Long.toUnsignedString(d.free()))
                    .append("\",\"size\":\"")
                    .append(Long.toUnsignedString(d.size()))
                    .append('"');
            if (!d.fsType().isEmpty()) {
                s.append(",\"fstype\":\"").append(jsonSafe(d.fsType())).append('"');
            }
            if (!d.devices().isEmpty()) {
                s.append(",\"devices\":[");
                for (int j = 0; j < d.devices().size(); j++) {
                    s.append(j > 0 ? ",\"" : "\"")
                            .append(jsonSafe(d.devices().get(j)))
                            .append('"');
                }
                s.append(']');
            }
        }
        if (!disks.isEmpty()) {
            s.append("}\n");
        }
        s.append("]}\0");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code SetGuestInfo  3 }, a count byte, 116-byte little-endian entries (free, total, 100-byte
     * NUL-padded mount point), and the two zero bytes open-vm-tools' buffer always carries.
     */
    public static byte[] legacy(List<DiskInfo> disks) {
        int n = Math.min(disks.size(), MAX_ENTRIES);
        ByteBuffer b =
                ByteBuffer.allocate(LEGACY_PREFIX.length + 1 + ENTRY * n + 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put(LEGACY_PREFIX).put((byte) n);
        for (int i = 0; i < n; i++) {
            DiskInfo d = disks.get(i);
            b.putLong(d.free()).putLong(d.size());
            byte[] field = Arrays.copyOf(name(d), NAME_BYTES + 1);
            b.put(field);
        }
        return b.array();
    }

    /** The mount point's bytes cut to 99, identically in both forms so they name a disk the same way. */
    private static byte[] name(DiskInfo d) {
        byte[] raw = d.mountPoint().getBytes(StandardCharsets.UTF_8);
        return raw.length <= NAME_BYTES ? raw : Arrays.copyOf(raw, NAME_BYTES);
    }

    /** Types and device names are short identifiers; anything that would need JSON escaping is dropped. */
    private static String jsonSafe(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.chars().filter(c -> c >= 0x20 && c < 0x7F && c != '"' && c != '\\').forEach(c -> out.append((char) c));
        return out.toString();
    }
}
