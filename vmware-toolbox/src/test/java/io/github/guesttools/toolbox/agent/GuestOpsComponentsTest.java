package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The agent's deferred guest operations: built once, by the warm-up or the first request, closed once. */
class GuestOpsComponentsTest {
    @Test
    void concurrentRequestsShareOneBuild() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch inFactory = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GuestOpsComponents<String> c = new GuestOpsComponents<>(
                () -> {
                    builds.incrementAndGet();
                    inFactory.countDown();
                    awaitQuietly(release);
                    return "parts";
                },
                p -> {});
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(c::get));
            }
            assertThat(inFactory.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.built()).isFalse(); // the others wait for the build in progress
            release.countDown();
            for (Future<String> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("parts");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(builds).hasValue(1);
    }

    @Test
    void warmUpBuildsWithoutARequest() {
        AtomicInteger builds = new AtomicInteger();
        GuestOpsComponents<String> c = counting(builds);
        c.startBuilding(Duration.ZERO);
        await().atMost(Duration.ofSeconds(30)).until(c::built);
        assertThat(c.get()).isEqualTo("parts");
        assertThat(builds).hasValue(1);
    }

    @Test
    void closeBeforeTheWarmUpNeverBuildsAndEndsItsThread() {
        AtomicInteger builds = new AtomicInteger();
        GuestOpsComponents<String> c = counting(builds);
        Thread warmUp = c.startBuilding(Duration.ofHours(1));
        c.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !warmUp.isAlive());
        assertThat(builds).hasValue(0);
        assertThatThrownBy(c::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("stopping");
    }

    @Test
    void aFailedBuildIsReportedToEveryRequestAndNotRetried() {
        AtomicInteger builds = new AtomicInteger();
        GuestOpsComponents<String> c = new GuestOpsComponents<>(
                () -> {
                    builds.incrementAndGet();
                    throw new IllegalArgumentException("spill directory unusable");
                },
                p -> {});
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(c::get)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("spill directory unusable");
        }
        assertThat(builds).hasValue(1);
    }

    @Test
    void closeClosesWhatWasBuiltOnce() {
        List<String> closed = new CopyOnWriteArrayList<>();
        GuestOpsComponents<String> c = new GuestOpsComponents<>(() -> "parts", closed::add);
        c.close(); // nothing built yet: nothing to close
        assertThat(closed).isEmpty();

        GuestOpsComponents<String> built = new GuestOpsComponents<>(() -> "parts", closed::add);
        built.get();
        built.close();
        built.close();
        assertThat(closed).containsExactly("parts");
    }

    /** Components whose build counts itself in {@code builds} and gives {@code "parts"}. */
    private static GuestOpsComponents<String> counting(AtomicInteger builds) {
        return new GuestOpsComponents<>(
                () -> {
                    builds.incrementAndGet();
                    return "parts";
                },
                p -> {});
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
