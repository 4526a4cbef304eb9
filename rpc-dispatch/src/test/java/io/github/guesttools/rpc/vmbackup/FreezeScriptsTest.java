package io.github.guesttools.rpc.vmbackup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real scripts, run by the state machine (fake freezer and clock). */
class FreezeScriptsTest {
    @TempDir
    Path dir;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final FakeFreezer freezer = new FakeFreezer();
    private VmBackup backup;

    @AfterEach
    void close() {
        if (backup != null) {
            backup.close();
        }
    }

    private Path log() {
        return dir.resolve("log");
    }

    private Path script(Path where, String body) throws IOException {
        Files.createDirectories(where.getParent());
        Files.writeString(where, "#!/bin/sh\necho \"" + where.getFileName() + " $*\" >> " + log() + "\n" + body + "\n");
        Files.setPosixFilePermissions(where, PosixFilePermissions.fromString("rwx------"));
        return where;
    }

    private VmBackup build() {
        backup = VmBackup.builder(sent::add, freezer)
                .scripts(new FreezeScripts(
                        dir.resolve("pre-freeze"), dir.resolve("backupScripts.d"), dir.resolve("post-thaw")))
                .scheduler(new ManualScheduler())
                .worker(new DirectExecutor())
                .build();
        return backup;
    }

    private List<String> lines() throws IOException {
        return Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void freezeInNameOrderThenThawInReverseEndingWithTheLegacyThawScript() throws Exception {
        script(dir.resolve("pre-freeze"), "");
        script(dir.resolve("post-thaw"), "");
        script(dir.resolve("backupScripts.d/b"), "");
        script(dir.resolve("backupScripts.d/a"), "");
        VmBackup b = build();
        b.start(new QuiesceRequest(false, true, true, "", 0));
        assertThat(lines()).containsExactly("pre-freeze freeze", "a freeze", "b freeze");
        b.snapshotDone();
        assertThat(lines())
                .containsExactly("pre-freeze freeze", "a freeze", "b freeze", "b thaw", "a thaw", "post-thaw thaw");
        assertThat(sent.get(sent.size() - 1)).isEqualTo("vmbackup.eventSet req.done 0 ");
    }

    @Test
    void theHostsScriptArgIsOneArgumentNeverShellCode() throws Exception {
        Path marker = dir.resolve("pwned");
        script(dir.resolve("backupScripts.d/a"), "for x in \"$@\"; do echo \"[$x]\" >> " + log() + "; done");
        VmBackup b = build();
        String attack = "x\" $(touch " + marker + ") `touch " + marker + "` \"";
        b.start(new QuiesceRequest(false, true, true, attack, 0));
        b.snapshotDone();
        assertThat(marker).doesNotExist();
        assertThat(lines()).contains("[" + attack + "]");
    }

    @Test
    void aFailingFreezeScriptStopsTheFreezeAndTellsTheScriptsBeforeIt() throws Exception {
        script(dir.resolve("pre-freeze"), "");
        script(dir.resolve("backupScripts.d/a"), "");
        script(dir.resolve("backupScripts.d/b"), "exit 3");
        script(dir.resolve("backupScripts.d/c"), "");
        VmBackup b = build();
        b.start(new QuiesceRequest(false, true, true, "", 0));
        assertThat(freezer.calls).isEmpty();
        assertThat(lines())
                .containsExactly("pre-freeze freeze", "a freeze", "b freeze", "a freezeFail", "pre-freeze freezeFail");
        assertThat(sent)
                .containsExactly(
                        "vmbackup.eventSet reset 0 ",
                        "vmbackup.eventSet req.error 2 Custom quiesce script failed.",
                        "vmbackup.eventSet req.done 0 ");
    }

    @Test
    void aFailingThawScriptDoesNotStopTheOthersAndIsReportedOnce() throws Exception {
        script(dir.resolve("backupScripts.d/a"), "");
        script(dir.resolve("backupScripts.d/b"), "[ \"$1\" = thaw ] && exit 1; exit 0");
        VmBackup b = build();
        b.start(new QuiesceRequest(false, true, true, "", 0));
        b.snapshotDone();
        assertThat(lines()).containsExactly("a freeze", "b freeze", "b thaw", "a thaw");
        assertThat(sent)
                .containsSubsequence(
                        "vmbackup.eventSet req.error 2 Custom quiesce script failed.", "vmbackup.eventSet req.done 0 ");
        assertThat(freezer.frozen).isFalse();
    }

    @Test
    void aWorldWritableScriptIsRefused() throws Exception {
        Path s = script(dir.resolve("backupScripts.d/a"), "");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxrwxrwx"));
        VmBackup b = build();
        b.start(new QuiesceRequest(false, true, true, "", 0));
        assertThat(lines()).isEmpty();
        assertThat(sent).contains("vmbackup.eventSet req.error 2 Error when starting custom quiesce scripts.");
        assertThat(freezer.calls).isEmpty();
    }

    @Test
    void scriptsAreSkippedWhenTheHostSaysSo() throws Exception {
        script(dir.resolve("backupScripts.d/a"), "");
        VmBackup b = build();
        b.start(new QuiesceRequest(false, true, false, "", 0));
        b.snapshotDone();
        assertThat(lines()).isEmpty();
        assertThat(freezer.calls).containsExactly("freeze", "thaw");
    }

    @Test
    void whenTheHostVanishesTheFileSystemsThawAndTheScriptsAreToldFreezeFail() throws Exception {
        Path gone = dir.resolve("gone");
        script(dir.resolve("backupScripts.d/a"), "touch " + gone);
        script(dir.resolve("backupScripts.d/b"), "");
        backup = VmBackup.builder(
                        c -> {
                            if (Files.exists(gone)) {
                                throw new IOException("host gone");
                            }
                            sent.add(c);
                        },
                        freezer)
                .scripts(new FreezeScripts(
                        dir.resolve("pre-freeze"), dir.resolve("backupScripts.d"), dir.resolve("post-thaw")))
                .scheduler(new ManualScheduler())
                .worker(new DirectExecutor())
                .build();
        backup.start(new QuiesceRequest(false, true, true, "", 0));
        assertThat(freezer.calls).containsExactly("freeze", "thaw");
        assertThat(freezer.frozen).isFalse();
        assertThat(lines()).containsExactly("a freeze", "b freeze", "b freezeFail", "a freezeFail");
        assertThat(backup.state()).isEqualTo(VmBackup.State.IDLE);
        assertThat(sent).containsExactly("vmbackup.eventSet reset 0 ");
    }
}
