package io.github.guesttools.toolbox.agent;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds {@link AgentPlugin}s in the jars of a directory, in name order, one class loader per jar.
 * Each plug-in extends a staged builder that is merged only when {@code extend} returns, so a
 * plug-in that throws half-way adds nothing; nothing a plug-in does at load time stops the agent.
 * Each plug-in is made and extends on a thread of its own, for at most {@link #EXTEND_BOUND}: one that
 * has not returned by then (a hang, a network call) is reported and skipped, its staged contributions
 * are never merged, and the agent starts without it (the thread is left to finish or hang alone).
 */
final class PluginLoader {
    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
    /** Bounds the attempts on a jar whose service file names many broken classes. */
    private static final int MAX_PROVIDERS_PER_JAR = 64;
    /** How long one plug-in's construction and {@code extend} may take. */
    static final Duration EXTEND_BOUND = Duration.ofSeconds(10);

    private PluginLoader() {}

    /** What loading found. */
    record Outcome(List<String> loaded, List<String> problems) {}

    static Outcome load(Path directory, AgentBuilder target) {
        return load(directory, target, EXTEND_BOUND);
    }

    /** @param bound how long one plug-in may take to extend the agent (a test seam) */
    static Outcome load(Path directory, AgentBuilder target, Duration bound) {
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
            loadJar(jar, target, bound, loaded, problems);
        }
        loaded.forEach(p -> LOG.info("plug-in {} loaded", p));
        problems.forEach(p -> LOG.error("plug-in skipped: {}", p));
        return new Outcome(List.copyOf(loaded), List.copyOf(problems));
    }

    /**
     * Whether {@link #load} could find anything in {@code directory}: false only for a missing
     * directory or one without a jar (the image ships an empty one); true when it cannot tell, so
     * that {@link #load} reports the problem.
     */
    static boolean mayHavePlugins(Path directory) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar")) {
            return entries.iterator().hasNext();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static void loadJar(
            Path jar, AgentBuilder target, Duration bound, List<String> loaded, List<String> problems) {
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(
                    "plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()}, AgentPlugin.class.getClassLoader());
        } catch (MalformedURLException e) {
            problems.add(jar + ": " + e);
            return;
        }
        int found = 0;
        int used = 0;
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
                if (extendWithin(provider, staged, bound, name, problems)) {
                    target.merge(staged);
                    loaded.add(name);
                    used++;
                }
            } catch (Exception | LinkageError | ServiceConfigurationError e) {
                problems.add(name + ": " + e);
            }
        }
        if (found == 0 && problems.size() == problemsBefore) {
            problems.add(jar + ": no " + AgentPlugin.class.getName() + " in META-INF/services");
        }
        if (used > 0) {
            target.pluginLoaders.add(loader); // closed by Agent.close
        } else {
            close(loader, jar);
        }
    }

    /**
     * Closes a plug-in's class loader: its jar is no longer held open (an embedder that starts and
     * stops agents would otherwise keep one descriptor per plug-in jar and agent). A thread the
     * plug-in left running can load no more classes from it.
     */
    static void close(URLClassLoader loader, Object what) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.debug("closing {}", what, e);
        }
    }

    /**
     * Makes the plug-in and lets it extend {@code staged} on a daemon thread (started here, so it has
     * the agent's credentials), waiting at most {@code bound}.
     *
     * @return true when it returned normally in time
     */
    private static boolean extendWithin(
            ServiceLoader.Provider<AgentPlugin> provider,
            AgentBuilder staged,
            Duration bound,
            String name,
            List<String> problems) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            provider.get().extend(staged);
            return null;
        });
        Thread t = new Thread(task, "agent-plugin " + name);
        t.setDaemon(true);
        t.start();
        try {
            task.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            problems.add(
                    name + ": did not return within " + bound.toSeconds() + " s; skipped (its thread is left running)");
        } catch (ExecutionException e) {
            problems.add(name + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the agent is stopping: no more plug-ins
            problems.add(name + ": interrupted while loading");
        }
        return false;
    }
}
