package io.github.guesttools.dist.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Links the Java runtime bundled in the Linux image: only the modules jdeps finds in the shipped
 * jars (less those only optional paths of a dependency need), without debug symbols, headers and
 * man pages, the class image's strings shared ({@code --compress=1}) and the native libraries'
 * symbol tables stripped. See docs/PERFORMANCE.md ("Installed image") for the measured trade-offs.
 *
 * <p>jlink's output is byte-stable when it runs in a fresh JVM, so it is run as a process. No CDS
 * archive is put in the image: on JDK 17, {@code jlink --generate-cds-archive} writes
 * {@code classes.jsa} and {@code classes_nocoops.jsa} that differ from run to run (everything else
 * jlink writes is byte-stable), which would make the images irreproducible. {@code install.sh}
 * dumps the archive on the guest instead ({@code java -Xshare:dump}).
 */
public final class JavaRuntime {
    private JavaRuntime() {}

    /**
     * Modules that only an optional path of a dependency needs, by jdeps' name for the archive (a
     * jar's file name prefix or a module name), left out of the runtime. Measured with
     * {@code jdeps -verbose:class}; see docs/PERFORMANCE.md ("Image footprint").
     */
    static final Map<String, Set<String>> OPTIONAL = Map.of(
            // Native$AWT: window and component handles (Native.getWindowID & co.), never called.
            "jna-", Set.of("java.desktop"),
            // pack200's Pack200Adapter (java.beans listeners); hgfs packs tar, zip and gzip only.
            "org.apache.commons.compress", Set.of("java.desktop"),
            // The concurrent circuit breakers' java.beans listeners (commons-compress uses neither).
            "org.apache.commons.lang3", Set.of("java.desktop"));

    /**
     * The modules the jars need, as jdeps sees them (each archive's direct dependencies, without
     * those {@link #OPTIONAL} lists); always at least {@code java.base}.
     */
    public static List<String> modules(List<Path> jars) throws IOException {
        TreeSet<String> modules = new TreeSet<>(List.of("java.base"));
        if (jars.isEmpty()) {
            return List.copyOf(modules);
        }
        // --ignore-missing-deps: the shipped third-party jars reference optional libraries that
        // are not shipped and never called (commons-compress: brotli, zstd-jni, asm, OSGi). The
        // jars themselves all come from the Maven runtime classpath, so nothing we call is missing.
        String classPath = String.join(
                java.io.File.pathSeparator, jars.stream().map(Path::toString).toList());
        List<String> args = new ArrayList<>(List.of(
                "-summary",
                "--ignore-missing-deps",
                "--multi-release",
                Integer.toString(Runtime.version().feature()),
                "--class-path",
                classPath));
        jars.forEach(jar -> args.add(jar.toString()));
        String out = run("jdeps", args);
        for (String line : out.split("\\R")) {
            String[] edge = line.strip().split("\\s+->\\s+");
            if (edge.length != 2 || !edge[1].matches("(java|jdk)\\.[a-z0-9_.]+")) {
                continue;
            }
            boolean optional = OPTIONAL.entrySet().stream()
                    .anyMatch(
                            e -> edge[0].startsWith(e.getKey()) && e.getValue().contains(edge[1]));
            if (!optional) {
                modules.add(edge[1]);
            }
        }
        return List.copyOf(modules);
    }

    /** Links a runtime with {@code modules} into {@code output}, which must not exist. */
    public static void link(List<String> modules, Path output) throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new IOException("the bundled runtime is for linux-x86_64; this build runs on " + os + "-" + arch);
        }
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (!Files.isDirectory(jmods)) {
            throw new IOException("no " + jmods + ": jlink needs the JDK's jmods (Debian: apt-get install openjdk-"
                    + Runtime.version().feature() + "-jmods)");
        }
        Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
        // --compress=1 (string sharing) makes lib/modules 20 -> 13.5 MB at no cost in the tar.xz and
        // about 5 % more CPU to load a class from it; --compress=2 (zip) would save 4 MB more
        // installed but add 5 MB to the tar.xz (deflated data does not compress again).
        List<String> command = List.of(
                jlink.toString(),
                "--module-path",
                jmods.toString(),
                "--add-modules",
                String.join(",", modules),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--compress=1",
                "--output",
                output.toString());
        // A fresh process, not the jlink ToolProvider: in a JVM that has already run code (Maven's),
        // jlink's pre-generated java.lang.invoke classes come out different from run to run.
        execute(command, "jlink");
        stripNativeLibraries(output);
    }

    /**
     * Strips the symbol tables of the runtime's native libraries ({@code libjvm.so} 23.5 -> 19.6 MB).
     * jlink's {@code --strip-native-debug-symbols} does not do it: Debian's jmods hold no debug
     * sections, only {@code .symtab}. A crash report then shows {@code libjvm.so+offset} frames, which
     * the build ID (kept) and the distribution's debug symbols resolve.
     */
    private static void stripNativeLibraries(Path runtime) throws IOException {
        List<String> command = new ArrayList<>(List.of("strip", "--strip-unneeded"));
        try (var files = Files.walk(runtime.resolve("lib"))) {
            files.filter(f ->
                            Files.isRegularFile(f) && f.getFileName().toString().endsWith(".so"))
                    .sorted()
                    .forEach(f -> command.add(f.toString()));
        }
        execute(command, "strip (binutils)");
    }

    private static void execute(List<String> command, String tool) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(tool + " could not run (install-build-deps.sh installs it): " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(tool + " failed (" + process.exitValue() + "): " + command + "\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + tool + " ran", e);
        }
    }

    private static String run(String tool, List<String> args) throws IOException {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IOException(tool + " is not available: build with a JDK, not a JRE"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = provider.run(o, e, args.toArray(String[]::new));
        }
        if (code != 0) {
            throw new IOException(tool + " " + args + " failed (" + code + "): " + out.toString(StandardCharsets.UTF_8)
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
