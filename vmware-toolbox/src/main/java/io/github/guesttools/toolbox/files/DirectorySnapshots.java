package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.Account;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Sorted directory listings kept between the pages of one ListFiles walk: vSphere asks for a
 * 10,000-entry directory in 200 requests, and re-reading and re-sorting it for each page made the
 * walk quadratic. A snapshot is reused only by the same identity, for the same directory (device,
 * inode) with unchanged mtime and ctime, and within {@link #TTL_SECONDS}. Like git's "racy clean"
 * rule, a directory modified less than a second before its snapshot is not cached, because a change
 * within the same timestamp tick would not alter its mtime.
 */
final class DirectorySnapshots {
    static final long TTL_SECONDS = 30;
    private static final int MAX_SNAPSHOTS = 8;
    private static final long RACY_MILLIS = 1000;

    private record Key(int uid, int gid, List<Integer> groups, Path path) {}

    private record Snapshot(Object fileKey, FileTime mtime, long ctimeNanos, long createdNanos, List<String> names) {}

    private final LongSupplier nanoClock;
    private final Map<Key, Snapshot> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Snapshot> eldest) {
            return size() > MAX_SNAPSHOTS;
        }
    };

    DirectorySnapshots(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Must run with the user's rights: the directory is stat'ed (and, if needed, read) as the user.
     *
     * @return the entry names, sorted, without {@code .} and {@code ..}
     */
    List<String> names(Account user, Path dir) throws IOException {
        Map<String, Object> a = Files.readAttributes(dir, "unix:dev,ino,lastModifiedTime,ctime");
        Object fileKey = List.of(a.get("dev"), a.get("ino"));
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        long ctime = ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
        Key key = new Key(user.uid(), user.gid(), user.groups(), dir);
        long now = nanoClock.getAsLong();
        synchronized (snapshots) {
            Snapshot s = snapshots.get(key);
            if (s != null
                    && s.fileKey.equals(fileKey)
                    && s.mtime.equals(mtime)
                    && s.ctimeNanos == ctime
                    && now - s.createdNanos < TimeUnit.SECONDS.toNanos(TTL_SECONDS)) {
                return s.names;
            }
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
        }
        names.sort(null);
        List<String> frozen = List.copyOf(names);
        if (System.currentTimeMillis() - mtime.toMillis() > RACY_MILLIS) {
            synchronized (snapshots) {
                snapshots.put(key, new Snapshot(fileKey, mtime, ctime, now, frozen));
            }
        }
        return frozen;
    }
}
