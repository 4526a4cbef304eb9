package io.github.guesttools.backdoor.channel;

/**
 * The 4-byte packing of low-bandwidth payload calls, used in both directions: byte k of a chunk
 * travels in bits 8k..8k+7 of EBX (little-endian); a 1..3-byte tail is zero-extended. (The Go
 * library vmw-guestinfo byte-reverses a 3-byte tail; that is a bug and not done here.)
 */
public final class LowBandwidthChunks {

    private LowBandwidthChunks() {}

    /** Returns the number of chunks for a message of {@code length} bytes. */
    public static int count(int length) {
        return (length + 3) >>> 2;
    }

    /** Packs up to 4 bytes of {@code data} from {@code offset} (fewer at the end) into one EBX value. */
    public static int pack(byte[] data, int offset, int end) {
        int n = Math.min(4, end - offset);
        int value = 0;
        for (int k = 0; k < n; k++) {
            value |= (data[offset + k] & 0xFF) << (8 * k);
        }
        return value;
    }

    /** Unpacks up to 4 bytes of {@code value} into {@code data} at {@code offset}, stopping at {@code end}. */
    public static void unpack(int value, byte[] data, int offset, int end) {
        int n = Math.min(4, end - offset);
        for (int k = 0; k < n; k++) {
            data[offset + k] = (byte) (value >>> (8 * k));
        }
    }
}
