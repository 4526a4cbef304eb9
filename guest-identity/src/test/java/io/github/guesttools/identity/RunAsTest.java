package io.github.guesttools.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.identity.internal.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunAsTest {
    /** Credentials that never change (a seam: the pool's fairness and growth without root). */
    private static final ThreadCredentials NO_SWITCH = new ThreadCredentials() {
        @Override
        public void become(Account user) {}

        @Override
        public boolean restore() {
            return true;
        }
    };

    private static final Path CAD_PID = Path.of("/proc/sys/kernel/cad_pid");
    private static final Path DOMAINNAME = Path.of("/proc/sys/kernel/domainname");

    private static RunAs pool() {
        return new ThreadCredentialRunAs(2, 2, Duration.ofSeconds(30), new KernelThreadCredentials());
    }

    @Test
    void workerBecomesTheUserEntirelyAndRootAgain() throws Exception {
        try (TestUsers.User created = TestUsers.create(true)) {
            Account user = created.account();
            RunAs runAs = new ThreadCredentialRunAs(1, 1, Duration.ofSeconds(30), new KernelThreadCredentials());
            int[] uids = runAs.run(user, Posix::getThreadResuid);
            int[] gids = runAs.run(user, Posix::getThreadResgid);
            long[] caps = runAs.run(user, Posix::getThreadCapabilities);
            assertThat(uids).containsExactly(user.uid(), user.uid(), 0);
            assertThat(gids).containsExactly(user.gid(), user.gid(), 0);
            assertThat(caps[0]).as("no effective capabilities").isZero();
            assertThat(runAs.run(user, Posix::getgroups)).containsExactlyInAnyOrder(user.groupArray());
            assertThat(Posix.getThreadResuid()).as("calling thread untouched").containsExactly(0, 0, 0);
            assertThatThrownBy(() -> runAs.run(user, () -> {
                        throw new IOException("failing action");
                    }))
                    .hasMessage("failing action");
            Account root = Account.lookup("root").orElseThrow();
            // Same single worker thread: root again after the failure, capabilities back.
            assertThat(runAs.run(root, Posix::getThreadResuid)).containsExactly(0, 0, 0);
            assertThat(runAs.run(root, Posix::getThreadCapabilities)[0]).isEqualTo(Posix.getThreadCapabilities()[0]);
            assertThat(runAs.run(root, Posix::getgroups)).containsExactlyInAnyOrder(root.groupArray());
        }
    }

    @Test
    void userCannotReadRootOnlyProcSysFiles() throws Exception {
        try (TestUsers.User created = TestUsers.create(false)) {
            Account user = created.account();
            assertThat(Files.readString(CAD_PID)).as("root can").isNotBlank();
            assertThatThrownBy(() -> pool().run(user, () -> Files.readString(CAD_PID)))
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void userCannotWriteProcSysKernelDomainname() throws Exception {
        String original = Files.readString(DOMAINNAME).strip();
        try (TestUsers.User created = TestUsers.create(false)) {
            Account user = created.account();
            assertThatThrownBy(() ->
                            pool().run(user, () -> Files.writeString(DOMAINNAME, "owned", StandardOpenOption.WRITE)))
                    .isInstanceOf(AccessDeniedException.class);
        } finally {
            if (!Files.readString(DOMAINNAME).strip().equals(original)) {
                Files.writeString(DOMAINNAME, original, StandardOpenOption.WRITE);
            }
        }
        assertThat(Files.readString(DOMAINNAME).strip()).isEqualTo(original);
    }

    @Test
    void kallsymsShowsTheUserWhatTheUserSeesAlone() throws Exception {
        try (TestUsers.User created = TestUsers.create(false)) {
            Account user = created.account();
            String own = TestUsers.run(
                    "setpriv",
                    "--reuid=" + user.uid(),
                    "--regid=" + user.gid(),
                    "--init-groups",
                    "--",
                    "head",
                    "-n",
                    "3",
                    "/proc/kallsyms");
            String viaAgent = pool().run(user, () -> firstLines(Path.of("/proc/kallsyms")));
            assertThat(viaAgent).isEqualTo(own);
        }
    }

    @Test
    void userCannotSignalRootProcesses() throws Exception {
        try (TestUsers.User created = TestUsers.create(false)) {
            Process sleeper = new ProcessBuilder("sleep", "60").start();
            try {
                int errno = pool().run(created.account(), () -> Posix.kill(sleeper.pid(), 0));
                assertThat(errno).isEqualTo(Posix.EPERM);
            } finally {
                sleeper.destroyForcibly();
            }
        }
    }

    @Test
    void workerWhoseSwitchBackFailsIsRetiredNeverReused() throws Exception {
        // The first switch back after an action fails; a fresh worker's start-up check passes.
        AtomicReference<Thread> acting = new AtomicReference<>();
        AtomicInteger failures = new AtomicInteger();
        ThreadCredentials failFirstRestore = new ThreadCredentials() {
            @Override
            public void become(Account user) {
                acting.compareAndSet(null, Thread.currentThread());
            }

            @Override
            public boolean restore() {
                return !(acting.get() == Thread.currentThread() && failures.getAndIncrement() == 0);
            }
        };
        RunAs runAs = new ThreadCredentialRunAs(1, 1, Duration.ofSeconds(30), failFirstRestore);
        Account someone = new Account("someone", 12345, 12345, List.of(12345), "/", "");
        AtomicReference<Thread> first = new AtomicReference<>();
        assertThat(runAs.run(someone, () -> {
                    first.set(Thread.currentThread());
                    return "ran";
                }))
                .isEqualTo("ran");
        Thread second = runAs.run(someone, Thread::currentThread);
        assertThat(second).isNotSameAs(first.get());
        first.get().join(60_000); // a deadline, not a timing assertion: the retired thread ends
        assertThat(first.get().isAlive()).isFalse();
    }

    @Test
    void workersStartOnDemandUpToThePoolSize() throws Exception {
        ThreadCredentialRunAs runAs = new ThreadCredentialRunAs(3, 3, Duration.ofSeconds(30), NO_SWITCH);
        assertThat(runAs.workers()).isZero(); // an idle agent holds no worker threads
        Account someone = new Account("someone", 2003, 2003, List.of(2003), "/", "");
        assertThat(runAs.run(someone, () -> "one")).isEqualTo("one");
        assertThat(runAs.workers()).isEqualTo(1);
        assertThat(runAs.run(someone, () -> "again")).isEqualTo("again");
        assertThat(runAs.workers()).isEqualTo(1); // a free worker is reused

        // five concurrent actions of three users that block until released: three workers, never more
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(3);
        List<Thread> callers = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < 5; i++) {
            Account user = new Account("user" + i, 3000 + i, 3000 + i, List.of(3000 + i), "/", "");
            Thread t = new Thread(() -> {
                try {
                    runAs.run(user, blockUntil(started, release));
                    done.incrementAndGet();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            callers.add(t);
        }
        assertThat(started.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(runAs.workers()).isEqualTo(3);
        release.countDown();
        for (Thread t : callers) {
            t.join(60_000);
        }
        assertThat(done).hasValue(5); // the two queued ones ran on the three workers
        assertThat(runAs.workers()).isEqualTo(3);
    }

    @Test
    void oneUserCannotOccupyEveryWorker() throws Exception {
        RunAs runAs = new ThreadCredentialRunAs(3, 2, Duration.ofMillis(200), NO_SWITCH);
        Account mallory = new Account("mallory", 2001, 2001, List.of(2001), "/", "");
        Account alice = new Account("alice", 2002, 2002, List.of(2002), "/", "");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        List<Thread> stuck = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    runAs.run(mallory, blockUntil(started, release));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            stuck.add(t);
        }
        started.await();
        try {
            assertThatThrownBy(() -> runAs.run(mallory, () -> "third"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("too many operations in progress");
            assertThat(runAs.run(alice, () -> "alice unaffected")).isEqualTo("alice unaffected");
        } finally {
            release.countDown();
            for (Thread t : stuck) {
                t.join();
            }
        }
        assertThat(runAs.run(mallory, () -> "again")).isEqualTo("again");
    }

    @Test
    void withoutRootOnlyTheAgentsOwnAccount() throws Exception {
        Account self = Account.current();
        RunAs runAs = new CurrentUserRunAs(self);
        Account other = new Account("other", self.uid() + 1, self.gid(), List.of(self.gid()), "/", "");
        assertThat(runAs.canRunAs(self)).isTrue();
        assertThat(runAs.canRunAs(other)).isFalse();
        assertThat(runAs.run(self, () -> "ran")).isEqualTo("ran");
        assertThatThrownBy(() -> runAs.run(other, () -> "ran")).isInstanceOf(AccessDeniedException.class);
    }

    private static String firstLines(Path file) throws IOException {
        try (var lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                out.append(lines.readLine()).append('\n');
            }
            return out.toString();
        }
    }

    /** An action that counts down {@code started}, then waits for {@code release}. */
    private static IoAction<Void> blockUntil(
            java.util.concurrent.CountDownLatch started, java.util.concurrent.CountDownLatch release) {
        return () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
    }
}
