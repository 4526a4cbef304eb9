package io.github.guesttools.dist.iso;

import java.time.Instant;

/** ECMA-119 9.1 directory records. */
final class DirectoryRecords {
    private DirectoryRecords() {}

    static int fixedLength(int idLength) {
        return 33 + idLength + (idLength % 2 == 0 ? 1 : 0);
    }

    static int recordLength(int idLength, int systemUse) {
        int length = fixedLength(idLength) + systemUse;
        return length + (length % 2);
    }

    /** 9.1: a directory record. */
    static byte[] record(byte[] id, long extent, long size, boolean directory, Instant time, byte[] systemUse) {
        int length = recordLength(id.length, systemUse.length);
        Fields out = new Fields()
                .u8(length)
                .u8(0)
                .both32(extent)
                .both32(size)
                .shortDate(time)
                .u8(directory ? 0x02 : 0)
                .u8(0)
                .u8(0)
                .both16(1)
                .u8(id.length)
                .bytes(id);
        if (id.length % 2 == 0) {
            out.u8(0);
        }
        out.bytes(systemUse);
        if (out.length() < length) {
            out.u8(0);
        }
        if (out.length() != length || length > 255) {
            throw new IllegalStateException("directory record length " + out.length() + " != " + length);
        }
        return out.toByteArray();
    }
}
