package io.github.guesttools.hgfs.server;

import static io.github.guesttools.hgfs.server.TestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.NtTime;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.StreamFile;
import io.github.guesttools.hgfs.spi.TransferPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attributes, random access, streams and SetattrV2 against real files. */
class FileOperationsTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    TestClient c;

    @BeforeEach
    void setUp() {
        FileHandler pipes = new FileHandler() {
            @Override
            public FileAttributes stat(TransferPath path) {
                return FileAttributes.virtual(FileAttributes.UNKNOWN_SIZE, 0600, 6, Instant.EPOCH);
            }

            @Override
            public OpenFile open(TransferPath path, OpenOptions options) {
                if (options.access() == OpenOptions.Access.WRITE) {
                    return StreamFile.writing(stdin);
                }
                byte[] data = new byte[200_000];
                new Random(1).nextBytes(data);
                return StreamFile.reading(new ByteArrayInputStream(data));
            }
        };
        c = new TestClient(HgfsServer.builder().handler("pipe", pipes).build());
        c.createSession();
    }

    AttrV2 attr(Path p) {
        return c.ok(c.getattr(p.toString()), HgfsMessage.GetattrV2Reply.class).attr();
    }

    @Test
    void attributesLikeVmtoolsd() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[5000]);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        Instant mtime = Instant.parse("2016-12-02T10:11:12.123456789Z");
        Files.setLastModifiedTime(f, FileTime.from(mtime));
        AttrV2 a = attr(f);
        assertThat(a.mask()).isEqualTo(0x2FBFF);
        assertThat(a.type()).isEqualTo(AttrV2.TYPE_REGULAR);
        assertThat(a.size()).isEqualTo(5000);
        assertThat(a.writeTime()).isEqualTo(NtTime.of(mtime)).isGreaterThan(116_444_736_000_000_000L);
        assertThat(NtTime.toInstant(a.writeTime())).isEqualTo(Instant.parse("2016-12-02T10:11:12.1234567Z"));
        assertThat(a.ownerPerms()).isEqualTo(7);
        assertThat(a.groupPerms()).isEqualTo(5);
        assertThat(a.otherPerms()).isZero();
        assertThat(a.userId()).isEqualTo(((Number) Files.getAttribute(f, "unix:uid")).longValue());
        assertThat(a.hostFileId()).isEqualTo(((Number) Files.getAttribute(f, "unix:ino")).longValue());
        assertThat(a.effectivePerms()).isEqualTo(7); // root, or the owner with rwx
        assertThat(a.allocationSize()).isGreaterThanOrEqualTo(5000);

        assertThat(attr(dir).type()).isEqualTo(AttrV2.TYPE_DIRECTORY);

        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("f"));
        var reply = c.ok(c.getattr(link.toString()), HgfsMessage.GetattrV2Reply.class);
        assertThat(reply.attr().type()).isEqualTo(AttrV2.TYPE_SYMLINK);
        assertThat(reply.symlinkTarget().text()).isEqualTo("f");
    }

    @Test
    void procFilesReportTheZeroSizeTrick() {
        AttrV2 a = c.ok(c.getattr("/proc/uptime"), HgfsMessage.GetattrV2Reply.class)
                .attr();
        assertThat(a.size()).isEqualTo(0xF800);
        long h = c.openRead("/proc/uptime");
        assertThat(new String(c.readAll(h)).trim()).matches("[0-9.]+ [0-9.]+");
    }

    @Test
    void readHonoursOffsetAndSize() throws Exception {
        byte[] data = new byte[300_000];
        new Random(2).nextBytes(data);
        Path f = dir.resolve("data");
        Files.write(f, data);
        long h = c.openRead(f.toString());
        assertThat(c.readData(h, 100_000, 1000)).isEqualTo(Arrays.copyOfRange(data, 100_000, 101_000));
        assertThat(c.readData(h, 5, 7)).isEqualTo(Arrays.copyOfRange(data, 5, 12));
        assertThat(c.readData(h, 299_990, 0xF000)).isEqualTo(Arrays.copyOfRange(data, 299_990, 300_000));
        assertThat(c.readData(h, 400_000, 0xF000)).isEmpty();
        // more than fits in a packet is capped
        assertThat(c.readData(h, 0, 0x10_0000)).hasSize(0xF800 - 65);
        assertThat(c.readAll(h)).isEqualTo(data);
    }

    @Test
    void answersIntoACallersBufferAtAnOffsetAsInANewArray() throws Exception {
        byte[] data = new byte[100_000];
        new Random(5).nextBytes(data);
        Path f = dir.resolve("into");
        Files.write(f, data);
        long h = c.openRead(f.toString());
        byte[] request =
                io.github.guesttools.hgfs.codec.HgfsCodec.encode(new io.github.guesttools.hgfs.codec.HgfsPacket(
                        io.github.guesttools.hgfs.codec.HgfsHeader.request(
                                TestClient.REQUEST_ID, io.github.guesttools.hgfs.codec.HgfsOp.READ_V3, c.session),
                        new HgfsMessage.ReadV3Request(h, 50_000, 0xF000, 0)));
        byte[] out = new byte[8 + HgfsServer.MAX_PACKET_SIZE];
        int n = c.server.handle(request, out, 8);
        assertThat(Arrays.copyOfRange(out, 8, 8 + n)).isEqualTo(c.server.handle(request));
        assertThat(c.readData(h, 50_000, 0xF000)).isEqualTo(Arrays.copyOfRange(data, 50_000, 100_000));
        // errors and other ops go into the buffer too
        byte[] bad = Arrays.copyOf(request, 30);
        n = c.server.handle(bad, out, 8);
        assertThat(Arrays.copyOfRange(out, 8, 8 + n)).isEqualTo(c.server.handle(bad));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.server.handle(request, out, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeHonoursOffsetAndAppend() throws Exception {
        Path f = dir.resolve("w");
        long h = c.openWrite(f.toString());
        c.ok(c.write(h, 10, 0, "world".getBytes()), HgfsMessage.WriteV3Reply.class);
        c.ok(c.write(h, 4, 0, "hello ".getBytes()), HgfsMessage.WriteV3Reply.class);
        var reply = c.ok(c.write(h, 0, 1, "!".getBytes()), HgfsMessage.WriteV3Reply.class);
        assertThat(reply.actualSize()).isEqualTo(1);
        c.close(h);
        assertThat(Files.readAllBytes(f)).isEqualTo("\0\0\0\0hello world!".getBytes());
    }

    @Test
    void streamsAreSequentialAndRefuseBackwardOffsets() {
        long h = c.openRead("/pipe/1/stdout");
        byte[] first = c.readData(h, 0, 1000);
        assertThat(first).hasSize(1000);
        assertThat(status(c.read(h, 0, 1000))).isEqualTo(HgfsStatus.INVALID_PARAMETER);
        byte[] skipped = c.readData(h, 2000, 100);
        byte[] all = new byte[200_000];
        new Random(1).nextBytes(all);
        assertThat(skipped).isEqualTo(Arrays.copyOfRange(all, 2000, 2100));
        assertThat(c.readData(h, 2100, 0xF000)).hasSize(0xF000);

        long w = c.openWrite("/pipe/1/stdin");
        c.ok(c.write(w, 0, 0, "ab".getBytes()), HgfsMessage.WriteV3Reply.class);
        assertThat(status(c.write(w, 0, 0, "cd".getBytes()))).isEqualTo(HgfsStatus.INVALID_PARAMETER);
        c.ok(c.write(w, 0, 1, "cd".getBytes()), HgfsMessage.WriteV3Reply.class);
        c.ok(c.write(w, 4, 0, "ef".getBytes()), HgfsMessage.WriteV3Reply.class);
        assertThat(stdin.toString()).isEqualTo("abcdef");
    }

    static AttrV2 perms(int special, int owner, int group, int other) {
        return new AttrV2(
                AttrV2.VALID_SPECIAL_PERMS
                        | AttrV2.VALID_OWNER_PERMS
                        | AttrV2.VALID_GROUP_PERMS
                        | AttrV2.VALID_OTHER_PERMS,
                0,
                0,
                0,
                0,
                0,
                0,
                special,
                owner,
                group,
                other,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0);
    }

    @Test
    void setattrAppliesModeIncludingNoneOwnerTimesAndSize() throws Exception {
        Path f = dir.resolve("s");
        Files.writeString(f, "0123456789");
        c.ok(c.setattr(f.toString(), 0, perms(0, 0, 0, 0)), HgfsMessage.LegacyReply.class);
        assertThat(Files.getAttribute(f, "unix:mode")).isEqualTo(0100000);
        c.ok(c.setattr(f.toString(), 0, perms(2, 7, 5, 4)), HgfsMessage.LegacyReply.class);
        assertThat(Files.getAttribute(f, "unix:mode")).isEqualTo(0102754);
        // only the owner bits: group and other stay
        AttrV2 ownerOnly = new AttrV2(AttrV2.VALID_OWNER_PERMS, 0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        c.ok(c.setattr(f.toString(), 0, ownerOnly), HgfsMessage.LegacyReply.class);
        assertThat(Files.getAttribute(f, "unix:mode")).isEqualTo(0102654);

        Instant atime = Instant.parse("2001-02-03T04:05:06.7Z");
        Instant mtime = Instant.parse("2002-03-04T05:06:07.8Z");
        AttrV2 times = new AttrV2(
                AttrV2.VALID_ACCESS_TIME | AttrV2.VALID_WRITE_TIME | AttrV2.VALID_SIZE,
                0,
                4,
                0,
                NtTime.of(atime),
                NtTime.of(mtime),
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0);
        c.ok(
                c.setattr(
                        f.toString(),
                        HgfsMessage.SetattrV2Request.HINT_SET_ACCESS_TIME
                                | HgfsMessage.SetattrV2Request.HINT_SET_WRITE_TIME,
                        times),
                HgfsMessage.LegacyReply.class);
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(mtime);
        assertThat(((FileTime) Files.getAttribute(f, "lastAccessTime")).toInstant())
                .isEqualTo(atime);
        assertThat(Files.readString(f)).isEqualTo("0123");
        AttrV2 grow = new AttrV2(AttrV2.VALID_SIZE, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        c.ok(c.setattr(f.toString(), 0, grow), HgfsMessage.LegacyReply.class);
        assertThat(Files.readAllBytes(f)).isEqualTo("0123\0\0".getBytes());

        long uid = ((Number) Files.getAttribute(f, "unix:uid")).longValue();
        AttrV2 owner = new AttrV2(
                AttrV2.VALID_USERID | AttrV2.VALID_GROUPID,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                uid == 0 ? 4321 : uid,
                uid == 0 ? 4322 : 0,
                0,
                0,
                0,
                0);
        var p = c.setattr(f.toString(), 0, owner);
        if (uid == 0) {
            assertThat(status(p)).isEqualTo(HgfsStatus.SUCCESS);
            assertThat(Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS))
                    .isEqualTo(4321);
            assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(4322);
        } else {
            assertThat(status(p)).isIn(HgfsStatus.OPERATION_NOT_PERMITTED, HgfsStatus.ACCESS_DENIED);
        }
    }

    @Test
    void setattrFailuresMapToStatuses() {
        assertThat(status(c.setattr(dir + "/missing", 0, perms(0, 6, 4, 4)))).isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
        assertThat(status(c.setattr("/pipe/1/stdin", 0, perms(0, 6, 4, 4))))
                .isEqualTo(HgfsStatus.OPERATION_NOT_SUPPORTED);
        // mask 0 (what the VMX sent in the recording) always succeeds
        assertThat(status(c.setattr("/pipe/1/stdin", 0, AttrV2.EMPTY))).isEqualTo(HgfsStatus.SUCCESS);
    }
}
