package io.github.guesttools.dist.iso;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SUSP 1.12 and RRIP 1.09 system-use entries, and their split between a record and its continuation area. */
final class RockRidge {
    static final String ER_ID = "RRIP_1991A";
    static final String ER_DESCRIPTOR =
            "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    static final String ER_SOURCE = "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  "
            + "SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    /** Bits of the RRIP 1.09 {@code RR} entry: which entries the record carries. */
    static final int RR_PX = 0x01;

    static final int RR_SL = 0x04;
    static final int RR_NM = 0x08;
    static final int RR_TF = 0x80;

    static final int CE_LENGTH = 28;
    /** libisofs refuses longer Rock Ridge symlink targets ("Rock Ridge path too long"). */
    static final int MAX_LINK_TARGET = 1023;
    /** Longest content of one NM or SL entry (255 minus the 5-byte header). */
    private static final int ENTRY_ROOM = 250;

    private RockRidge() {}

    static byte[] sp() {
        return new Fields().u8('S').u8('P').u8(7).u8(1).u8(0xBE).u8(0xEF).u8(0).toByteArray();
    }

    static byte[] rr(int flags) {
        return new Fields().u8('R').u8('R').u8(5).u8(1).u8(flags).toByteArray();
    }

    /** RRIP 1.09 PX: 36 bytes, no serial number. */
    static byte[] px(int posixMode, int links) {
        return new Fields()
                .u8('P')
                .u8('X')
                .u8(36)
                .u8(1)
                .both32(posixMode)
                .both32(links)
                .both32(0)
                .both32(0)
                .toByteArray();
    }

    /** TF with modify, access and attribute-change times, short form. */
    static byte[] tf(Instant time) {
        return new Fields()
                .u8('T')
                .u8('F')
                .u8(26)
                .u8(1)
                .u8(0x0E)
                .shortDate(time)
                .shortDate(time)
                .shortDate(time)
                .toByteArray();
    }

    /** One or more NM entries carrying the name's UTF-8 bytes. */
    static List<byte[]> nm(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IsoLimitException("name longer than 255 bytes: " + name);
        }
        List<byte[]> entries = new ArrayList<>();
        for (int start = 0; start < bytes.length; start += ENTRY_ROOM) {
            int end = Math.min(bytes.length, start + ENTRY_ROOM);
            int flags = end < bytes.length ? 0x01 : 0;
            entries.add(new Fields()
                    .u8('N')
                    .u8('M')
                    .u8(5 + end - start)
                    .u8(1)
                    .u8(flags)
                    .bytes(java.util.Arrays.copyOfRange(bytes, start, end))
                    .toByteArray());
        }
        return entries;
    }

    /** One or more SL entries holding the component records of a symlink target. */
    static List<byte[]> sl(String target) {
        if (target.getBytes(StandardCharsets.UTF_8).length > MAX_LINK_TARGET) {
            throw new IsoLimitException("symlink target longer than " + MAX_LINK_TARGET + " bytes: " + target);
        }
        List<byte[]> components = new ArrayList<>();
        if (target.startsWith("/")) {
            components.add(new byte[] {0x08});
        }
        for (String part : target.split("/")) {
            if (part.equals(".")) {
                components.add(new byte[] {0x02});
            } else if (part.equals("..")) {
                components.add(new byte[] {0x04});
            } else if (!part.isEmpty()) {
                byte[] text = part.getBytes(StandardCharsets.UTF_8);
                byte[] component = new byte[text.length + 1];
                System.arraycopy(text, 0, component, 1, text.length);
                components.add(component);
            }
        }
        // Readers disagree on whether a new SL entry starts a new path component (libarchive does
        // not, Linux does), so an entry never ends on a component boundary when more follow: the
        // component that crosses it is split with the component-continues flag instead.
        List<byte[]> entries = new ArrayList<>();
        Fields current = new Fields();
        for (int i = 0; i < components.size(); i++) {
            byte flags = components.get(i)[0];
            byte[] text = java.util.Arrays.copyOfRange(components.get(i), 1, components.get(i).length);
            boolean last = i == components.size() - 1;
            while (true) {
                int space = ENTRY_ROOM - current.length();
                int need = 2 + text.length;
                if (need <= space && (last || space - need >= 3 || text.length < 2)) {
                    current.u8(flags).u8(text.length).bytes(text);
                    break;
                }
                if (text.length >= 2 && space >= 3) {
                    int part = Math.min(space - 2, text.length - 1);
                    current.u8(0x01).u8(part).bytes(java.util.Arrays.copyOf(text, part));
                    text = java.util.Arrays.copyOfRange(text, part, text.length);
                }
                entries.add(slEntry(current.toByteArray(), true));
                current = new Fields();
            }
        }
        entries.add(slEntry(current.toByteArray(), false));
        return entries;
    }

    private static byte[] slEntry(byte[] components, boolean continued) {
        return new Fields()
                .u8('S')
                .u8('L')
                .u8(5 + components.length)
                .u8(1)
                .u8(continued ? 1 : 0)
                .bytes(components)
                .toByteArray();
    }

    static byte[] er() {
        byte[] id = ER_ID.getBytes(StandardCharsets.US_ASCII);
        byte[] des = ER_DESCRIPTOR.getBytes(StandardCharsets.US_ASCII);
        byte[] src = ER_SOURCE.getBytes(StandardCharsets.US_ASCII);
        return new Fields()
                .u8('E')
                .u8('R')
                .u8(8 + id.length + des.length + src.length)
                .u8(1)
                .u8(id.length)
                .u8(des.length)
                .u8(src.length)
                .u8(1)
                .bytes(id)
                .bytes(des)
                .bytes(src)
                .toByteArray();
    }

    static byte[] ce(long block, int offset, int length) {
        return new Fields()
                .u8('C')
                .u8('E')
                .u8(CE_LENGTH)
                .u8(1)
                .both32(block)
                .both32(offset)
                .both32(length)
                .toByteArray();
    }

    /**
     * Splits entries between the record (at most {@code room} bytes, a CE entry included when
     * needed) and a continuation area, keeping their order.
     */
    static Split split(List<byte[]> entries, int room) {
        int total = entries.stream().mapToInt(e -> e.length).sum();
        if (total <= room) {
            return new Split(concat(entries), new byte[0]);
        }
        int used = 0;
        int i = 0;
        while (i < entries.size() && used + entries.get(i).length + CE_LENGTH <= room) {
            used += entries.get(i).length;
            i++;
        }
        byte[] continuation = concat(entries.subList(i, entries.size()));
        if (continuation.length > IsoWriter.BLOCK) {
            throw new IsoLimitException(
                    "Rock Ridge data of one entry exceeds a continuation block (symlink target too long?)");
        }
        return new Split(concat(entries.subList(0, i)), continuation);
    }

    private static byte[] concat(List<byte[]> parts) {
        Fields out = new Fields();
        parts.forEach(out::bytes);
        return out.toByteArray();
    }

    /** System-use bytes kept in the record (without the CE entry) and those moved to a continuation area. */
    record Split(byte[] inline, byte[] continuation) {
        boolean continued() {
            return continuation.length > 0;
        }

        int recordLength() {
            return inline.length + (continued() ? CE_LENGTH : 0);
        }
    }
}
