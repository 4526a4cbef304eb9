package io.github.guesttools.hgfs.archive;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.HgfsException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Extracts a tar, tgz or txz (detected from the bytes) into a directory without letting any entry
 * out of it (docs/protocols/hgfs.md §13.5): absolute names, {@code ..}, paths through symlinks, symlinks and hard
 * links pointing outside, devices and FIFOs are refused; setuid/setgid/sticky bits and ownership
 * are dropped; each file is written under a temporary name and renamed into place; entry count,
 * total size, header bytes and the memory held for directories until the end are capped, so an
 * upload of a million directory entries stops with {@code NO_SPACE} instead of filling the heap.
 * The first refused entry stops the extraction.
 *
 * <p>Checks use lstat component by component; java.nio has no {@code openat}, so a local process
 * racing to swap a directory for a symlink between check and use is not covered.
 */
public final class SafeExtractor {
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Past this many remembered directories the cache starts over; it only saves lstat calls. */
    private static final int CHECKED_DIRECTORIES_CACHE = 4096;

    private final ExtractionLimits limits;

    /** An extractor with these limits. */
    public SafeExtractor(ExtractionLimits limits) {
        this.limits = limits;
    }

    /**
     * Extracts {@code in} into the existing directory {@code target}. Reads {@code in} only up to
     * the end of the archive.
     *
     * @throws UnsafeArchiveException for a refused entry or a limit
     * @throws HgfsException for data that is not an archive, truncated or corrupt
     */
    public void extract(InputStream in, Path target) throws HgfsException {
        try {
            Path root = target.toRealPath();
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new HgfsException(HgfsStatus.NOT_DIRECTORY, target + " is not a directory");
            }
            try (HeaderBudget budget = new HeaderBudget(decompressed(in))) {
                Run run = new Run(root, new EndAwareTarInputStream(budget));
                budget.run = run;
                run.extractAll();
            }
        } catch (HgfsException e) {
            throw e;
        } catch (EOFException e) {
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "archive truncated", e);
        } catch (java.nio.file.FileSystemException e) {
            throw HgfsException.of(e);
        } catch (IOException e) {
            // anything else comes from decompressing or parsing the stream
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "corrupt archive: " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-compress reports some malformed headers this way
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "corrupt archive: " + e.getMessage(), e);
        }
    }

    /**
     * Detects gzip, xz or plain tar and checks the first tar header. A compressed stream is
     * decompressed on its own thread into a bounded pipe, so that inflating and writing files use
     * two cores, as {@code tar -xz} does with its gzip process.
     */
    private static InputStream decompressed(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(new TrailerTrimmingInputStream(raw), XZ_MAGIC.length);
        byte[] magic = in.readNBytes(XZ_MAGIC.length);
        in.unread(magic);
        InputStream data;
        if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            data = Decompression.inBackground(new GzipCompressorInputStream(in, true));
        } else if (Arrays.equals(magic, XZ_MAGIC)) {
            data = Decompression.inBackground(new XZCompressorInputStream(in, true));
        } else {
            data = in;
        }
        PushbackInputStream tar = new PushbackInputStream(data, 512);
        byte[] header = tar.readNBytes(512);
        tar.unread(header);
        if (header.length < 512 || !TarArchiveInputStream.matches(header, header.length)) {
            tar.close();
            throw new HgfsException(HgfsStatus.INVALID_PARAMETER, "not a tar archive");
        }
        return tar;
    }

    /**
     * Counts the tar bytes that are not file content (headers, long names, PAX data, padding):
     * commons-compress buffers long names and PAX headers in memory without a cap, so a gzip bomb
     * in a header would exhaust the heap before any entry is seen.
     */
    private final class HeaderBudget extends java.io.FilterInputStream {
        private long count;
        Run run;

        HeaderBudget(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                charge(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                charge(n);
            }
            return n;
        }

        private void charge(int n) throws IOException {
            count += n;
            long headers = count - run.bytes;
            // read-ahead buffering in the tar reader is covered by the fixed 1 MiB
            if (headers > limits.maxHeaderBytes() + 4096 * (run.entries + 1) + (1 << 20)) {
                throw new UnsafeArchiveException(
                        HgfsStatus.NO_SPACE, "archive headers exceed " + limits.maxHeaderBytes() + " bytes");
            }
        }
    }

    /**
     * A tar reader that ends quietly when reading fails after the end-of-archive blocks: the padding
     * it skips there may run into bytes after the compressed stream (a download's trailer).
     */
    private static final class EndAwareTarInputStream extends TarArchiveInputStream {
        EndAwareTarInputStream(InputStream in) {
            super(in);
        }

        TarArchiveEntry nextEntry() throws IOException {
            try {
                return getNextEntry();
            } catch (IOException e) {
                if (isAtEOF() && !(e instanceof HgfsException)) {
                    return null;
                }
                throw e;
            }
        }
    }

    private record PendingDirectory(Path path, int mode, FileTime mtime) {}

    /** One extraction: state and the directories whose modes are applied at the end. */
    private final class Run {
        private final Path root;
        private final EndAwareTarInputStream tar;
        private final Deque<PendingDirectory> directories = new ArrayDeque<>();
        /**
         * Directories below the root already checked (or made) in this run. The extraction runs with
         * the requesting user's rights, so a later swap of one for a symlink can only redirect writes
         * to where that user could write anyway; re-checking every component of every entry doubled
         * the system calls for deep trees.
         */
        private final Set<Path> checkedDirectories = new HashSet<>();

        private final byte[] buffer = new byte[128 * 1024];
        private long entries;
        private long bytes;
        private long pendingBytes;

        Run(Path root, EndAwareTarInputStream tar) {
            this.root = root;
            this.tar = tar;
        }

        void extractAll() throws IOException {
            TarArchiveEntry e;
            while ((e = tar.nextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw new UnsafeArchiveException(
                            HgfsStatus.NO_SPACE, "more than " + limits.maxEntries() + " entries");
                }
                extract(e);
            }
            // deepest first, so that a read-only directory does not block its children
            while (!directories.isEmpty()) {
                PendingDirectory d = directories.pop();
                Files.setAttribute(d.path(), "unix:mode", d.mode(), LinkOption.NOFOLLOW_LINKS);
                Files.setLastModifiedTime(d.path(), d.mtime());
            }
        }

        private void extract(TarArchiveEntry e) throws IOException {
            String name = e.getName();
            List<String> parts = components(name, name);
            if (parts.isEmpty()) {
                return; // the root itself ("./")
            }
            Path parent = parents(parts, name);
            String last = parts.get(parts.size() - 1);
            Path dest = parent.resolve(last);
            int mode = e.getMode() & 0777;
            if (e.isDirectory()) {
                BasicFileAttributes a = lstat(dest);
                if (a == null) {
                    Files.createDirectory(dest);
                } else if (!a.isDirectory()) {
                    throw UnsafeArchiveException.refused(name, "exists and is not a directory");
                }
                pendingBytes += 2L * dest.toString().length() + ExtractionLimits.PENDING_ENTRY_OVERHEAD;
                if (pendingBytes > limits.maxPendingMetadataBytes()) {
                    throw new UnsafeArchiveException(
                            HgfsStatus.NO_SPACE,
                            "directory metadata exceeds " + limits.maxPendingMetadataBytes() + " bytes ("
                                    + directories.size() + " directories)");
                }
                directories.push(new PendingDirectory(dest, mode, e.getLastModifiedTime()));
            } else if (e.isSymbolicLink()) {
                String link = e.getLinkName();
                checkSymlinkTarget(parent, link, name);
                Path tmp = temporary(parent);
                Files.createSymbolicLink(tmp, Path.of(link));
                moveIntoPlace(tmp, dest, name);
            } else if (e.isLink()) {
                String linkName = e.getLinkName();
                List<String> targetParts = components(linkName, name);
                if (targetParts.isEmpty()) {
                    throw UnsafeArchiveException.refused(name, "hard link to the root");
                }
                Path linkTarget = parents(targetParts, name).resolve(targetParts.get(targetParts.size() - 1));
                BasicFileAttributes a = lstat(linkTarget);
                if (a == null || !a.isRegularFile()) {
                    throw UnsafeArchiveException.refused(name, "hard link to a missing or non-regular file");
                }
                Path tmp = temporary(parent);
                Files.createLink(tmp, linkTarget);
                moveIntoPlace(tmp, dest, name);
            } else if (isRegular(e)) {
                writeFile(e, parent, dest, mode);
            } else {
                throw UnsafeArchiveException.refused(
                        name, "type '" + (char) e.getLinkFlag() + "' (device, FIFO or other special file)");
            }
        }

        private void writeFile(TarArchiveEntry e, Path parent, Path dest, int mode) throws IOException {
            Path tmp = temporary(parent);
            boolean done = false;
            try {
                try (OutputStream out = Files.newOutputStream(
                        tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    byte[] buf = buffer;
                    int n;
                    while ((n = tar.read(buf)) > 0) {
                        bytes += n;
                        if (bytes > limits.maxTotalBytes()) {
                            throw new UnsafeArchiveException(
                                    HgfsStatus.NO_SPACE,
                                    "archive content exceeds " + limits.maxTotalBytes() + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                }
                Files.setAttribute(tmp, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
                Files.setLastModifiedTime(tmp, e.getLastModifiedTime());
                moveIntoPlace(tmp, dest, e.getName());
                done = true;
            } finally {
                if (!done) {
                    Files.deleteIfExists(tmp);
                }
            }
        }

        /**
         * A symlink target must be relative, with {@code ..} only as leading components, and stay in
         * the root. Leading {@code ..} climb real directories (parents are never symlinks), and the
         * rest only descends, through symlinks that by the same rule land inside: so following it
         * cannot leave the root, whatever order the links are created in.
         */
        private void checkSymlinkTarget(Path parent, String link, String name) throws HgfsException {
            if (link.isEmpty() || link.startsWith("/") || link.indexOf('\0') >= 0) {
                throw UnsafeArchiveException.refused(name, "absolute or empty symlink target " + link);
            }
            boolean leading = true;
            for (String part : link.split("/")) {
                if (part.equals("..")) {
                    if (!leading) {
                        throw UnsafeArchiveException.refused(name, "'..' inside symlink target " + link);
                    }
                } else if (!part.isEmpty() && !part.equals(".")) {
                    leading = false;
                }
            }
            if (!parent.resolve(link).normalize().startsWith(root)) {
                throw UnsafeArchiveException.refused(name, "symlink points outside: " + link);
            }
        }

        /** Renames over a file or symlink (never through it); never over a directory. */
        private void moveIntoPlace(Path tmp, Path dest, String name) throws IOException {
            try {
                // rename(2) itself refuses to replace a directory with a file, so no lstat is needed first
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                BasicFileAttributes a = lstat(dest);
                if (a != null && a.isDirectory()) {
                    Files.deleteIfExists(tmp);
                    throw UnsafeArchiveException.refused(name, "a directory is in the way");
                }
                throw e;
            }
        }

        private Path temporary(Path dir) {
            byte[] r = new byte[8];
            RANDOM.nextBytes(r);
            return dir.resolve(".hgfs-upload-" + HexFormat.of().formatHex(r) + ".tmp");
        }

        /** The directory that holds the last component, created as needed, never via a symlink. */
        private Path parents(List<String> parts, String name) throws IOException {
            Path dir = root;
            for (String part : parts.subList(0, parts.size() - 1)) {
                dir = dir.resolve(part);
                if (checkedDirectories.contains(dir)) {
                    continue;
                }
                BasicFileAttributes a = lstat(dir);
                if (a == null) {
                    try {
                        Files.createDirectory(dir);
                    } catch (FileAlreadyExistsException raced) {
                        a = lstat(dir);
                    }
                }
                if (a != null && (a.isSymbolicLink() || !a.isDirectory())) {
                    throw UnsafeArchiveException.refused(
                            name,
                            "path goes through " + (a.isSymbolicLink() ? "a symlink" : "a non-directory") + " at "
                                    + root.relativize(dir));
                }
                if (checkedDirectories.size() >= CHECKED_DIRECTORIES_CACHE) {
                    checkedDirectories.clear();
                }
                checkedDirectories.add(dir);
            }
            return dir;
        }
    }

    /** Not {@code isFile()}: commons-compress counts devices and FIFOs as files. */
    private static boolean isRegular(TarArchiveEntry e) {
        byte flag = e.getLinkFlag();
        return flag == TarConstants.LF_NORMAL
                || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG
                || flag == TarConstants.LF_GNUTYPE_SPARSE;
    }

    private static List<String> components(String name, String entry) throws HgfsException {
        if (name.startsWith("/")) {
            throw UnsafeArchiveException.refused(entry, "absolute name");
        }
        if (name.indexOf('\0') >= 0) {
            throw UnsafeArchiveException.refused(entry, "NUL in name");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw UnsafeArchiveException.refused(entry, "'..' component");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static BasicFileAttributes lstat(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
