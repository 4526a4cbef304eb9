package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change check on a real file: applied once per change, mistakes logged and the running settings kept. */
class ConfigWatchTest {
    @TempDir
    Path dir;

    private final List<AgentConfig> applied = new CopyOnWriteArrayList<>();

    /** Replaces the file as vmware-toolbox-cmd does: a new file renamed over it (a new inode). */
    private Path replace(Path file, String text) throws Exception {
        Path tmp = Files.writeString(dir.resolve("tmp"), text);
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void eachChangeIsAppliedOnceAndNothingElse() throws Exception {
        Path file = Files.writeString(dir.resolve("toolbox.conf"), "[timeSync]\ndisable-all = false\n");
        ConfigWatch watch = new ConfigWatch(file, Map.of("auth.mode", "deny-all"), applied::add);
        watch.check();
        assertThat(applied).as("unchanged since construction").isEmpty();

        replace(file, "[timeSync]\ndisable-all = true\n");
        watch.check();
        watch.check();
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).reloadable().timeSyncDisableAll()).isTrue();
        assertThat(applied.get(0).auth()).as("the options stay over the file").isEqualTo("deny-all");

        replace(file, "[timeSync]\ndisable-all = TRUE\n"); // same size, maybe the same second: a new inode
        watch.check();
        assertThat(applied).hasSize(2);
    }

    @Test
    void aBrokenFileKeepsTheRunningSettingsAndAFixedOneIsApplied() throws Exception {
        Path file = Files.writeString(dir.resolve("toolbox.conf"), "");
        ConfigWatch watch = new ConfigWatch(file, Map.of(), applied::add);
        replace(file, "this line is no setting\n");
        watch.check();
        replace(file, "[auth]\nmode = nonsense\n");
        watch.check();
        assertThat(applied).as("logged, not applied, no exception").isEmpty();
        // an unknown key is not a mistake that keeps the running settings: it is listed and ignored
        replace(file, "[nosuch]\nkey = 1\n[guestinfo]\ndisable-query-diskinfo = true\n");
        watch.check();
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).reloadable().diskInfo()).isFalse();
        assertThat(applied.get(0).ignoredKeys()).containsExactly("nosuch.key");
    }

    @Test
    void aRemovedFileMeansDefaultsAndACreatedOneIsRead() throws Exception {
        Path file = dir.resolve("toolbox.conf");
        ConfigWatch watch = new ConfigWatch(file, Map.of(), applied::add);
        watch.check();
        assertThat(applied).as("missing then and now").isEmpty();
        Files.writeString(file, "[timeSync]\ndisable-periodic = true\n");
        watch.check();
        assertThat(applied.get(0).reloadable().timeSyncDisablePeriodic()).isTrue();
        Files.delete(file);
        watch.check();
        assertThat(applied).hasSize(2);
        assertThat(applied.get(1).reloadable()).isEqualTo(ReloadableSettings.DEFAULT);
    }
}
