package io.github.guesttools.dist.iso;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** ECMA-119 volume descriptors (8.4 primary, 8.5 Joliet supplementary, 8.3 terminator) and path tables (6.9). */
final class VolumeDescriptors {
    private VolumeDescriptors() {}

    /** 6.9: a path table, L (little endian) or M (big endian). */
    static byte[] pathTable(List<IsoNode> dirs, boolean primary, boolean littleEndian) {
        Fields out = new Fields();
        for (IsoNode dir : dirs) {
            byte[] id = dir.isRoot()
                    ? new byte[] {0}
                    : primary
                            ? dir.primaryId.getBytes(StandardCharsets.US_ASCII)
                            : dir.jolietId.getBytes(StandardCharsets.UTF_16BE);
            long extent = primary ? dir.primaryExtent : dir.jolietExtent;
            IsoNode parent = dir.isRoot() ? dir : dir.parent;
            int parentNumber = primary ? parent.primaryNumber : parent.jolietNumber;
            out.u8(id.length).u8(0);
            if (littleEndian) {
                out.le32(extent).le16(parentNumber);
            } else {
                out.be32(extent).be16(parentNumber);
            }
            out.bytes(id);
            if (id.length % 2 == 1) {
                out.u8(0);
            }
        }
        return out.toByteArray();
    }

    /** 8.4 (primary) or 8.5 (Joliet supplementary) volume descriptor. */
    static byte[] descriptor(
            String volumeId,
            String applicationId,
            boolean joliet,
            IsoNode root,
            long volumeBlocks,
            int tableSize,
            long tableL,
            long tableM,
            Instant time) {
        Fields out = new Fields()
                .u8(joliet ? 2 : 1)
                .bytes("CD001".getBytes(StandardCharsets.US_ASCII))
                .u8(1)
                .u8(0);
        text(out, joliet, "", 32);
        text(out, joliet, volumeId, 32);
        out.zeros(8).both32(volumeBlocks);
        if (joliet) {
            out.bytes(new byte[] {'%', '/', 'E'}).zeros(29);
        } else {
            out.zeros(32);
        }
        out.both16(1)
                .both16(1)
                .both16(IsoWriter.BLOCK)
                .both32(tableSize)
                .le32(tableL)
                .le32(0)
                .be32(tableM)
                .be32(0);
        out.bytes(
                joliet
                        ? DirectoryRecords.record(
                                new byte[] {0}, root.jolietExtent, root.jolietLength, true, time, new byte[0])
                        : DirectoryRecords.record(
                                new byte[] {0}, root.primaryExtent, root.primaryLength, true, time, new byte[0]));
        text(out, joliet, "", 128);
        text(out, joliet, "", 128);
        text(out, joliet, "", 128);
        text(out, joliet, applicationId, 128);
        text(out, joliet, "", 37);
        text(out, joliet, "", 37);
        text(out, joliet, "", 37);
        out.longDate(time).longDate(time).noLongDate().noLongDate().u8(1).u8(0);
        out.zeros(IsoWriter.BLOCK - out.length());
        return out.toByteArray();
    }

    static void text(Fields out, boolean joliet, String value, int width) {
        if (joliet) {
            out.ucs2(value, width);
        } else {
            out.text(value, width);
        }
    }

    static byte[] terminator() {
        return new Fields()
                .u8(255)
                .bytes("CD001".getBytes(StandardCharsets.US_ASCII))
                .u8(1)
                .zeros(IsoWriter.BLOCK - 7)
                .toByteArray();
    }
}
