package io.github.guesttools.toolbox.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a changed {@code toolbox.conf}, as vmtoolsd re-reads {@code tools.conf}: each {@link #check()} compares
 * the file's modification time, size and file key (inode; {@code vmware-toolbox-cmd} replaces the file by
 * renaming, so even a same-second, same-size edit is seen) with the last ones, one {@code stat} call and nothing
 * more while nothing changed. A changed file is read, the command-line options laid over it again, and the result
 * handed on; a file that cannot be read or has a mistake is logged and the running settings are kept. The caller
 * runs {@link #check()} on a tick it already has (no thread of its own).
 */
final class ConfigWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatch.class);

    private final Path file;
    private final Map<String, String> options;
    private final Consumer<AgentConfig> apply;
    private Object last;

    /**
     * @param file the configuration file (a missing one is an empty configuration)
     * @param options the command-line settings, which win over the file
     * @param apply receives the new configuration after each change
     */
    ConfigWatch(Path file, Map<String, String> options, Consumer<AgentConfig> apply) {
        this.file = Objects.requireNonNull(file);
        this.options = Map.copyOf(options);
        this.apply = Objects.requireNonNull(apply);
        this.last = stamp();
    }

    /** Applies the file if it changed since the last check (or since construction). */
    synchronized void check() {
        Object now = stamp();
        if (now.equals(last)) {
            return;
        }
        last = now;
        AgentConfig config;
        try {
            Map<String, String> read = Files.exists(file) ? AgentConfig.readFile(file) : Map.of();
            config = AgentConfig.of(merge(read, options));
        } catch (IOException | RuntimeException e) {
            LOG.error("{} changed but was not applied ({}); the running settings stay", file, e.getMessage());
            return;
        }
        LOG.info("{} changed; applying it", file);
        apply.accept(config);
    }

    /**
     * The file's settings with {@code options} over them. A {@code --log-level} option also wins over {@code
     * [logging] vmtoolsd.level}, which otherwise beats {@code [log] level}.
     */
    static Map<String, String> merge(Map<String, String> file, Map<String, String> options) {
        Map<String, String> m = new LinkedHashMap<>(file);
        if (options.containsKey("log.level")) {
            m.keySet().removeIf(k -> k.equals("logging.vmtoolsd.level") || k.equals("logging.vmsvc.level"));
        }
        m.putAll(options);
        return m;
    }

    /** Modification time, size and file key, or a marker for a missing or unreadable file. */
    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    private record Stamp(long modified, long size, Object key) {}
}
