package io.github.guesttools.hgfs.server;

import static io.github.guesttools.hgfs.server.TestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.AttrV2;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.OpenFile;
import io.github.guesttools.hgfs.spi.OpenOptions;
import io.github.guesttools.hgfs.spi.StreamFile;
import io.github.guesttools.hgfs.spi.TransferPath;
import io.github.guesttools.identity.Account;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions and handles belong to the caller that created them; handlers see the caller. */
class CallerBindingTest {
    static final Caller ALICE = Caller.of(account("alice", 5001));
    static final Caller BOB = Caller.of(account("bob", 5002));

    @TempDir
    Path dir;

    static Account account(String name, int uid) {
        return new Account(name, uid, uid, List.of(uid), "/", "");
    }

    final List<Caller> seen = new CopyOnWriteArrayList<>();

    /** Serves {@code /whoami/...}: a file whose content is the caller's user name. */
    final FileHandler whoami = new FileHandler() {
        @Override
        public FileAttributes stat(TransferPath path) throws HgfsException {
            throw new AssertionError("the server must pass the caller");
        }

        @Override
        public OpenFile open(TransferPath path, OpenOptions options) throws HgfsException {
            throw new AssertionError("the server must pass the caller");
        }

        @Override
        public FileAttributes stat(Caller caller, TransferPath path) {
            seen.add(caller);
            return FileAttributes.virtual(caller.user().length(), 0400, 4, Instant.EPOCH);
        }

        @Override
        public OpenFile open(Caller caller, TransferPath path, OpenOptions options) {
            seen.add(caller);
            return StreamFile.reading(new ByteArrayInputStream(caller.user().getBytes(StandardCharsets.UTF_8)));
        }
    };

    final HgfsServer server = HgfsServer.builder().handler("whoami", whoami).build();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void anotherCallersSessionIsStaleAndStaysIntactForItsOwner() throws Exception {
        Path file = dir.resolve("private");
        Files.writeString(file, "alice's data");
        TestClient alice = new TestClient(server, ALICE);
        alice.createSession();
        long handle = alice.openRead(file.toString());

        TestClient bob = alice.as(BOB);
        assertThat(status(bob.read(handle, 0, 100))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(bob.getattr(file.toString()))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(bob.open(file.toString(), 0))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(bob.openV3(dir.resolve("planted").toString(), 1, 4, 6, 0)))
                .isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(bob.setattr(file.toString(), 0, AttrV2.EMPTY))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(bob.close(handle))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(bob.destroy())).isEqualTo(HgfsStatus.STALE_SESSION);
        // the agent (TCLO "f", handle(byte[])) is a principal of its own
        assertThat(status(alice.as(null).read(handle, 0, 100))).isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(status(alice.as(Caller.agent(account("alice", 5001))).read(handle, 0, 100)))
                .isEqualTo(HgfsStatus.STALE_SESSION);
        assertThat(dir.resolve("planted")).doesNotExist();

        // the buffer variant checks the owner too
        byte[] request = HgfsCodec.encode(new HgfsPacket(
                HgfsHeader.request(TestClient.REQUEST_ID, HgfsOp.READ_V3, alice.session),
                new HgfsMessage.ReadV3Request(handle, 0, 100, 0)));
        byte[] out = new byte[HgfsServer.MAX_PACKET_SIZE];
        int n = server.handle(BOB, request, out, 0);
        assertThat(status(TestClient.decodeReply(Arrays.copyOf(out, n), HgfsOp.READ_V3)))
                .isEqualTo(HgfsStatus.STALE_SESSION);
        n = server.handle(ALICE, request, out, 0);
        assertThat(status(TestClient.decodeReply(Arrays.copyOf(out, n), HgfsOp.READ_V3)))
                .isEqualTo(HgfsStatus.SUCCESS);

        assertThat(alice.readData(handle, 0, 100)).isEqualTo("alice's data".getBytes());
        assertThat(status(alice.close(handle))).isEqualTo(HgfsStatus.SUCCESS);
        assertThat(status(alice.destroy())).isEqualTo(HgfsStatus.SUCCESS);
        assertThat(server.sessionCount()).isZero();
    }

    @Test
    void eachCallerHasItsOwnSessions() {
        TestClient alice = new TestClient(server, ALICE);
        TestClient bob = new TestClient(server, BOB);
        alice.createSession();
        bob.createSession();
        assertThat(new String(alice.download("/whoami/x"), StandardCharsets.UTF_8))
                .isEqualTo("alice");
        assertThat(new String(bob.download("/whoami/x"), StandardCharsets.UTF_8))
                .isEqualTo("bob");
        assertThat(status(alice.destroy())).isEqualTo(HgfsStatus.SUCCESS);
        assertThat(status(bob.destroy())).isEqualTo(HgfsStatus.SUCCESS);
    }

    @Test
    void handlersSeeTheCallerOfEveryOp() throws Exception {
        TestClient bob = new TestClient(server, BOB);
        bob.createSession();
        HgfsMessage.GetattrV2Reply attr = bob.ok(bob.getattr("/whoami/x"), HgfsMessage.GetattrV2Reply.class);
        assertThat(attr.attr().size()).isEqualTo(3);
        bob.download("/whoami/x");
        assertThat(server.stat(ALICE, "/whoami/x").size()).isEqualTo(5);

        TestClient agent = new TestClient(server);
        agent.createSession();
        assertThat(agent.download("/whoami/x")).isEqualTo(Caller.AGENT.user().getBytes(StandardCharsets.UTF_8));
        server.stat("/whoami/x");
        assertThat(seen).containsExactly(BOB, BOB, ALICE, Caller.AGENT, Caller.AGENT);
    }

    @Test
    void theAgentIsNotTheUserOfTheSameName() {
        assertThat(Caller.agent(account("root", 0))).isNotEqualTo(Caller.of(account("root", 0)));
        assertThat(Caller.AGENT.agent()).isTrue();
        assertThat(Caller.of(account("alice", 5001)).toString()).isEqualTo("alice");
        assertThat(Caller.agent(account("root", 0)).toString()).isEqualTo("agent(root)");
    }
}
