package io.github.guesttools.toolbox.processfiles;

import io.github.guesttools.process.StdStream;
import java.util.Optional;

/** {@code /<pid>/stdin|stdout|stderr} inside the {@code proc} scheme. */
record IoPath(long pid, StdStream stream) {

    static Optional<IoPath> parse(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length != 3 || !parts[0].isEmpty() || !isDecimal(parts[1])) {
            return Optional.empty();
        }
        for (StdStream stream : StdStream.values()) {
            if (stream.fileName().equals(parts[2])) {
                return Optional.of(new IoPath(Long.parseLong(parts[1]), stream));
            }
        }
        return Optional.empty();
    }

    private static boolean isDecimal(String s) {
        // at most 18 digits: always a valid positive long
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
