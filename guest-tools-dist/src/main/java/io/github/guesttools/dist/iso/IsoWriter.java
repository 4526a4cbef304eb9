package io.github.guesttools.dist.iso;

import io.github.guesttools.dist.tree.ImageTree;
import io.github.guesttools.dist.tree.TreeEntry;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an {@link ImageTree} as an ISO 9660 image with Rock Ridge and Joliet.
 *
 * <pre>{@code
 * new IsoWriter("Guest Tools").write(ImageTree.scan(dir, timestamp), Path.of("tools.iso"));
 * }</pre>
 *
 * <p>The output depends only on the tree: every date is the tree's timestamp and every owner is
 * root. See the package documentation for what is and is not supported.
 */
public final class IsoWriter {
    static final int BLOCK = 2048;
    private static final long MAX_FILE = 0xFFFF_FFFFL;
    private static final int FIRST_DESCRIPTOR = 16;

    private final String volumeId;
    private final String applicationId;

    /**
     * @param volumeId the volume label (at most 16 characters, the Joliet limit), e.g. {@code Guest Tools}
     */
    public IsoWriter(String volumeId) {
        this(volumeId, "GUEST-TOOLS-DIST");
    }

    /**
     * @param volumeId the volume label (at most 16 characters, the Joliet limit)
     * @param applicationId the application identifier recorded in both volume descriptors
     */
    public IsoWriter(String volumeId, String applicationId) {
        this.volumeId = Objects.requireNonNull(volumeId, "volumeId");
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
        if (volumeId.length() > 16) {
            throw new IsoLimitException("volume id longer than 16 characters: " + volumeId);
        }
    }

    /**
     * Writes the image.
     *
     * @throws IsoLimitException if the tree does not fit what this writer supports (file of 4 GiB
     *     or more, name over 255 bytes, more than 65535 directories)
     * @throws IOException if reading a source or writing the output fails, or a source's size
     *     changed since the tree was made
     */
    public void write(ImageTree tree, Path output) throws IOException {
        Instant time = tree.timestamp();
        IsoNode root = buildNodes(tree);
        List<IsoNode> primaryDirs = pathTableOrder(root, true);
        List<IsoNode> jolietDirs = pathTableOrder(root, false);
        if (primaryDirs.size() > 0xFFFF) {
            throw new IsoLimitException("more than 65535 directories");
        }
        RockRidge.Split rootDot = placeSystemUse(root, primaryDirs, time);

        // Allocation, in the order the regions are written.
        long next = FIRST_DESCRIPTOR + 3;
        byte[] primaryTableL = VolumeDescriptors.pathTable(primaryDirs, true, true);
        int tableBlocks = blocks(primaryTableL.length);
        long primaryL = next;
        long primaryM = primaryL + tableBlocks;
        int jolietTableBlocks = blocks(VolumeDescriptors.pathTable(jolietDirs, false, true).length);
        long jolietL = primaryM + tableBlocks;
        long jolietM = jolietL + jolietTableBlocks;
        next = jolietM + jolietTableBlocks;
        // Each directory's continuation areas follow its extent: libarchive reads a CE block only
        // when it comes right after the directory it has just read.
        long rootDotCe = 0;
        for (IsoNode dir : primaryDirs) {
            dir.primaryLength = extentLength(primaryRecordLengths(dir, rootDot));
            dir.primaryExtent = next;
            dir.continuation = new ContinuationArea(next + dir.primaryLength / BLOCK);
            if (dir.isRoot()) {
                rootDotCe = dir.continuation.place(rootDot.continuation());
            }
            for (IsoNode child : dir.primaryChildren) {
                if (child.systemUse.continued()) {
                    long at = dir.continuation.place(child.systemUse.continuation());
                    child.ceBlock = at / BLOCK;
                    child.ceOffset = (int) (at % BLOCK);
                }
            }
            next = dir.continuation.end();
        }
        for (IsoNode dir : jolietDirs) {
            dir.jolietLength = extentLength(jolietRecordLengths(dir));
            dir.jolietExtent = next;
            next += dir.jolietLength / BLOCK;
        }
        List<IsoNode> files = new ArrayList<>();
        collectFiles(root, files);
        for (IsoNode file : files) {
            file.dataBlock = next;
            next += blocks(file.size());
        }
        long volumeBlocks = next;

        try (OutputStream raw = Files.newOutputStream(output);
                CountingStream out = new CountingStream(new BufferedOutputStream(raw, 1 << 16))) {
            out.write(new byte[FIRST_DESCRIPTOR * BLOCK]);
            out.write(VolumeDescriptors.descriptor(
                    volumeId,
                    applicationId,
                    false,
                    root,
                    volumeBlocks,
                    primaryTableL.length,
                    primaryL,
                    primaryM,
                    time));
            out.write(VolumeDescriptors.descriptor(
                    volumeId,
                    applicationId,
                    true,
                    root,
                    volumeBlocks,
                    VolumeDescriptors.pathTable(jolietDirs, false, true).length,
                    jolietL,
                    jolietM,
                    time));
            out.write(VolumeDescriptors.terminator());
            out.expectBlock(primaryL);
            out.writePadded(VolumeDescriptors.pathTable(primaryDirs, true, true));
            out.writePadded(VolumeDescriptors.pathTable(primaryDirs, true, false));
            out.writePadded(VolumeDescriptors.pathTable(jolietDirs, false, true));
            out.writePadded(VolumeDescriptors.pathTable(jolietDirs, false, false));
            for (IsoNode dir : primaryDirs) {
                out.expectBlock(dir.primaryExtent);
                writeExtent(out, primaryRecords(dir, rootDot, rootDotCe, time), dir.primaryLength);
                dir.continuation.writeTo(out);
            }
            for (IsoNode dir : jolietDirs) {
                out.expectBlock(dir.jolietExtent);
                writeExtent(out, jolietRecords(dir, time), dir.jolietLength);
            }
            for (IsoNode file : files) {
                out.expectBlock(file.dataBlock);
                copy(file.entry, out);
            }
            out.expectBlock(volumeBlocks);
        }
    }

