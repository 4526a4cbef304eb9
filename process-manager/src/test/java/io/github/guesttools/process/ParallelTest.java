package io.github.guesttools.process;

import static io.github.guesttools.process.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.process.xml.ProcessXml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Many processes at once, their listing, and retention with a controllable clock. */
class ParallelTest extends ManagerFixture {
    private static final int COUNT = 100;

    @Test
    void hundredProcessesStartedInParallelAreListedWhileRunningAndAfter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Long>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < COUNT; i++) {
                int n = i;
                // Each blocks reading one line from stdin, echoes it and exits with its index.
                futures.add(pool.submit(() -> manager.start(
                        StartRequest.of(account(ME), "/bin/sh", "-c 'read -r line; echo \"$line\"; exit " + n + "'")
                                .withCaptureIo(true))));
            }
            List<Long> pids = new ArrayList<>();
            for (Future<Long> f : futures) {
                pids.add(f.get());
            }
            assertThat(pids).doesNotHaveDuplicates();

            List<ProcessInfo> running = manager.list(List.of());
            assertThat(running).extracting(ProcessInfo::pid).containsExactlyInAnyOrderElementsOf(pids);
            assertThat(running).allSatisfy(row -> assertThat(row.running()).isTrue());
            String xml = ProcessXml.format(running);
            assertThat(xml.split("<proc>", -1)).hasSize(COUNT + 1);

            for (int i = 0; i < COUNT; i++) {
                byte[] line = ("line " + i + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try (StdinSink stdin = manager.openStdin(pids.get(i), account(ME))) {
                    stdin.write(line, 0, line.length);
                }
            }
            for (int i = 0; i < COUNT; i++) {
                ProcessInfo row = Await.ended(manager, pids.get(i));
                assertThat(row.exitCode()).isEqualTo(i);
                assertThat(Await.output(manager, pids.get(i), StdStream.STDOUT, ME))
                        .isEqualTo("line " + i + "\n");
            }
            List<ProcessInfo> ended = manager.list(List.of());
            assertThat(ended)
                    .hasSize(COUNT)
                    .allSatisfy(row -> assertThat(row.running()).isFalse());
            assertThat(manager.list(List.of(pids.get(5), pids.get(3))))
                    .extracting(ProcessInfo::pid)
                    .containsExactlyInAnyOrder(pids.get(3), pids.get(5));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void endedProcessesStayFiveMinutesThenTheirBuffersAreDeleted() throws Exception {
        try (ProcessManager small = ProcessManager.builder()
                .clock(clock)
                .spillDirectoryParent(temp)
                .ioLimits(16, 1 << 20)
                .build()) {
            long pid = small.start(StartRequest.of(account(ME), "/bin/sh", "-c 'head -c 5000 /dev/zero'")
                    .withCaptureIo(true));
            Await.ended(small, pid);
            assertThat(Await.output(small, pid, StdStream.STDOUT, ME)).hasSize(5000);
            assertThat(spillFiles()).hasSize(1);

            clock.advance(Duration.ofMinutes(5).minusSeconds(1));
            assertThat(small.list(List.of())).extracting(ProcessInfo::pid).containsExactly(pid);

            clock.advance(Duration.ofSeconds(1));
            assertThat(small.list(List.of())).isEmpty();
            assertThat(small.list(List.of(pid))).isEmpty();
            assertThat(spillFiles()).isEmpty();
            assertThat(small.hasCapturedIo(pid)).isFalse();
        }
    }

    @Test
    void atTheCapTheOldestEndedEntriesLeaveFirst() throws Exception {
        try (ProcessManager two = ProcessManager.builder()
                .clock(clock)
                .spillDirectoryParent(temp)
                .maxTracked(2)
                .build()) {
            long first = two.start(StartRequest.of(account(ME), "/bin/true", ""));
            Await.ended(two, first);
            long second = two.start(StartRequest.of(account(ME), "/bin/sleep", "300"));
            long third = two.start(StartRequest.of(account(ME), "/bin/sleep", "300"));
            assertThat(two.list(List.of())).extracting(ProcessInfo::pid).containsExactly(second, third);
            assertThatThrownBy(() -> two.start(StartRequest.of(account(ME), "/bin/true", "")))
                    .isInstanceOf(TooManyProcessesException.class)
                    .extracting(e -> ((ProcessException) e).vixError())
                    .isEqualTo(5);
            two.kill(second, account(ME));
            two.kill(third, account(ME));
        }
    }

    @Test
    void runningProcessesNeverExpire() throws Exception {
        long pid = manager.start(StartRequest.of(account(ME), "/bin/sleep", "300"));
        clock.advance(Duration.ofDays(1));
        assertThat(manager.list(List.of())).extracting(ProcessInfo::pid).containsExactly(pid);
        manager.kill(pid, account(ME));
        Await.ended(manager, pid);
        clock.advance(Duration.ofMinutes(5));
        assertThat(manager.list(List.of())).isEmpty();
    }

    private Set<Path> spillFiles() throws Exception {
        try (Stream<Path> dirs = Files.list(temp)) {
            Set<Path> files = new java.util.HashSet<>();
            for (Path dir : dirs.filter(Files::isDirectory).collect(Collectors.toList())) {
                try (Stream<Path> inside = Files.list(dir)) {
                    inside.forEach(files::add);
                }
            }
            return files;
        }
    }
}
