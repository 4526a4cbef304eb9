package io.github.guesttools.process.internal.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcFsTest {
    private final ProcFs proc = new ProcFs();

    @Test
    void readsARealProcessWithItsArguments() throws Exception {
        Process p = new ProcessBuilder("sleep", "301").start();
        try {
            ProcEntry e = proc.read(p.pid()).orElseThrow();
            assertThat(e.parentPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(e.arguments()).containsExactly("sleep", "301");
            assertThat(e.shortName()).isEqualTo("sleep");
            assertThat(e.commandLine()).isEqualTo("sleep 301");
            assertThat(proc.all()).extracting(ProcEntry::pid).contains(p.pid(), 1L);
            assertThat(proc.descendants(ProcessHandle.current().pid())).contains(p.pid());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void threadIdsAndMissingPidsAreNotProcesses() throws Exception {
        long self = ProcessHandle.current().pid();
        long tid = Files.list(Path.of("/proc/self/task"))
                .map(t -> Long.parseLong(t.getFileName().toString()))
                .filter(t -> t != self)
                .findFirst()
                .orElseThrow();
        assertThat(Files.exists(Path.of("/proc/" + tid))).isTrue();
        assertThat(proc.read(tid)).isEmpty();
        assertThat(proc.read(0)).isEmpty();
        assertThat(proc.read(-5)).isEmpty();
    }

    @Test
    void parsesCommandNamesWithSpacesAndParentheses(@TempDir Path fake) throws Exception {
        Path dir = Files.createDirectories(fake.resolve("77"));
        Files.writeString(
                dir.resolve("stat"), "77 (a) b (c) S 12 77 77 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 4242 1 1 1\n");
        Files.writeString(dir.resolve("status"), "Name:\tx\nTgid:\t77\nUid:\t1000\t1000\t1001\t1000\n");
        Files.write(dir.resolve("cmdline"), new byte[0]);
        Files.writeString(fake.resolve("stat"), "cpu 1 2 3\nbtime 1700000000\n");
        ProcFs fakeProc = new ProcFs(fake);
        ProcEntry e = fakeProc.read(77).orElseThrow();
        assertThat(e.command()).isEqualTo("a) b (c");
        assertThat(e.parentPid()).isEqualTo(12);
        assertThat(e.startTicks()).isEqualTo(4242);
        assertThat(e.realUid()).isEqualTo(1000);
        assertThat(e.savedUid()).isEqualTo(1001);
        assertThat(e.arguments()).isEqualTo(List.of());
        assertThat(e.commandLine()).isEqualTo("[a) b (c]");
        assertThat(fakeProc.bootTimeSeconds()).isEqualTo(1700000000L);
        assertThat(fakeProc.pidMax()).isEqualTo(32768); // absent: the classic default
    }

    @Test
    void garbageIsAbsentNotAnException(@TempDir Path fake) throws Exception {
        Path dir = Files.createDirectories(fake.resolve("5"));
        Files.writeString(dir.resolve("stat"), "5 (x");
        assertThat(new ProcFs(fake).read(5)).isEmpty();
        Files.writeString(dir.resolve("stat"), "5 (x) S notanumber");
        assertThat(new ProcFs(fake).read(5)).isEmpty();
        assertThat(new ProcFs(fake).all()).isEmpty();
    }

    @Test
    void readsPidMaxThroughAStream() {
        assertThat(proc.pidMax()).isGreaterThanOrEqualTo(301);
    }
}
