package io.github.guesttools.hgfs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.server.TestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of hostile archives, uploaded through the HGFS server: each is refused or stopped,
 * nothing appears outside the target, no temporary file is left, and the server keeps answering.
 */
class HostileArchiveTest {
    @TempDir
    Path tmp;

    Path outside;
    Path target;
    TestClient client;

    @BeforeEach
    void setUp() throws Exception {
        outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        target = Files.createDirectory(tmp.resolve("target"));
        client = new TestClient(HgfsServer.builder()
                .handler("archive", new ArchiveHandler(6, 1, new ExtractionLimits(100, 10L << 20, 1L << 20)))
                .build());
        client.createSession();
    }

    /** One archive entry: name, type flag, link target, content. */
    record E(String name, byte type, String link, byte[] data) {
        static E file(String name, String content) {
            return new E(name, TarConstants.LF_NORMAL, null, content.getBytes(StandardCharsets.UTF_8));
        }

        static E symlink(String name, String target) {
            return new E(name, TarConstants.LF_SYMLINK, target, new byte[0]);
        }

        static E hardlink(String name, String target) {
            return new E(name, TarConstants.LF_LINK, target, new byte[0]);
        }

        static E special(String name, byte type) {
            return new E(name, type, null, new byte[0]);
        }
    }

