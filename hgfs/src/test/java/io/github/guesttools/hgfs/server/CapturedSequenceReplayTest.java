package io.github.guesttools.hgfs.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.NtTime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VMX's recorded download and upload sequences (docs/protocols/hgfs.md §10), replayed against this server. */
class CapturedSequenceReplayTest {
    @TempDir
    Path dir;

    static byte[] captured(String name) throws IOException {
        try (InputStream in = CapturedSequenceReplayTest.class.getResourceAsStream("/captured/hgfs-" + name + ".bin")) {
            return in.readAllBytes();
        }
    }

    /** The recorded request with our session id in its header. */
    static byte[] withSession(byte[] request, long session) {
        byte[] copy = request.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(36, session);
        return copy;
    }

    /** The recorded request, re-encoded with another file name. */
    static byte[] renamed(byte[] request, long session, String path) throws Exception {
        HgfsPacket p = HgfsCodec.decodeRequest(request);
        CpName name = CpName.ofPath(path);
        HgfsMessage m = p.message();
        if (m instanceof HgfsMessage.GetattrV2Request r) {
            m = new HgfsMessage.GetattrV2Request(r.prefix(), r.hints(), r.handle(), name);
        } else if (m instanceof HgfsMessage.OpenRequest r) {
            m = new HgfsMessage.OpenRequest(r.prefix(), r.mode(), r.flags(), r.permissions(), name);
        } else if (m instanceof HgfsMessage.OpenV3Request r) {
            m = new HgfsMessage.OpenV3Request(
                    r.mask(),
                    r.mode(),
                    r.flags(),
                    r.specialPerms(),
                    r.ownerPerms(),
                    r.groupPerms(),
                    r.otherPerms(),
                    r.attr(),
                    r.allocationSize(),
                    r.desiredAccess(),
                    r.shareAccess(),
                    r.desiredLock(),
                    r.reserved1(),
                    r.reserved2(),
                    new HgfsMessage.FileNameV3(
                            r.name().flags(), r.name().caseType(), r.name().fid(), name));
        } else if (m instanceof HgfsMessage.SetattrV2Request r) {
            m = new HgfsMessage.SetattrV2Request(r.prefix(), r.hints(), r.attr(), r.handle(), name);
        }
        return withSession(HgfsCodec.encode(new HgfsPacket(p.header(), m)), session);
    }

    static HgfsPacket ok(byte[] reply) throws Exception {
        HgfsPacket p = HgfsCodec.decodeReply(reply);
        assertThat(HgfsStatus.of(p.header().status())).isEqualTo(HgfsStatus.SUCCESS);
        assertThat(p.header().requestId()).isEqualTo(0x80000000L);
        return p;
    }

    static long createSession(HgfsServer server) throws Exception {
        HgfsPacket p = ok(server.handle(captured("01-RequestCreateSessionV4")));
        var reply = (HgfsMessage.CreateSessionReply) p.message();
        assertThat(reply.maxPacketSize()).isEqualTo(0xF800);
        assertThat(reply.flags() & 1).isEqualTo(1);
        assertThat(reply.capabilities()).hasSize(65);
        assertThat(reply.capabilities().get(HgfsOp.READ_V3).flags()).isEqualTo(1);
        assertThat(reply.capabilities().get(HgfsOp.CREATE_SESSION_V4 + 2).flags())
                .isZero();
        return reply.sessionId();
    }