    private static IsoNode buildNodes(ImageTree tree) {
        IsoNode root = new IsoNode(null, null);
        Map<String, IsoNode> byPath = new HashMap<>();
        byPath.put("", root);
        for (TreeEntry entry : tree.entries()) {
            if (entry.kind() == TreeEntry.Kind.FILE && entry.size() > MAX_FILE) {
                throw new IsoLimitException("file of 4 GiB or more (not supported): " + entry.path());
            }
            IsoNode parent = byPath.get(entry.parent());
            IsoNode node = new IsoNode(entry, parent);
            parent.children.add(node);
            byPath.put(entry.path(), node);
        }
        assignIdentifiers(root);
        return root;
    }

    private static void assignIdentifiers(IsoNode dir) {
        List<String> names = new ArrayList<>();
        List<Boolean> dirs = new ArrayList<>();
        for (IsoNode child : dir.children) {
            names.add(child.entry.name());
            dirs.add(child.isDirectory());
        }
        List<String> primary = Identifiers.primary(names, dirs);
        List<String> joliet = Identifiers.joliet(names);
        List<IsoNode> jolietChildren = new ArrayList<>();
        for (int i = 0; i < dir.children.size(); i++) {
            IsoNode child = dir.children.get(i);
            child.primaryId = primary.get(i);
            child.jolietId = joliet.get(i);
            if (child.entry.kind() != TreeEntry.Kind.SYMLINK) {
                jolietChildren.add(child);
            }
            if (child.isDirectory()) {
                assignIdentifiers(child);
            }
        }
        List<IsoNode> primaryChildren = new ArrayList<>(dir.children);
        primaryChildren.sort(Comparator.comparing((IsoNode n) -> n.primaryId, Identifiers.RECORD_ORDER));
        jolietChildren.sort(Comparator.comparing((IsoNode n) -> n.jolietId, Identifiers.RECORD_ORDER));
        dir.primaryChildren = List.copyOf(primaryChildren);
        dir.jolietChildren = List.copyOf(jolietChildren);
    }

