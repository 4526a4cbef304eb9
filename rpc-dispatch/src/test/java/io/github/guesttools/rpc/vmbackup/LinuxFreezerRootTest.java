package io.github.guesttools.rpc.vmbackup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real freezer on real ext4 loop file systems. Only this test's own mounts are offered to the
 * freezer (the mount list is filtered to its temp directory): the machine's file systems are never
 * frozen.
 */
class LinuxFreezerRootTest {
    @TempDir
    Path dir;

    @BeforeEach
    void rootOnly() {
        String why = LoopFileSystem.unavailable();
        if (why != null) {
            System.out.println("SKIPPED LinuxFreezerRootTest: " + why);
        }
        Assumptions.assumeTrue(why == null, why);
    }

    private LinuxFreezer freezer(List<String> excluded) {
        String base = dir.toString() + "/";
        return new LinuxFreezer(
                () -> MountEntry.current().stream()
                        .filter(m -> m.mountPoint().startsWith(base))
                        .toList(),
                excluded);
    }

    /** A process that writes and fsyncs one block into {@code file}. */
    private static Process writer(Path file) throws IOException {
        return new ProcessBuilder("dd", "if=/dev/zero", "of=" + file, "bs=4096", "count=1", "conv=fsync")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @Test
    void frozenMeansAWriteBlocksAndThawedMeansItCompletes() throws Exception {
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("a.img"), dir.resolve("a"))) {
            FreezeSession session = freezer(List.of()).session();
            Process p = null;
            try {
                assertThat(session.freeze()).containsExactly(fs.mountPoint.toString());
                p = writer(fs.mountPoint.resolve("data"));
                assertThat(p.waitFor(2, TimeUnit.SECONDS))
                        .as("a write to a frozen file system has not completed")
                        .isFalse();
                session.thaw();
                assertThat(p.waitFor(60, TimeUnit.SECONDS))
                        .as("the write completes after the thaw")
                        .isTrue();
                assertThat(p.exitValue()).isZero();
                assertThat(Files.size(fs.mountPoint.resolve("data"))).isEqualTo(4096);
            } finally {
                session.thaw();
                if (p != null) {
                    p.destroyForcibly();
                }
            }
            Process after = writer(fs.mountPoint.resolve("after"));
            assertThat(after.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(after.exitValue()).isZero();
        }
    }

    @Test
    void aFileSystemOnAnotherIsFrozenFirstAndThawedLast() throws Exception {
        try (LoopFileSystem lower = LoopFileSystem.create(dir.resolve("lower.img"), dir.resolve("lower"))) {
            Path nestedImage = lower.mountPoint.resolve("nested.img");
            try (LoopFileSystem upper = LoopFileSystem.create(nestedImage, lower.mountPoint.resolve("upper"))) {
                LinuxFreezer freezer = freezer(List.of());
                assertThat(freezer.candidates())
                        .containsExactly(upper.mountPoint.toString(), lower.mountPoint.toString());
                FreezeSession session = freezer.session();
                try {
                    // the wrong order would hang here: flushing upper writes to its image on the frozen lower
                    assertThat(session.freeze())
                            .containsExactly(upper.mountPoint.toString(), lower.mountPoint.toString());
                    Process p = writer(upper.mountPoint.resolve("x"));
                    assertThat(p.waitFor(2, TimeUnit.SECONDS)).isFalse();
                    session.thaw();
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                } finally {
                    session.thaw();
                }
            }
        }
    }

    @Test
    void aSecondMountOfTheSameFileSystemIsFrozenOnce() throws Exception {
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("b.img"), dir.resolve("b"))) {
            Path bind = dir.resolve("b-bind");
            Files.createDirectories(bind);
            LoopFileSystem.run("mount", "--bind", fs.mountPoint.toString(), bind.toString());
            try {
                FreezeSession session = freezer(List.of()).session();
                try {
                    assertThat(session.freeze()).containsExactly(fs.mountPoint.toString());
                } finally {
                    session.thaw();
                }
            } finally {
                LoopFileSystem.run("umount", bind.toString());
            }
        }
    }

    @Test
    void excludedAndReadOnlyFileSystemsAreLeftAlone() throws Exception {
        try (LoopFileSystem keep = LoopFileSystem.create(dir.resolve("k.img"), dir.resolve("keep"));
                LoopFileSystem skip = LoopFileSystem.create(dir.resolve("s.img"), dir.resolve("scratch-1"));
                LoopFileSystem ro = LoopFileSystem.create(dir.resolve("r.img"), dir.resolve("ro"))) {
            LoopFileSystem.run("mount", "-o", "remount,ro", ro.mountPoint.toString());
            FreezeSession session = freezer(List.of(dir + "/scratch-*")).session();
            try {
                assertThat(session.freeze()).containsExactly(keep.mountPoint.toString());
                Process p = writer(skip.mountPoint.resolve("free"));
                assertThat(p.waitFor(60, TimeUnit.SECONDS))
                        .as("excluded stays writable")
                        .isTrue();
            } finally {
                session.thaw();
            }
        }
    }

    @Test
    void nothingToFreezeIsAFailureNotASuccess() {
        FreezeSession session = freezer(List.of()).session();
        assertThatThrownBy(session::freeze).hasMessageContaining("No file systems to freeze");
    }

    @Test
    void aThawBeforeTheFreezeMeansNothingStaysFrozen() throws Exception {
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("c.img"), dir.resolve("c"))) {
            FreezeSession session = freezer(List.of()).session();
            session.thaw();
            assertThatThrownBy(session::freeze).isInstanceOf(IOException.class);
            Process p = writer(fs.mountPoint.resolve("x"));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFreezeLeftByAKilledProcessIsThawedByRecoveryAtStartUp() throws Exception {
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("d.img"), dir.resolve("d\nodd"))) {
            Path record = dir.resolve("run/frozen");
            FreezeSession crashed = freezer(List.of()).withRecord(record).session();
            try {
                assertThat(crashed.freeze()).containsExactly(fs.mountPoint.toString());
                assertThat(record).exists();
                // the process "dies" here: its session is never thawed
                Process p = writer(fs.mountPoint.resolve("x"));
                assertThat(p.waitFor(2, TimeUnit.SECONDS)).isFalse();
                assertThat(LinuxFreezer.recover(record)).containsExactly(fs.mountPoint.toString());
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(record).doesNotExist();
                assertThat(LinuxFreezer.recover(record))
                        .as("nothing left to recover")
                        .isEmpty();
            } finally {
                crashed.thaw();
            }
        }
    }

    @Test
    void aCompleteThawDeletesTheRecord() throws Exception {
        try (LoopFileSystem fs = LoopFileSystem.create(dir.resolve("e.img"), dir.resolve("e"))) {
            Path record = dir.resolve("run/frozen");
            FreezeSession session = freezer(List.of()).withRecord(record).session();
            try {
                session.freeze();
                assertThat(Files.readAllLines(record)).containsExactly(fs.mountPoint.toString());
            } finally {
                session.thaw();
            }
            assertThat(record).doesNotExist();
        }
    }
}
