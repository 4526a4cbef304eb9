package io.github.guesttools.toolbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.Account;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySnapshotsTest {
    private final AtomicLong now = new AtomicLong();
    private final DirectorySnapshots snapshots = new DirectorySnapshots(now::get);
    private final Account me = Account.current();

    private static void age(Path dir) throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(System.currentTimeMillis() / 1000 - 3600, TimeUnit.SECONDS));
    }

    @Test
    void reusedOnlyWhileTheDirectoryIsUnchanged(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b"), "");
        Files.writeString(dir.resolve("a"), "");
        age(dir);
        List<String> first = snapshots.names(me, dir);
        assertThat(first).containsExactly("a", "b");
        assertThat(snapshots.names(me, dir)).isSameAs(first);

        Files.writeString(dir.resolve("c"), "");
        List<String> changed = snapshots.names(me, dir);
        assertThat(changed).containsExactly("a", "b", "c");
        // Modified just now: a change in the same timestamp tick would go unseen, so no reuse.
        assertThat(snapshots.names(me, dir)).isNotSameAs(changed).isEqualTo(changed);
    }

    @Test
    void expiresAndIsPerIdentity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a"), "");
        age(dir);
        List<String> first = snapshots.names(me, dir);
        Account other = new Account("other", me.uid() + 1, me.gid(), me.groups(), "/", "");
        assertThat(snapshots.names(other, dir)).isNotSameAs(first);
        assertThat(snapshots.names(me, dir)).isSameAs(first);
        now.addAndGet(TimeUnit.SECONDS.toNanos(DirectorySnapshots.TTL_SECONDS));
        assertThat(snapshots.names(me, dir)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void aReplacedDirectoryIsNotConfused(@TempDir Path base) throws Exception {
        Path dir = Files.createDirectory(base.resolve("d"));
        Files.writeString(dir.resolve("old"), "");
        age(dir);
        FileTime mtime = Files.getLastModifiedTime(dir);
        assertThat(snapshots.names(me, dir)).containsExactly("old");
        Files.delete(dir.resolve("old"));
        Files.delete(dir);
        Files.createDirectory(dir);
        Files.writeString(dir.resolve("new"), "");
        Files.setLastModifiedTime(dir, mtime);
        assertThat(snapshots.names(me, dir)).containsExactly("new");
    }
}
