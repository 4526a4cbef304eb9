package io.github.guesttools.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.Account;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the privilege-dropping helper receives, with a stand-in {@code setpriv} that records its
 * environment, working directory and arguments (no root needed): nothing of the user's may reach
 * it except as arguments for the {@code env} that runs after the switch.
 */
class LauncherTest {
    @TempDir
    Path temp;

    @Test
    void helperGetsAFixedEnvironmentAndTheUsersSettingsOnlyAfterTheSwitch() throws Exception {
        Path record = temp.resolve("record");
        Path setpriv = temp.resolve("setpriv");
        Files.writeString(
                setpriv,
                "#!/bin/sh\n{ pwd; env | sort; echo --; for a in \"$@\"; do echo \"$a\"; done; } > '" + record + "'\n");
        Files.setPosixFilePermissions(setpriv, PosixFilePermissions.fromString("rwx------"));
        Account alice = new Account("alice", 4321, 4321, List.of(4321, 27), "/home/alice", "");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("LD_PRELOAD", "/home/alice/evil.so");
        environment.put("LD_DEBUG_OUTPUT", "/tmp/x");
        environment.put("HOME", "/home/alice");

        Launcher launcher = new Launcher(0, "/bin/sh", Optional.of(setpriv.toString()), "/usr/bin/env");
        Process p = launcher.start(alice, "\"/bin/true\" a b", Path.of("/home/alice"), environment, true);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
        int split = lines.indexOf("--");
        assertThat(lines.get(0)).as("working directory of the helper").isEqualTo("/");
        assertThat(lines.subList(1, split))
                .as("the helper's whole environment")
                .allMatch(line -> line.startsWith("PATH=")
                        || line.startsWith("PWD=")
                        || line.startsWith("SHLVL=")
                        || line.startsWith("_="))
                .anyMatch(line -> line.equals("PATH=" + Launcher.HELPER_PATH));
        assertThat(lines.subList(split + 1, lines.size()))
                .containsExactly(
                        "--reuid=4321",
                        "--regid=4321",
                        "--groups=4321,27",
                        "--inh-caps=-all",
                        "--",
                        "/usr/bin/env",
                        "-i",
                        "--chdir=/home/alice",
                        "--",
                        "LD_PRELOAD=/home/alice/evil.so",
                        "LD_DEBUG_OUTPUT=/tmp/x",
                        "HOME=/home/alice",
                        "/bin/sh",
                        "-c",
                        "\"/bin/true\" a b");
    }
}
