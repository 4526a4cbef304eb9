package io.github.guesttools.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line vmtoolsd runs ({@code docs/protocols/process.md} §2.1): the program path in double quotes,
 * the arguments appended unquoted so that shell syntax in them (redirections from govc) works,
 * run by {@code bash -c} when bash exists, else {@code /bin/sh -c}.
 */
final class ShellCommand {
    private static final List<String> BASH = List.of("/bin/bash", "/usr/bin/bash");

    private ShellCommand() {}

    /**
     * {@code "<path>" <arguments>}. Unlike vmtoolsd, the four characters that keep a meaning inside
     * double quotes are backslash-escaped, so any path is passed literally.
     */
    public static String commandLine(String programPath, String arguments) {
        StringBuilder line = new StringBuilder(programPath.length() + arguments.length() + 3);
        line.append('"');
        for (int i = 0; i < programPath.length(); i++) {
            char c = programPath.charAt(i);
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                line.append('\\');
            }
            line.append(c);
        }
        line.append('"');
        if (!arguments.isEmpty()) {
            line.append(' ').append(arguments);
        }
        return line.toString();
    }

    /**
     * The shell to run command lines with: bash, which replaces itself with the program for a
     * simple command (so the pid is the program's), else {@code /bin/sh}.
     */
    public static String shell() {
        for (String candidate : BASH) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "/bin/sh";
    }
}
