package io.github.guesttools.hgfs.archive;

/**
 * Caps for one upload, against decompression bombs, entry floods and huge headers.
 *
 * @param maxEntries entries per archive
 * @param maxTotalBytes bytes of file content written in total
 * @param maxHeaderBytes bytes of headers, long names and padding (which the tar reader buffers
 *     in memory), beyond 4 KiB per entry
 * @param maxPendingMetadataBytes memory for what is applied after the last entry (each
 *     directory's mode and time, kept until its children are written), counted as twice the path
 *     length plus {@value #PENDING_ENTRY_OVERHEAD} bytes per directory entry
 */
public record ExtractionLimits(long maxEntries, long maxTotalBytes, long maxHeaderBytes, long maxPendingMetadataBytes) {
    /** The estimated heap cost of one pending directory besides its path's characters. */
    public static final int PENDING_ENTRY_OVERHEAD = 160;

    /**
     * One million entries, 64 GiB of content, 16 MiB of extra header data, 16 MiB of pending
     * directory metadata (about 70,000 directories with 40-character paths).
     */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(1_000_000, 64L << 30, 16L << 20, 16L << 20);

    /** Limits with the default pending-metadata budget. */
    public ExtractionLimits(long maxEntries, long maxTotalBytes, long maxHeaderBytes) {
        this(maxEntries, maxTotalBytes, maxHeaderBytes, 16L << 20);
    }
}
