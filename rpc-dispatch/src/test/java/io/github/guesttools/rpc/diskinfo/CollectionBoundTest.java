package io.github.guesttools.rpc.diskinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code statvfs} that never returns (a hung mount) must not stall the guest-info loop: the space reader
 * seam blocks on a latch exactly as the uninterruptible system call would.
 */
class CollectionBoundTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    @AfterEach
    void unblock() {
        release.countDown();
    }

    private static String table(String... mountPoints) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < mountPoints.length; i++) {
            s.append(30 + i)
                    .append(" 1 8:")
                    .append(i)
                    .append(" / ")
                    .append(mountPoints[i])
                    .append(" rw - ext4 /dev/sd")
                    .append((char) ('a' + i))
                    .append(" rw\n");
        }
        return s.toString();
    }

    private DiskCollector collector(String table) {
        return DiskCollector.builder()
                .mountTable(() -> table)
                .devices(null)
                // six times the default: the healthy mounts' reads (microseconds) must fit in it even on a
                // loaded machine that deschedules a thread for seconds; a cycle with a mount hung for the
                // first time lasts the whole bound, later ones return as soon as the healthy mounts answer
                .cycleBound(Duration.ofSeconds(6))
                .space(mountPoint -> {
                    reads.computeIfAbsent(mountPoint, k -> new AtomicInteger()).incrementAndGet();
                    if (mountPoint.startsWith("/hung")) {
                        try {
                            release.await(); // like statvfs in D state: ignores interrupts
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted");
                        }
                    }
                    return new DiskSpace(100, 50, 60);
                })
                .build();
    }

    private static List<String> mountPoints(List<DiskInfo> disks) {
        return disks.stream().map(DiskInfo::mountPoint).toList();
    }

    private static long probeThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("diskinfo-probe-"))
                .count();
    }

    @Test
    void aHungMountIsLeftOutAndTheOthersAreStillReportedEveryCycleWithoutNewThreads() throws IOException {
        DiskCollector c = collector(table("/", "/boot", "/hung", "/data"));
        for (int cycle = 0; cycle < 5; cycle++) {
            assertThat(mountPoints(c.collect()))
                    .as("cycle %d returns, with the mounts after the hung one too", cycle)
                    .containsExactly("/", "/boot", "/data");
            assertThat(c.probeThreads()).isLessThanOrEqualTo(SpaceProbe.MAX_THREADS);
            assertThat(probeThreadsAlive()).isLessThanOrEqualTo(SpaceProbe.MAX_THREADS);
            // the threads that read the healthy mounts end; only the one inside the hung mount stays
            Awaitility.await().atMost(WAIT).until(() -> c.probeThreads() == 1);
        }
        assertThat(reads.get("/hung"))
                .as("never a second thread for a stuck mount")
                .hasValue(1);
        assertThat(reads.get("/data")).hasValue(5);

        release.countDown(); // the mount recovers: its read returns and it is reported again
        Awaitility.await().atMost(WAIT).until(() -> c.probeThreads() == 0);
        assertThat(mountPoints(c.collect())).containsExactly("/", "/boot", "/hung", "/data");
        Awaitility.await().atMost(WAIT).until(() -> c.probeThreads() == 0);
    }

    @Test
    void manyHungMountsHoldAtMostTheThreadCap() throws IOException {
        DiskCollector c = collector(table("/", "/hung1", "/hung2", "/hung3", "/hung4", "/hung5", "/hung6"));
        for (int cycle = 0; cycle < 4; cycle++) {
            List<String> got = mountPoints(c.collect());
            assertThat(got).as("cycle %d returns", cycle).doesNotContain("/hung1", "/hung6");
            assertThat(c.probeThreads()).isLessThanOrEqualTo(SpaceProbe.MAX_THREADS);
            assertThat(probeThreadsAlive()).isLessThanOrEqualTo(SpaceProbe.MAX_THREADS);
        }
        int hungReads = reads.entrySet().stream()
                .filter(e -> e.getKey().startsWith("/hung"))
                .mapToInt(e -> e.getValue().get())
                .sum();
        assertThat(hungReads)
                .as("one read per stuck mount, at most the cap")
                .isLessThanOrEqualTo(SpaceProbe.MAX_THREADS);
        assertThat(reads.values()).allMatch(n -> n.get() <= 4);

        release.countDown();
        Awaitility.await().atMost(WAIT).until(() -> c.probeThreads() == 0);
        Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(mountPoints(c.collect()))
                        .containsExactly("/", "/hung1", "/hung2", "/hung3", "/hung4", "/hung5", "/hung6"));
    }

    @Test
    void aReadThatFailsIsNotAHang() throws IOException {
        DiskCollector c = DiskCollector.builder()
                .mountTable(() -> table("/", "/bad"))
                .devices(null)
                .space(mountPoint -> {
                    if (mountPoint.equals("/bad")) {
                        throw new IOException("EIO");
                    }
                    return new DiskSpace(1, 1, 1);
                })
                .build();
        assertThat(mountPoints(c.collect())).containsExactly("/");
        Awaitility.await().atMost(WAIT).until(() -> c.probeThreads() == 0);
    }

    @Test
    void anIdleCollectorHoldsNoThread() throws Exception {
        DiskCollector c = collector(table("/", "/boot"));
        c.collect();
        Awaitility.await().atMost(WAIT).until(() -> c.probeThreads() == 0);
        assertThat(release.await(0, TimeUnit.SECONDS)).isFalse();
    }
}
