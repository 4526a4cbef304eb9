package io.github.guesttools.hgfs.server;

import static io.github.guesttools.hgfs.server.TestClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.spi.Caller;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, attacks 4 and 7: one caller can hold only so many handles per session and so many
 * sessions; past that it gets the HGFS error while other users and the agent itself still work.
 */
class PerUserLimitsTest {
    static final Caller ALICE = Caller.of(CallerBindingTest.account("alice", 5001));
    static final Caller BOB = Caller.of(CallerBindingTest.account("bob", 5002));

    @TempDir
    Path dir;

    HgfsServer server = HgfsServer.builder()
            .maxSessionsPerUser(2)
            .maxAgentSessions(3)
            .maxHandlesPerSession(5)
            .build();

    @Test
    void aSessionHoldsAtMostItsHandleLimitAndCostsNoDescriptorPastIt() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "data");
        TestClient alice = new TestClient(server, ALICE);
        alice.createSession();
        List<Long> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(alice.openRead(file.toString()));
        }
        long fds = openDescriptors();
        for (int i = 0; i < 20; i++) {
            assertThat(status(alice.open(file.toString(), 0))).isEqualTo(HgfsStatus.GENERIC_ERROR);
        }
        // a little slack for the JVM itself; 20 leaked descriptors would show
        assertThat(openDescriptors()).isLessThanOrEqualTo(fds + 2);

        TestClient bob = new TestClient(server, BOB);
        bob.createSession();
        assertThat(bob.readData(bob.openRead(file.toString()), 0, 10)).hasSize(4);

        assertThat(status(alice.close(handles.get(0)))).isEqualTo(HgfsStatus.SUCCESS);
        alice.openRead(file.toString());
    }

    @Test
    void aUserHoldingAllOfTheirSessionsLeavesOthersAndTheAgentTheirs() {
        for (int i = 0; i < 2; i++) {
            new TestClient(server, ALICE).createSession();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(status(createSession(new TestClient(server, ALICE)))).isEqualTo(HgfsStatus.TOO_MANY_SESSIONS);
        }
        // another user still gets theirs
        new TestClient(server, BOB).createSession();
        TestClient bob = new TestClient(server, BOB);
        bob.createSession();
        assertThat(status(createSession(new TestClient(server, BOB)))).isEqualTo(HgfsStatus.TOO_MANY_SESSIONS);
        // the agent's own requests (TCLO "f"), even under alice's name, have a quota apart
        for (int i = 0; i < 3; i++) {
            new TestClient(server, Caller.agent(ALICE.account())).createSession();
        }
        assertThat(status(createSession(new TestClient(server, Caller.agent(ALICE.account())))))
                .isEqualTo(HgfsStatus.TOO_MANY_SESSIONS);

        assertThat(status(bob.destroy())).isEqualTo(HgfsStatus.SUCCESS);
        new TestClient(server, BOB).createSession();
    }

    static HgfsPacket createSession(TestClient c) {
        return c.call(HgfsOp.CREATE_SESSION_V4, 0, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
    }

    static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
