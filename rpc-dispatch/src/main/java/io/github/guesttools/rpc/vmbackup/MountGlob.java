package io.github.guesttools.rpc.vmbackup;

import java.util.regex.Pattern;

/**
 * An {@code excludedFileSystems} pattern: GLib {@code g_pattern} syntax, {@code *} (any string,
 * slashes included) and {@code ?} (one character), everything else literal, matched against the
 * whole mount point.
 */
final class MountGlob {
    private final Pattern pattern;

    MountGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? "(?s).*" : "(?s).");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    boolean matches(String mountPoint) {
        return pattern.matcher(mountPoint).matches();
    }
}