    /** Level by level, each directory's subdirectories in record order: the order of 6.9.1. */
    private static List<IsoNode> pathTableOrder(IsoNode root, boolean primary) {
        List<IsoNode> order = new ArrayList<>();
        Deque<IsoNode> queue = new ArrayDeque<>();
        queue.add(root);
        while (!queue.isEmpty()) {
            IsoNode dir = queue.remove();
            order.add(dir);
            if (primary) {
                dir.primaryNumber = order.size();
            } else {
                dir.jolietNumber = order.size();
            }
            for (IsoNode child : primary ? dir.primaryChildren : dir.jolietChildren) {
                if (child.isDirectory()) {
                    queue.add(child);
                }
            }
        }
        return order;
    }

    /** Decides each primary record's Rock Ridge entries; returns those of the root's {@code .}. */
    private static RockRidge.Split placeSystemUse(IsoNode root, List<IsoNode> dirs, Instant time) {
        for (IsoNode dir : dirs) {
            for (IsoNode child : dir.primaryChildren) {
                List<byte[]> entries = new ArrayList<>();
                boolean link = child.entry.kind() == TreeEntry.Kind.SYMLINK;
                entries.add(RockRidge.rr(
                        RockRidge.RR_PX | RockRidge.RR_TF | RockRidge.RR_NM | (link ? RockRidge.RR_SL : 0)));
                entries.add(RockRidge.px(child.posixMode(), child.links()));
                entries.add(RockRidge.tf(time));
                entries.addAll(RockRidge.nm(child.entry.name()));
                if (link) {
                    entries.addAll(RockRidge.sl(child.entry.linkTarget()));
                }
                child.systemUse = RockRidge.split(entries, systemUseRoom(child.primaryId.length()));
            }
        }
        List<byte[]> dot = new ArrayList<>(dotEntries(root, time));
        dot.add(0, RockRidge.sp());
        dot.add(RockRidge.er());
        return RockRidge.split(dot, systemUseRoom(1));
    }

    private static List<byte[]> dotEntries(IsoNode dir, Instant time) {
        return List.of(
                RockRidge.rr(RockRidge.RR_PX | RockRidge.RR_TF),
                RockRidge.px(dir.posixMode(), dir.links()),
                RockRidge.tf(time));
    }

    /** Records are at most 255 bytes and we keep them even, so 254 minus the fixed part and identifier. */
    private static int systemUseRoom(int idLength) {
        return 254 - DirectoryRecords.fixedLength(idLength);
    }

    private static List<Integer> primaryRecordLengths(IsoNode dir, RockRidge.Split rootDot) {
        List<Integer> lengths = new ArrayList<>();
        int dotSystemUse = dir.isRoot() ? rootDot.recordLength() : sum(dotEntries(dir, Instant.EPOCH));
        lengths.add(DirectoryRecords.recordLength(1, dotSystemUse));
        lengths.add(DirectoryRecords.recordLength(1, sum(dotEntries(dir, Instant.EPOCH))));
        for (IsoNode child : dir.primaryChildren) {
            lengths.add(DirectoryRecords.recordLength(child.primaryId.length(), child.systemUse.recordLength()));
        }
        return lengths;
    }

    private static List<Integer> jolietRecordLengths(IsoNode dir) {
        List<Integer> lengths = new ArrayList<>(List.of(34, 34));
        for (IsoNode child : dir.jolietChildren) {
            lengths.add(DirectoryRecords.recordLength(2 * child.jolietId.length(), 0));
        }
        return lengths;
    }

    private static int sum(List<byte[]> parts) {
        return parts.stream().mapToInt(p -> p.length).sum();
    }

    /** 6.8.1.1: a record never crosses a block boundary. */
    private static int extentLength(List<Integer> recordLengths) {
        int position = 0;
        for (int length : recordLengths) {
            if (position % BLOCK + length > BLOCK) {
                position += BLOCK - position % BLOCK;
            }
            position += length;
        }
        return blocks(position) * BLOCK;
    }

