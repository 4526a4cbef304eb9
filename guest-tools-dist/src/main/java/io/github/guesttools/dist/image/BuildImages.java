package io.github.guesttools.dist.image;

import io.github.guesttools.dist.archive.TarWriter;
import io.github.guesttools.dist.archive.ZipWriter;
import io.github.guesttools.dist.iso.IsoWriter;
import io.github.guesttools.dist.tree.ImageTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds {@code guest-tools-<version>.iso}, {@code .zip}, {@code .tar.gz}, {@code .tar.xz} and
 * {@code SHA256SUMS}. Run by the {@code dist} profile; usable by hand:
 *
 * <pre>
 * java -cp ... io.github.guesttools.dist.image.BuildImages --layout=image.layout --var=lib=target/image-lib \
 *     [--runtime=target/jlink-runtime] --version=1.0 --timestamp=2026-11-22T00:00:00Z --output=target
 * </pre>
 *
 * <p>With {@code --runtime}, a runtime is linked for the jars in {@code ${lib}} and offered to the
 * layout as {@code ${runtime}}. {@code ${version}} is always defined. The native libraries JNA
 * loads are unpacked into {@code ${lib}/native} (see {@link NativeLibraries}).
 */
public final class BuildImages {
    private BuildImages() {}

    /**
     * What to build.
     *
     * @param layout the layout file
     * @param variables values for the layout's {@code ${name}}s
     * @param runtime where to link the Java runtime, or {@code null} for none
     * @param version the image version, part of the file names
     * @param timestamp every date in the images
     * @param label the ISO volume label
     * @param output the directory the images are written to
     */
    public record Options(
            Path layout,
            Map<String, String> variables,
            Path runtime,
            String version,
            Instant timestamp,
            String label,
            Path output) {}

    /** Command line entry point; see the class documentation. */
    public static void main(String[] args) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments are --name=value: " + arg);
            }
            String name = arg.substring(2, eq);
            String value = arg.substring(eq + 1);
            if (name.equals("var")) {
                int split = value.indexOf('=');
                variables.put(value.substring(0, split), value.substring(split + 1));
            } else {
                options.put(name, value);
            }
        }
        Options o = new Options(
                Path.of(required(options, "layout")),
                variables,
                options.containsKey("runtime") ? Path.of(options.get("runtime")) : null,
                required(options, "version"),
                Instant.parse(required(options, "timestamp")),
                options.getOrDefault("label", "Guest Tools"),
                Path.of(required(options, "output")));
        for (Path image : build(o)) {
            System.out.println("[guest-tools-dist] wrote " + image);
        }
    }

    /** Builds the images and returns their paths, {@code SHA256SUMS} last. */
    public static List<Path> build(Options o) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>(o.variables());
        variables.put("version", o.version());
        String name = "guest-tools-" + o.version();
        NativeLibraries.unpack(jars(Path.of(variables.get("lib"))), Path.of(variables.get("lib"), "native"));
        if (o.runtime() != null) {
            deleteTree(o.runtime());
            List<Path> jars = jars(Path.of(variables.get("lib")));
            List<String> modules = JavaRuntime.modules(jars);
            System.out.println("[guest-tools-dist] runtime modules (jdeps): " + String.join(",", modules));
            JavaRuntime.link(modules, o.runtime());
            variables.put("runtime", o.runtime().toString());
        }
        Path staging = o.output().resolve(name);
        deleteTree(staging);
        Stager.stage(Layout.read(o.layout(), variables), staging);
        ImageTree tree = ImageTree.scan(staging, o.timestamp());

        List<Path> images = new ArrayList<>();
        Path iso = o.output().resolve(name + ".iso");
        new IsoWriter(o.label()).write(tree, iso);
        images.add(iso);
        Path zip = o.output().resolve(name + ".zip");
        ZipWriter.write(tree, name, zip);
        images.add(zip);
        Path tgz = o.output().resolve(name + ".tar.gz");
        TarWriter.write(tree, name, TarWriter.Compression.GZIP, tgz);
        images.add(tgz);
        Path txz = o.output().resolve(name + ".tar.xz");
        TarWriter.write(tree, name, TarWriter.Compression.XZ, txz);
        images.add(txz);
        Path sums = o.output().resolve("SHA256SUMS");
        Checksums.write(images, sums);
        images.add(sums);
        return images;
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
