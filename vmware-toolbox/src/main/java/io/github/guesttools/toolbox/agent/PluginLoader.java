package io.github.guesttools.toolbox.agent;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link AgentPlugin}s in the jars of a directory, in name order, one class loader per jar.
 * Each plug-in extends a staged builder that is merged only when {@code extend} returns, so a
 * plug-in that throws half-way adds nothing; nothing a plug-in does at load time stops the agent.
 */
final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    /** Bounds the attempts on a jar whose service file names many broken classes. */
    private static final int MAX_PROVIDERS_PER_JAR = 64;

    private PluginLoader() {}

    /** What loading found. */
    record Outcome(List<String> loaded, List<String> problems) {}

    static Outcome load(Path directory, AgentBuilder target) {
        List<String> loaded = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TreeSet<Path> jars = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            entries.forEach(jars::add);
        } catch (NoSuchFileException e) {
            LOG.debug("no plug-ins directory {}", directory);
        } catch (IOException | RuntimeException e) {
            problems.add(directory + ": " + e);
        }
        for (Path jar : jars) {
            loadJar(jar, target, loaded, problems);
        }
        loaded.forEach(p -> LOG.info("plug-in {} loaded", p));
        problems.forEach(p -> LOG.error("plug-in skipped: {}", p));
        return new Outcome(List.copyOf(loaded), List.copyOf(problems));
    }

    private static void loadJar(Path jar, AgentBuilder target, List<String> loaded, List<String> problems) {
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(
                    "plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, AgentPlugin.class.getClassLoader());
        } catch (MalformedURLException e) {
            problems.add(jar + ": " + e);
            return;
        }
        int found = 0;
        int problemsBefore = problems.size();
        Iterator<ServiceLoader.Provider<AgentPlugin>> providers =
                ServiceLoader.load(AgentPlugin.class, loader).stream().iterator();
        for (int attempt = 0; attempt < MAX_PROVIDERS_PER_JAR; attempt++) {
            String name = jar.getFileName().toString();
            try {
                if (!providers.hasNext()) {
                    break;
                }
                ServiceLoader.Provider<AgentPlugin> provider = providers.next();
                if (provider.type().getClassLoader() != loader) {
                    continue; // the agent's own class path, seen through the parent loader
                }
                name = name + "!" + provider.type().getName();
                found++;
                AgentBuilder staged = new AgentBuilder(target.backdoor);
                provider.get().extend(staged);
                target.merge(staged);
                loaded.add(name);
            } catch (Exception | LinkageError | ServiceConfigurationError e) {
                problems.add(name + ": " + e);
            }
        }
        if (found == 0) {
            if (problems.size() == problemsBefore) {
                problems.add(jar + ": no " + AgentPlugin.class.getName() + " in META-INF/services");
            }
            try {
                loader.close();
            } catch (IOException e) {
                LOG.debug("closing {}", jar, e);
            }
        }
    }
}
