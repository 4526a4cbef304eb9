package io.github.guesttools.hgfs.archive;

/**
 * Caps for one upload, against decompression bombs, entry floods and huge headers.
 *
 * @param maxEntries entries per archive
 * @param maxTotalBytes bytes of file content written in total
 * @param maxHeaderBytes bytes of headers, long names and padding (which the tar reader buffers
 *     in memory), beyond 4 KiB per entry
 */
public record ExtractionLimits(long maxEntries, long maxTotalBytes, long maxHeaderBytes) {
  /** One million entries, 64 GiB of content, 16 MiB of extra header data. */
  public static final ExtractionLimits DEFAULT =
      new ExtractionLimits(1_000_000, 64L << 30, 16L << 20);
}
