package io.github.guesttools.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.internal.Posix;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pool that grows while a {@link RunAs} worker acting as a user submits to it must not start
 * its new thread with the user's credentials (and then reuse that thread for everyone).
 */
class AgentThreadFactoryTest {

    @Test
    void aPoolThreadStartedFromAUserWorkerIsTheAgents() throws Exception {
        try (TestUsers.User created = TestUsers.create(false);
                AgentThreadFactory factory = new AgentThreadFactory("atf-test-")) {
            int[] agent = Posix.getThreadResuid();
            assertThat(idsOfANewPoolThread(created.account(), factory)).containsExactly(agent);
        }
    }

    @Test
    void withoutItThePoolThreadWouldKeepTheUsersCredentials() throws Exception {
        try (TestUsers.User created = TestUsers.create(false)) {
            Account user = created.account();
            // the failure this factory prevents, shown with the JDK's default factory
            assertThat(idsOfANewPoolThread(user, Executors.defaultThreadFactory()))
                    .containsExactly(user.uid(), user.uid(), 0);
        }
    }

    @Test
    void threadsAreDaemonsNamedWithThePrefix() throws Exception {
        try (AgentThreadFactory factory = new AgentThreadFactory("atf-name-")) {
            CompletableFuture<String> name = new CompletableFuture<>();
            Thread t =
                    factory.newThread(() -> name.complete(Thread.currentThread().getName()));
            assertThat(t.isDaemon()).isTrue();
            t.start();
            assertThat(name.get(60, TimeUnit.SECONDS)).startsWith("atf-name-");
        }
    }

    private static int[] idsOfANewPoolThread(Account user, ThreadFactory factory) throws Exception {
        RunAs runAs = new ThreadCredentialRunAs(1, 1, Duration.ofSeconds(30), new KernelThreadCredentials());
        ExecutorService pool = Executors.newCachedThreadPool(factory);
        try {
            CompletableFuture<int[]> ids = new CompletableFuture<>();
            runAs.run(user, () -> {
                pool.execute(() -> ids.complete(Posix.getThreadResuid()));
                return null;
            });
            return ids.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
