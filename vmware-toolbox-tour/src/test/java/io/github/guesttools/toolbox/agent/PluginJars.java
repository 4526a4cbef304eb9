package io.github.guesttools.toolbox.agent;

import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.process.GuestFunction;
import io.github.guesttools.rpc.tclo.RpcHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds plug-in jars in a test: Java sources compiled with javax.tools against the agent, then jarred. */
final class PluginJars {
    static final String SERVICE = "META-INF/services/" + AgentPlugin.class.getName();

    private PluginJars() {}

    /**
     * @param jar the jar to write
     * @param sources class name to source
     * @param packaged which compiled classes go in the jar (the others are left out on purpose)
     * @param services the service file's lines
     */
    static Path build(Path jar, Map<String, String> sources, List<String> packaged, List<String> services)
            throws IOException {
        Path work = Files.createTempDirectory(jar.getParent(), "src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath(), "--release", "17"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = work.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
            throw new IOException("plug-in sources do not compile");
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : packaged) {
                String entry = name.replace('.', '/') + ".class";
                try (Stream<Path> files = Files.walk(classes)) {
                    for (Path f : files.filter(p -> classes.relativize(p)
                                    .toString()
                                    .replace('\\', '/')
                                    .startsWith(entry.substring(0, entry.length() - ".class".length())))
                            .filter(p -> p.toString().endsWith(".class"))
                            .toList()) {
                        put(out, classes.relativize(f).toString(), Files.readAllBytes(f));
                    }
                }
            }
            put(out, SERVICE, String.join("\n", services).concat("\n").getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(bytes);
        out.closeEntry();
    }

    /** The agent's API the plug-ins compile against: the jars (or class directories) of these types. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(AgentPlugin.class, RpcHandler.class, GuestFunction.class, FileHandler.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
