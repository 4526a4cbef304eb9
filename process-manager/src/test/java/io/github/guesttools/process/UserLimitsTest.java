package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.github.guesttools.identity.Account;
import io.github.guesttools.process.internal.posix.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: programs per user (attack 5: ~560 {@code sleep 300} programs), the threads a waiting
 * program holds, and stdin uploads past the heap threshold made on a thread acting as a non-root
 * user (attack 9: ACCESS_DENIED at 4,177,920 bytes). Parts that need a second real user are
 * root-only and skip with the reason printed.
 */
class UserLimitsTest extends ManagerFixture {
    private final List<Long> started = new ArrayList<>();
    private String account;

    @Override
    protected ProcessManager.Builder configure(ProcessManager.Builder builder) {
        return builder.maxRunningPerUser(3);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (long pid : started) {
            try {
                manager.kill(pid, account(ME));
            } catch (ProcessException alreadyGone) {
                // ended on its own
            }
        }
        if (account != null) {
            run("userdel", "-r", "-f", account);
        }
    }

    private long start(String user, String program, String arguments) throws ProcessException {
        long pid =
                manager.start(StartRequest.of(account(user), program, arguments).withCaptureIo(true));
        started.add(pid);
        return pid;
    }

    @Test
    void aUserRunsAtMostTheLimitAndOthersStillStart() throws Exception {
        for (int i = 0; i < 3; i++) {
            start(ME, "/bin/sleep", "300");
        }
        assertThatThrownBy(() -> start(ME, "/bin/sleep", "300"))
                .isInstanceOf(TooManyProcessesException.class)
                .hasMessageContaining("the limit per user");
        manager.kill(started.get(0), account(ME));
        Await.ended(manager, started.get(0));
        start(ME, "/bin/sleep", "300");

        if (!root("a second user's program")) {
            return;
        }
        String other = createAccount();
        long pid = start(other, "/bin/echo", "unaffected");
        assertThat(Await.output(manager, pid, StdStream.STDOUT, other)).isEqualTo("unaffected\n");
    }

    @Test
    void aWaitingProgramHoldsNoThreadOfItsOwnButTheReaper() throws Exception {
        // an earlier test's ended program with an orphan still holding its pipe may keep a reader
        long before = pipeReaders();
        for (int i = 0; i < 3; i++) {
            start(ME, "/bin/sleep", "300");
        }
        assertThat(Await.row(manager, started.get(2)).running()).isTrue();
        // no stdin feeders and no blocking output pumps (today's code parked three per program)
        Await.until("no stdin feeders", () -> threadsIn(ProgramStarter.class, "feed") == 0);
        Await.until("no new blocked pipe readers", () -> pipeReaders() <= before);
        manager.kill(started.get(0), account(ME));
        Await.ended(manager, started.get(0)); // the kill is asynchronous: wait for the slot to free
        // the first open of stdin starts the feeder, and the data arrives
        long cat = start(ME, "/bin/cat", "");
        try (StdinSink in = manager.openStdin(cat, account(ME))) {
            in.write("fed\n".getBytes(StandardCharsets.UTF_8), 0, 4);
        }
        assertThat(Await.output(manager, cat, StdStream.STDOUT, ME)).isEqualTo("fed\n");
    }

    /**
     * A 5 MiB stdin upload written, as HGFS does, on a thread whose file-system identity is a
     * non-root user's: the spill file must still be made in the agent's private directory.
     */
    @Test
    void aNonRootUsersStdinUploadSpillsToDisk() throws Exception {
        if (!root("a thread acting as another user")) {
            return;
        }
        String user = createAccount();
        Account ids = account(user);
        long pid = start(user, "/usr/bin/wc", "-c");
        byte[] chunk = new byte[64 * 1024];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread upload = new Thread(() -> {
            try {
                FsIds.INSTANCE.setfsgid(ids.gid());
                FsIds.INSTANCE.setfsuid(ids.uid());
                try (StdinSink in = manager.openStdin(pid, account(user))) {
                    for (int i = 0; i < 80; i++) {
                        in.write(chunk, 0, chunk.length);
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        upload.start();
        upload.join(TimeUnit.MINUTES.toMillis(2));
        assertThat(failure.get()).as("upload as %s", user).isNull();
        assertThat(Await.output(manager, pid, StdStream.STDOUT, user).strip())
                .isEqualTo(String.valueOf(80 * 64 * 1024));
    }

    /** Thread-local file-system ids (glibc does not apply these to every thread). */
    interface FsIds extends Library {
        FsIds INSTANCE = Native.load("c", FsIds.class);

        int setfsuid(int uid);

        int setfsgid(int gid);
    }

    /** Live threads inside {@code type.method}. */
    private static long threadsIn(Class<?> type, String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive()
                        && java.util.Arrays.stream(e.getValue())
                                .anyMatch(f -> f.getClassName().equals(type.getName())
                                        && f.getMethodName().equals(method)))
                .count();
    }

    /** Agent threads blocked reading a pipe (a per-program output pump). */
    private static long pipeReaders() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && e.getKey().getName().startsWith("guest-process-"))
                .filter(e -> java.util.Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().equals("java.io.FileInputStream")
                                && f.getMethodName().startsWith("read")))
                .count();
    }

    private static boolean root(String what) {
        if (Posix.effectiveUid() != 0) {
            System.out.println("UserLimitsTest: skipped " + what + ": needs root to create a throw-away user");
            return false;
        }
        return true;
    }

    private String createAccount() throws Exception {
        account = "pmlt" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        run("useradd", "-m", "-s", "/bin/sh", account);
        return account;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(List.of(command) + " failed: " + out);
        }
    }
}
