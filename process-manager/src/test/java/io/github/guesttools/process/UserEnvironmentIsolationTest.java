package io.github.guesttools.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.identity.Account;
import io.github.guesttools.process.internal.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: StartProgram's environment used to be set on the privilege-dropping helper while it
 * still ran as root, so {@code LD_PRELOAD} ran the user's code as root and {@code LD_DEBUG_OUTPUT}
 * wrote root-owned files. The user's environment must only reach processes that already are the
 * user. Needs root and gcc; creates a throw-away account with a unique name.
 */
class UserEnvironmentIsolationTest {
    @TempDir
    Path temp;

    private Path shared;
    private String name;
    private Account user;
    private ProcessManager manager;

    @BeforeEach
    void setUp() throws Exception {
        boolean root = Posix.effectiveUid() == 0;
        if (!root) {
            System.out.println("SKIPPED UserEnvironmentIsolationTest: needs root to create an account");
        }
        assumeTrue(root, "needs root to create a throw-away account and switch to it");
        name = "gtenv" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        run("useradd", "-m", "-s", "/bin/sh", name);
        user = Account.lookup(name).orElseThrow();
        shared = Files.createTempDirectory(Path.of("/tmp"), "gt-env-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        manager = ProcessManager.builder().spillDirectoryParent(temp).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (manager != null) {
            manager.close();
        }
        if (name != null) {
            run("userdel", "-r", "-f", name);
        }
        if (shared != null) {
            try (Stream<Path> files = Files.list(shared)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(shared);
        }
    }

    @Test
    void ldPreloadNeverRunsAsRoot() throws Exception {
        Path source = shared.resolve("evil.c");
        Path library = shared.resolve("evil.so");
        Path out = shared.resolve("ids");
        Files.writeString(
                source,
                "#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
                        + "__attribute__((constructor)) static void evil(void) {\n"
                        + "  FILE *f = fopen(\"" + out + "\", \"a\");\n"
                        + "  if (f) { fprintf(f, \"%d %d\\n\", (int) getuid(), (int) geteuid()); fclose(f); }\n"
                        + "}\n");
        assumeTrue(gcc(source, library), "gcc is needed to build the preload library");
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(out);
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw-rw-"));

        long pid =
                manager.start(StartRequest.of(user, "/bin/true", "").withEnvironment(List.of("LD_PRELOAD=" + library)));
        assertThat(Await.ended(manager, pid).exitCode()).isZero();

        List<String> lines = Files.readAllLines(out);
        String mine = user.uid() + " " + user.uid();
        assertThat(lines).as("the preload ran in the user's processes").contains(mine);
        assertThat(lines).as("and never as root").containsOnly(mine);
    }

    @Test
    void ldDebugOutputIsNeverWrittenByRoot() throws Exception {
        Path prefix = shared.resolve("debug");
        long pid = manager.start(StartRequest.of(user, "/bin/true", "")
                .withEnvironment(List.of("LD_DEBUG=libs", "LD_DEBUG_OUTPUT=" + prefix)));
        assertThat(Await.ended(manager, pid).exitCode()).isZero();
        List<Path> written;
        try (Stream<Path> files = Files.list(shared)) {
            written = files.filter(f -> f.getFileName().toString().startsWith("debug."))
                    .toList();
        }
        assertThat(written)
                .as("the loader of the user's processes wrote its debug output")
                .isNotEmpty();
        for (Path file : written) {
            assertThat((Integer) Files.getAttribute(file, "unix:uid"))
                    .as(file.toString())
                    .isEqualTo(user.uid());
        }
    }

    @Test
    void helperStartsOutsideTheUsersWorkingDirectory() throws Exception {
        // A relative LD_PRELOAD or a relative program would resolve against it while still root.
        long pid = manager.start(StartRequest.of(user, "/bin/sh", "-c 'pwd; echo $X'")
                .withWorkingDirectory(user.home())
                .withEnvironment(List.of("X=applied after the switch"))
                .withCaptureIo(true));
        assertThat(Await.output(manager, pid, StdStream.STDOUT, name))
                .isEqualTo(user.home() + "\napplied after the switch\n");
    }

    private static boolean gcc(Path source, Path library) throws Exception {
        try {
            Process p = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                    .inheritIO()
                    .start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }
}