    static byte[] tar(E... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (E e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true);
                if (e.link() != null) {
                    t.setLinkName(e.link());
                }
                t.setSize(e.data().length);
                t.setMode(06755);
                tar.putArchiveEntry(t);
                tar.write(e.data());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static Stream<Object[]> corpus() throws Exception {
        String out = "../outside";
        byte[] bigTar = tar(new E("big.bin", TarConstants.LF_NORMAL, null, new byte[1 << 20]));
        E[] many = new E[150];
        for (int i = 0; i < many.length; i++) {
            many[i] = E.file("f" + i, "");
        }
        // a tar whose single file is 50 MiB of zeros: about 50 KiB compressed
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(bomb))) {
            TarArchiveEntry e = new TarArchiveEntry("bomb.bin");
            e.setSize(50L << 20);
            t.putArchiveEntry(e);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                t.write(zeros);
            }
            t.closeArchiveEntry();
        }
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        return Stream.of(
                new Object[] {"traversal", tar(E.file("../evil.txt", "x"))},
                new Object[] {"nested traversal", tar(E.file("a/b/../../../evil.txt", "x"))},
                new Object[] {"absolute name", tar(E.file("/tmp/hgfs-hostile-evil.txt", "x"))},
                new Object[] {"symlink escape then file", tar(E.symlink("link", out), E.file("link/evil.txt", "x"))},
                new Object[] {"absolute symlink", tar(E.symlink("link", "/etc"))},
                new Object[] {
                    "symlink to here then file through it", tar(E.symlink("here", "."), E.file("here/evil.txt", "x"))
                },
                new Object[] {"chained symlink escape", tar(E.symlink("s2", "s1/../../outside"), E.symlink("s1", "."))},
                new Object[] {"hard link outside", tar(E.hardlink("h", out + "/secret.txt"))},
                new Object[] {"absolute hard link", tar(E.hardlink("h", "/etc/passwd"))},
                new Object[] {"character device", tar(E.special("null", TarConstants.LF_CHR))},
                new Object[] {"block device", tar(E.special("sda", TarConstants.LF_BLK))},
                new Object[] {"fifo", tar(E.special("fifo", TarConstants.LF_FIFO))},
                new Object[] {"oversized pax header", oversizedHeader((byte) 'x')},
                new Object[] {"oversized long-name header", oversizedHeader(TarConstants.LF_GNUTYPE_LONGNAME)},
                new Object[] {"gzip bomb in a long-name header", gzip(longNameBomb())},
                new Object[] {"truncated tar", Arrays.copyOf(bigTar, 600_000)},
                new Object[] {"truncated tgz", Arrays.copyOf(gzip(bigTar), 600)},
                new Object[] {"gzip bomb beyond the size limit", bomb.toByteArray()},
                new Object[] {"too many entries", tar(many)},
                new Object[] {"not an archive", noise},
                new Object[] {"empty upload", new byte[0]});
    }

    /** A header of the given type claiming 8 GiB of extended-header data, then the stream ends. */
    static byte[] oversizedHeader(byte type) {
        byte[] header = new byte[512];
        byte[] name = "././@PaxHeader".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, header, 0, name.length);
        put(header, 100, "0000644 ");
        put(header, 108, "0000000 ");
        put(header, 116, "0000000 ");
        put(header, 124, "100000000000"); // 8 GiB in octal
        put(header, 136, "00000000000 ");
        header[156] = type;
        put(header, 257, "ustar\0");
        put(header, 263, "00");
        Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        put(header, 148, String.format("%06o\0 ", sum));
        byte[] out = Arrays.copyOf(header, 512 + 4096);
        Arrays.fill(out, 512, out.length, (byte) 'a');
        return out;
    }

    /** A GNU long-name header with 8 MiB of name, which a tar reader would buffer whole. */
    static byte[] longNameBomb() {
        byte[] h = oversizedHeader(TarConstants.LF_GNUTYPE_LONGNAME);
        put(h, 124, "00040000000 ");
        Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += h[i] & 0xFF;
        }
        put(h, 148, String.format("%06o\0 ", sum));
        byte[] out = Arrays.copyOf(h, 512 + (8 << 20) + 1024);
        Arrays.fill(out, 512, 512 + (8 << 20), (byte) 'a');
        return out;
    }

    private static void put(byte[] b, int at, String s) {
        byte[] v = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, b, at, v.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedOrStoppedAndNothingEscapes(String what, byte[] archive) throws Exception {
        Map<String, String> before = Trees.describe(outside);
        List<HgfsStatus> statuses = client.upload(target.toString(), archive);
        assertThat(statuses).as(what).anyMatch(s -> s != HgfsStatus.SUCCESS);
        assertThat(Trees.describe(outside)).isEqualTo(before);
        assertThat(Files.exists(Path.of("/tmp/hgfs-hostile-evil.txt"))).isFalse();
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.equals("evil.txt")
                            || n.startsWith(".hgfs-upload-")
                            || n.equals("big.bin")
                            || n.equals("bomb.bin"));
        }
        // the server is still serving
        assertThat(TestClient.status(client.getattr(outside + "/secret.txt"))).isEqualTo(HgfsStatus.SUCCESS);
    }

    @Test
    void specialBitsAndOwnershipAreDroppedButModesKept() throws Exception {
        List<HgfsStatus> statuses = client.upload("/archive:" + target, tar(E.file("tool", "#!/bin/sh\n")));
        assertThat(statuses).containsOnly(HgfsStatus.SUCCESS);
        assertThat(Files.getAttribute(target.resolve("tool"), "unix:mode")).isEqualTo(0100755);
    }

    @Test
    void aSymlinkAlreadyInTheTargetIsNotFollowed() throws Exception {
        Files.createSymbolicLink(target.resolve("out"), outside);
        List<HgfsStatus> statuses = client.upload(target.toString(), tar(E.file("out/evil.txt", "x")));
        assertThat(statuses).anyMatch(s -> s != HgfsStatus.SUCCESS);
        assertThat(outside.resolve("evil.txt")).doesNotExist();
        // a regular file entry replaces the symlink itself, never the file it points to
        statuses = client.upload(target.toString(), tar(E.file("out", "replaced")));
        assertThat(statuses).containsOnly(HgfsStatus.SUCCESS);
        assertThat(Files.isSymbolicLink(target.resolve("out"))).isFalse();
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    /**
     * Issue 11, attack 5: a small tgz of very many directory entries (here one directory, named
     * 300,000 times) made the extractor hold every entry's metadata until the end. With the default
     * limits it stops with NO_SPACE, leaves nothing pending, and the server goes on serving.
     */
    @Test
    void aFloodOfDirectoryEntriesIsStoppedByThePendingMetadataBudget() throws Exception {
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String name = "d".repeat(90) + "/";
            for (int i = 0; i < 300_000; i++) {
                t.putArchiveEntry(new TarArchiveEntry(name));
                t.closeArchiveEntry();
            }
        }
        assertThat(tgz.size()).isLessThan(2 << 20);
        TestClient defaults = new TestClient(HgfsServer.builder()
                .handler("archive", new ArchiveHandler(6, 1, ExtractionLimits.DEFAULT))
                .build());
        defaults.createSession();
        List<HgfsStatus> statuses = defaults.upload("/archive:" + target, tgz.toByteArray());
        assertThat(statuses).contains(HgfsStatus.NO_SPACE);
        assertThat(TestClient.status(defaults.getattr(outside + "/secret.txt"))).isEqualTo(HgfsStatus.SUCCESS);
    }
}