    private List<byte[]> primaryRecords(IsoNode dir, RockRidge.Split rootDot, long rootDotCeOffset, Instant time) {
        List<byte[]> records = new ArrayList<>();
        byte[] dotSystemUse = dir.isRoot()
                ? withContinuation(rootDot, rootDotCeOffset / BLOCK, (int) (rootDotCeOffset % BLOCK))
                : concat(dotEntries(dir, time));
        records.add(DirectoryRecords.record(
                new byte[] {0}, dir.primaryExtent, dir.primaryLength, true, time, dotSystemUse));
        IsoNode up = dir.isRoot() ? dir : dir.parent;
        records.add(DirectoryRecords.record(
                new byte[] {1}, up.primaryExtent, up.primaryLength, true, time, concat(dotEntries(up, time))));
        for (IsoNode child : dir.primaryChildren) {
            byte[] id = child.primaryId.getBytes(StandardCharsets.US_ASCII);
            byte[] su = withContinuation(child.systemUse, child.ceBlock, child.ceOffset);
            records.add(
                    child.isDirectory()
                            ? DirectoryRecords.record(id, child.primaryExtent, child.primaryLength, true, time, su)
                            : DirectoryRecords.record(id, child.dataBlock, child.size(), false, time, su));
        }
        return records;
    }

    private List<byte[]> jolietRecords(IsoNode dir, Instant time) {
        List<byte[]> records = new ArrayList<>();
        records.add(
                DirectoryRecords.record(new byte[] {0}, dir.jolietExtent, dir.jolietLength, true, time, new byte[0]));
        IsoNode up = dir.isRoot() ? dir : dir.parent;
        records.add(DirectoryRecords.record(new byte[] {1}, up.jolietExtent, up.jolietLength, true, time, new byte[0]));
        for (IsoNode child : dir.jolietChildren) {
            byte[] id = child.jolietId.getBytes(StandardCharsets.UTF_16BE);
            records.add(
                    child.isDirectory()
                            ? DirectoryRecords.record(
                                    id, child.jolietExtent, child.jolietLength, true, time, new byte[0])
                            : DirectoryRecords.record(id, child.dataBlock, child.size(), false, time, new byte[0]));
        }
        return records;
    }

    private static byte[] withContinuation(RockRidge.Split split, long block, int offset) {
        if (!split.continued()) {
            return split.inline();
        }
        return new Fields()
                .bytes(split.inline())
                .bytes(RockRidge.ce(block, offset, split.continuation().length))
                .toByteArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        Fields out = new Fields();
        parts.forEach(out::bytes);
        return out.toByteArray();
    }

    private static void writeExtent(CountingStream out, List<byte[]> records, int extentLength) throws IOException {
        long start = out.position();
        for (byte[] record : records) {
            long inBlock = (out.position() - start) % BLOCK;
            if (inBlock + record.length > BLOCK) {
                out.write(new byte[(int) (BLOCK - inBlock)]);
            }
            out.write(record);
        }
        long written = out.position() - start;
        if (written > extentLength) {
            throw new IllegalStateException("directory extent overflow");
        }
        out.write(new byte[(int) (extentLength - written)]);
    }

    private static void collectFiles(IsoNode dir, List<IsoNode> files) {
        for (IsoNode child : dir.children) {
            if (child.isDirectory()) {
                collectFiles(child, files);
            } else if (child.entry.kind() == TreeEntry.Kind.FILE && child.size() > 0) {
                files.add(child);
            }
        }
    }

    private static void copy(TreeEntry entry, CountingStream out) throws IOException {
        long copied;
        try (InputStream in = Files.newInputStream(entry.source())) {
            copied = in.transferTo(out);
        }
        if (copied != entry.size()) {
            throw new IOException(entry.source() + " changed size while the image was written (" + entry.size() + " -> "
                    + copied + " bytes)");
        }
        out.write(new byte[(int) ((BLOCK - copied % BLOCK) % BLOCK)]);
    }

    static int blocks(long bytes) {
        return (int) ((bytes + BLOCK - 1) / BLOCK);
    }
}
