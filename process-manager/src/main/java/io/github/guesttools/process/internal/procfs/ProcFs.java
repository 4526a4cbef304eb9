package io.github.guesttools.process.internal.procfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads processes from a procfs mount. Every read tolerates a process vanishing half-way: it is
 * then simply absent.
 */
public final class ProcFs {
    private final Path root;

    /** Reads the real {@code /proc}. */
    public ProcFs() {
        this(Path.of("/proc"));
    }

    /** Reads a procfs tree at another location. */
    public ProcFs(Path root) {
        this.root = root;
    }

    /** The process, if it exists. */
    public Optional<ProcEntry> read(long pid) {
        if (pid <= 0) {
            return Optional.empty();
        }
        Path dir = root.resolve(Long.toString(pid));
        try {
            String stat = text(dir.resolve("stat"));
            // comm is in parentheses and may itself contain spaces and ')': the last ')' ends it.
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0 || close < open) {
                return Optional.empty();
            }
            String command = stat.substring(open + 1, close);
            String[] fields = stat.substring(close + 2).trim().split(" ");
            // fields[0] is field 3 (state) of proc(5); ppid is field 4, starttime field 22.
            long parent = Long.parseLong(fields[1]);
            long startTicks = Long.parseLong(fields[19]);
            int[] uids = uidsOfProcess(dir.resolve("status"), pid);
            if (uids == null) {
                return Optional.empty();
            }
            return Optional.of(new ProcEntry(pid, parent, uids[0], uids[2], command, arguments(dir), startTicks));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every process that can be read, in ascending pid order. */
    public List<ProcEntry> all() {
        List<ProcEntry> result = new ArrayList<>();
        for (long pid : pids()) {
            read(pid).ifPresent(result::add);
        }
        return result;
    }

    /**
     * The descendants of a process (children first, then their children), from one scan of the
     * parent links.
     */
    public Set<Long> descendants(long pid) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (long candidate : pids()) {
            parentOf(candidate)
                    .ifPresent(p ->
                            children.computeIfAbsent(p, k -> new ArrayList<>()).add(candidate));
        }
        Set<Long> result = new LinkedHashSet<>();
        List<Long> frontier = List.of(pid);
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (long p : frontier) {
                for (long child : children.getOrDefault(p, List.of())) {
                    if (result.add(child)) {
                        next.add(child);
                    }
                }
            }
            frontier = next;
        }
        return result;
    }

    /** System boot time in Unix seconds ({@code btime} of {@code /proc/stat}). */
    public long bootTimeSeconds() {
        try {
            for (String line : text(root.resolve("stat")).split("\n")) {
                if (line.startsWith("btime ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: an unreadable boot time makes start times relative to the epoch
        }
        return 0;
    }

    /** The largest pid the kernel hands out plus one ({@code /proc/sys/kernel/pid_max}). */
    public long pidMax() {
        try {
            return Long.parseLong(text(root.resolve("sys/kernel/pid_max")).trim());
        } catch (IOException | NumberFormatException e) {
            return 32768;
        }
    }

    private Optional<Long> parentOf(long pid) {
        try {
            String stat = text(root.resolve(pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return Optional.of(Long.parseLong(fields[1]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 19) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    /**
     * Real, effective and saved uid; null when the pid is a thread of another process ({@code
     * /proc/<tid>} resolves too, but signalling a tid would hit its whole thread group).
     */
    private static int[] uidsOfProcess(Path status, long pid) throws IOException {
        int[] uids = null;
        for (String line : text(status).split("\n")) {
            if (line.startsWith("Tgid:") && Long.parseLong(line.substring(5).trim()) != pid) {
                return null;
            }
            if (line.startsWith("Uid:")) {
                String[] parts = line.substring(4).trim().split("\\s+");
                uids = new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
            }
        }
        if (uids == null) {
            throw new IOException("no Uid line in " + status);
        }
        return uids;
    }

    /**
     * Reads a procfs file through a stream: procfs files report size 0 (or a dummy size for
     * sysctls), and {@code Files.readAllBytes} trusts that size and returns a truncated read.
     */
    private static byte[] bytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        }
    }

    private static String text(Path file) throws IOException {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private static List<String> arguments(Path dir) throws IOException {
        byte[] raw = bytes(dir.resolve("cmdline"));
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return args;
    }
}
