package io.github.guesttools.dist.testing;

import io.github.guesttools.dist.image.Layout;
import io.github.guesttools.dist.image.Stager;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds the guest-tools image tree from the real layout for tests, without Maven and without
 * jlink: the jar directory holds one test jar ({@link EchoMain}) and the "runtime" is a
 * {@code bin/java} script running this JVM (with an empty {@code lib/server/} where install.sh
 * dumps the class data sharing archive, as in a real runtime). Tests that need the real component jars (the installed
 * mdata-get against a metadata server, the agent against the simulator bridge) can pass their own
 * jar directory.
 */
public final class StagingTrees {
    public static final String ECHO_MAIN = EchoMain.class.getName();
    /** The modules whose jars go into the image. */
    private static final List<String> COMPONENTS = List.of(
            "backdoor-transport",
            "rpc-dispatch",
            "guest-identity",
            "hgfs",
            "process-manager",
            "vmware-toolbox",
            "vmware-toolbox-logging",
            "smartos-mdata");
    /** Their runtime dependencies (file name prefixes); test libraries are left out. */
    private static final List<String> RUNTIME_LIBRARIES = List.of("jna-", "slf4j-", "commons-", "xz-");

    private StagingTrees() {}

    /** The module directory (set by surefire; the working directory otherwise). */
    public static Path moduleDir() {
        return Path.of(System.getProperty("dist.module.dir", System.getProperty("user.dir")))
                .toAbsolutePath()
                .normalize();
    }

    /** Variables for the real layout, with a test jar directory and a stand-in runtime under {@code work}. */
    public static Map<String, String> variables(Path work) throws IOException {
        Path lib = Files.createDirectories(work.resolve("lib"));
        Files.createDirectories(lib.resolve("native"));
        writeEchoJar(lib.resolve("echo-test.jar"));
        Path runtime = Files.createDirectories(work.resolve("runtime/bin"));
        Path java = runtime.resolve("java");
        Files.writeString(
                java, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(work.resolve("runtime/lib/server"));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("module", moduleDir().toString());
        vars.put("root", moduleDir().getParent().toString());
        vars.put("lib", lib.toString());
        vars.put("runtime", work.resolve("runtime").toString());
        vars.put("version", "0.0.0-test");
        return vars;
    }

    /** Stages the real layout into {@code work/image} and returns it. */
    public static Path stage(Path work) throws IOException {
        Layout layout = Layout.read(moduleDir().resolve("src/main/layout/image.layout"), variables(work));
        return Stager.stage(layout, work.resolve("image"));
    }

    /**
     * Stages the real layout into {@code work/image} with {@code jars} (the component jars and
     * their dependencies) in the jar directory next to the test jar.
     */
    public static Path stage(Path work, List<Path> jars) throws IOException {
        Map<String, String> vars = variables(work);
        Path lib = Path.of(vars.get("lib"));
        for (Path jar : jars) {
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        Layout layout = Layout.read(moduleDir().resolve("src/main/layout/image.layout"), vars);
        return Stager.stage(layout, work.resolve("image"));
    }

    /**
     * The components and their runtime dependencies from this test's class path, as jars in
     * {@code dir} (a reactor build before {@code package} gives classes directories: jarred here).
     */
    public static List<Path> componentJars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String name = path.getFileName().toString();
            if (Files.isDirectory(path) && path.endsWith(Path.of("target", "classes"))) {
                String module = path.getParent().getParent().getFileName().toString();
                if (COMPONENTS.contains(module)) {
                    jars.add(jar(path, Files.createDirectories(dir).resolve(module + "-classes.jar")));
                }
            } else if (name.endsWith(".jar")
                    && (COMPONENTS.stream().anyMatch(name::startsWith)
                            || RUNTIME_LIBRARIES.stream().anyMatch(name::startsWith))) {
                jars.add(path);
            }
        }
        return jars;
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void writeEchoJar(Path jar) throws IOException {
        String resource = EchoMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                InputStream in = EchoMain.class.getClassLoader().getResourceAsStream(resource)) {
            out.putNextEntry(new JarEntry(resource));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
