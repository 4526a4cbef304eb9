package io.github.guesttools.toolbox.cmd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code tools.conf}-style key file edited in place: comments, blank lines, unknown sections and the order
 * of everything are kept byte for byte; only the line of the key changed is touched. Writes replace the file
 * atomically (a temporary file in the same directory, mode 0644, then rename).
 */
final class ConfFile {
    private final Path path;
    private final List<String> lines;

    private ConfFile(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** Reads {@code path}; a missing file is an empty configuration. */
    static ConfFile read(Path path) throws IOException {
        try {
            return new ConfFile(path, new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return new ConfFile(path, new ArrayList<>());
        }
    }

    /** Section and key names must not break the file's syntax. */
    static boolean validName(String name) {
        return !name.isEmpty() && name.chars().noneMatch(c -> c == '[' || c == ']' || c == '=' || c < 0x20);
    }

    /** Values are one line. */
    static boolean validValue(String value) {
        return value.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0);
    }

    /** The keys of a section in file order, or empty when the section is absent. */
    Optional<Map<String, String>> section(String section) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean found = false;
        String current = null;
        for (String line : lines) {
            String t = line.strip();
            if (isHeader(t)) {
                current = t.substring(1, t.length() - 1).strip();
                found |= current.equals(section);
            } else if (section.equals(current) && keyOf(t) != null) {
                out.put(keyOf(t), valueOf(t));
            }
        }
        return found ? Optional.of(out) : Optional.empty();
    }

    /** One value. */
    Optional<String> get(String section, String key) {
        return section(section).map(m -> m.get(key));
    }

    /** Sets a value: the key's line is rewritten, or added at the end of its section (made if absent). */
    void set(String section, String key, String value) {
        String line = key + " = " + value;
        int[] where = locate(section, key);
        if (where[1] >= 0) {
            lines.set(where[1], line);
        } else if (where[0] >= 0) {
            lines.add(endOfSection(where[0]), line);
        } else {
            lines.add("[" + section + "]");
            lines.add(line);
        }
    }

    /** Removes a key; nothing when absent. */
    void remove(String section, String key) {
        int[] where = locate(section, key);
        if (where[1] >= 0) {
            lines.remove(where[1]);
        }
    }

    /** Writes the file atomically. */
    void write() throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(
                dir,
                ".toolbox-conf-",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            Files.write(
                    tmp, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {section header index, key line index}, -1 when absent (the last matching section wins for a new key). */
    private int[] locate(String section, String key) {
        int header = -1;
        int keyLine = -1;
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (isHeader(t)) {
                current = t.substring(1, t.length() - 1).strip();
                if (current.equals(section)) {
                    header = i;
                }
            } else if (section.equals(current) && key.equals(keyOf(t))) {
                keyLine = i;
            }
        }
        return new int[] {header, keyLine};
    }

    private int endOfSection(int header) {
        int i = header + 1;
        int lastContent = header;
        for (; i < lines.size() && !isHeader(lines.get(i).strip()); i++) {
            if (!lines.get(i).isBlank()) {
                lastContent = i;
            }
        }
        return lastContent + 1;
    }

    private static boolean isHeader(String t) {
        return t.startsWith("[") && t.endsWith("]");
    }

    private static String keyOf(String t) {
        if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
            return null;
        }
        int eq = t.indexOf('=');
        return eq <= 0 ? null : t.substring(0, eq).strip();
    }

    private static String valueOf(String t) {
        return t.substring(t.indexOf('=') + 1).strip();
    }
}
