package io.github.guesttools.dist.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image layout: what goes where, with which mode. One item per line:
 *
 * <pre>
 * # kind  image-path                          mode  source
 * file    linux/install.sh                    0755  ${module}/src/main/scripts/install.sh
 * files   linux/opt/guest-tools/lib           0644  ${lib}
 * tree    linux/opt/guest-tools/runtime       -     ${runtime}
 * link    linux/usr/sbin/guest-tools-uninstall -    /opt/guest-tools/sbin/guest-tools-uninstall
 * dir     linux/var/empty-example             0755  -
 * </pre>
 *
 * <p>{@code file} copies one file; {@code files} copies every regular file of a directory (not its
 * subdirectories); {@code tree} copies a whole tree keeping its modes (without group and other write
 * bits); {@code link} makes a symbolic link whose target is the source field; {@code dir} makes an
 * empty directory. Parent directories are made with mode 0755. {@code ${name}} is replaced by the
 * value given for {@code name}; an unknown name is an error, so a layout never silently drops an item.
 */
public record Layout(List<Item> items) {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    /** What an item is. */
    public enum Kind {
        /** One file. */
        FILE,
        /** Every regular file of a directory. */
        FILES,
        /** A directory tree, modes kept. */
        TREE,
        /** A symbolic link. */
        LINK,
        /** An empty directory. */
        DIR
    }

    /**
     * One line of the layout.
     *
     * @param kind what to make
     * @param imagePath where in the image, relative, {@code /}-separated
     * @param mode permission bits, or -1 where the kind takes them from elsewhere ({@code tree}, {@code link})
     * @param source the source path, or the link target for {@code link}
     * @param line the line number, for messages
     */
    public record Item(Kind kind, String imagePath, int mode, String source, int line) {}

    /** Reads a layout file, substituting {@code variables}. */
    public static Layout read(Path file, Map<String, String> variables) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), variables);
    }

    /** Parses layout text, substituting {@code variables}. */
    public static Layout parse(String text, Map<String, String> variables) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length != 4) {
                throw new IllegalArgumentException(
                        "layout line " + (i + 1) + ": want 'kind image-path mode source': " + line);
            }
            Kind kind;
            try {
                kind = Kind.valueOf(fields[0].toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layout line " + (i + 1) + ": unknown kind '" + fields[0] + "'", e);
            }
            int mode = fields[2].equals("-") ? -1 : Integer.parseInt(fields[2], 8);
            if ((mode == -1) != (kind == Kind.TREE || kind == Kind.LINK)) {
                throw new IllegalArgumentException("layout line " + (i + 1) + ": " + fields[0]
                        + (mode == -1 ? " needs a mode" : " takes no mode (use -)"));
            }
            String imagePath = substitute(fields[1], variables, i + 1);
            if (imagePath.startsWith("/") || imagePath.contains("..") || imagePath.endsWith("/")) {
                throw new IllegalArgumentException("layout line " + (i + 1) + ": bad image path " + imagePath);
            }
            items.add(new Item(kind, imagePath, mode, substitute(fields[3], variables, i + 1), i + 1));
        }
        return new Layout(List.copyOf(items));
    }

    private static String substitute(String value, Map<String, String> variables, int line) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = variables.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException("layout line " + line + ": no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