    @Test
    void downloadAsRecordedOfAFileOfOurOwn() throws Exception {
        HgfsServer server = HgfsServer.builder().build();
        long session = createSession(server);
        // The recording downloads /etc/hosts; the same requests name a file of our own instead
        // (a minimal system or container may have no /etc/hosts, and its content is not ours).
        Path file = dir.resolve("hosts");
        byte[] hosts =
                "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(file, hosts);

        var attr = ((HgfsMessage.GetattrV2Reply)
                        ok(server.handle(renamed(captured("03-RequestGetattrV2"), session, file.toString())))
                                .message())
                .attr();
        assertThat(attr.mask()).isEqualTo(AttrV2.LINUX_MASK);
        assertThat(attr.size()).isEqualTo(hosts.length);
        assertThat(attr.writeTime())
                .isEqualTo(NtTime.of(Files.getLastModifiedTime(file).toInstant()));

        long handle = ((HgfsMessage.OpenReply)
                        ok(server.handle(renamed(captured("05-RequestOpen"), session, file.toString())))
                                .message())
                .handle();
        assertThat(handle).isZero(); // the first handle of a fresh server, as in recording 07

        byte[] readReply = server.handle(withSession(captured("07-RequestReadV3"), session));
        ByteBuffer data = ((HgfsMessage.ReadV3Reply) ok(readReply).message()).data();
        byte[] got = new byte[data.remaining()];
        data.get(got);
        assertThat(got).isEqualTo(hosts);
        assertThat(readReply).hasSize(52 + 12 + hosts.length + 1);

        byte[] closeReply = server.handle(withSession(captured("09-RequestClose"), session));
        assertThat(closeReply).isEqualTo(withSession(captured("10-ReplyClose"), session));
        byte[] destroyReply = server.handle(withSession(captured("11-RequestDestroySessionV4"), session));
        assertThat(destroyReply).isEqualTo(withSession(captured("12-ReplyDestroySessionV4"), session));
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void uploadAsRecordedIntoATempDirectory() throws Exception {
        for (boolean setattrFirst : new boolean[] {true, false}) {
            HgfsServer server = HgfsServer.builder().build();
            long session = createSession(server);
            Path target = dir.resolve("resolv-" + setattrFirst + ".conf");
            Files.writeString(target, "old content that is longer than the upload, to be truncated\n".repeat(3));

            long handle = ((HgfsMessage.OpenV3Reply)
                            ok(server.handle(renamed(captured("13-RequestOpenV3"), session, target.toString())))
                                    .message())
                    .handle();
            byte[] write = withSession(captured("17-RequestWriteV3"), session);
            ByteBuffer.wrap(write).order(ByteOrder.LITTLE_ENDIAN).putInt(52, (int) handle);
            byte[] writeReply = server.handle(write);
            assertThat(writeReply).isEqualTo(withSession(captured("18-ReplyWriteV3"), session));

            byte[] setattr = renamed(captured("15-RequestSetattrV2"), session, target.toString());
            byte[] close = withSession(captured("09-RequestClose"), session);
            ByteBuffer.wrap(close).order(ByteOrder.LITTLE_ENDIAN).putInt(60, (int) handle);
            byte[][] order = setattrFirst ? new byte[][] {setattr, close} : new byte[][] {close, setattr};
            for (byte[] request : order) {
                ok(server.handle(request));
            }
            ok(server.handle(withSession(captured("11-RequestDestroySessionV4"), session)));

            byte[] expected = Arrays.copyOfRange(captured("17-RequestWriteV3"), 52 + 25, 52 + 25 + 70);
            assertThat(Files.readAllBytes(target)).isEqualTo(expected);
            assertThat(new String(expected, StandardCharsets.US_ASCII)).startsWith("nameserver");
        }
    }

    @Test
    void uploadCreatesTheFileWithOwnerPermissionsCopiedToGroupAndOtherUnderTheUmask() throws Exception {
        HgfsServer server = HgfsServer.builder().build();
        long session = createSession(server);
        Path target = dir.resolve("new.conf");
        long handle = ((HgfsMessage.OpenV3Reply)
                        ok(server.handle(renamed(captured("13-RequestOpenV3"), session, target.toString())))
                                .message())
                .handle();
        assertThat(handle).isGreaterThanOrEqualTo(0);
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(target));
        assertThat(perms).startsWith("rw-").doesNotContain("x");
        assertThat(perms.charAt(1)).isEqualTo('w');
    }
}
