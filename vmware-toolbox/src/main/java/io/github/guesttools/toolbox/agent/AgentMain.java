package io.github.guesttools.toolbox.agent;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.BackdoorException;
import io.github.guesttools.backdoor.BackdoorUnavailableException;
import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.toolbox.dispatch.GuestOperation;
import io.github.guesttools.toolbox.selfcheck.SelfCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vmware-toolbox}: runs the agent until SIGTERM/SIGINT.
 *
 * <p>Exit status: 0 after a clean stop, 1 when the agent fails while running, 2 for a usage or
 * configuration error, {@value #NOT_VMWARE} when the native backdoor is unavailable (not a VMware
 * VM), {@value #CHANNEL_IN_USE} when the TCLO channel cannot be opened (another tools daemon).
 */
public final class AgentMain {
    /** Exit status off VMware (sysexits EX_UNAVAILABLE). */
    public static final int NOT_VMWARE = 69;
    /** Exit status when TCLO cannot be opened (sysexits EX_TEMPFAIL). */
    public static final int CHANNEL_IN_USE = 75;

    static final int USAGE = 2;

    private static final String HELP = String.join(
            "\n",
            "usage: vmware-toolbox [options]",
            "  --config FILE          settings file (default " + AgentConfig.DEFAULT_FILE + ", if present)",
            "  --backdoor LOCATION    native (default) or unix:/path/to/simulator.sock",
            "  --auth MODE            pam (default), deny-all or allow-list",
            "  --allow-list FILE      name:sha256hex lines for --auth allow-list",
            "  --exclude-nics GLOBS   comma-separated interface globs not reported",
            "  --log-level LEVEL      error, warn, info (default), debug, trace, off",
            "  --trace                hex-dump channel traffic (credentials blanked)",
            "  --disable OPERATION    e.g. StartProgramInGuest (repeatable)",
            "  --set KEY=VALUE        any configuration key",
            "  --self-check           check the backdoor read-only (safe next to vmtoolsd), print each",
            "                         step and exit: 0 passed, 1 failed, " + NOT_VMWARE + " not VMware");

    private AgentMain() {}

    /** Runs the agent and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        return run(args, err, Runtime.getRuntime()::addShutdownHook);
    }

    /** {@code shutdownHooks} takes the hook that stops the agent (the runtime's; a test's records when). */
    static int run(String[] args, PrintStream err, Consumer<Thread> shutdownHooks) {
        AgentLogging.nameProvider();
        if (Arrays.asList(args).contains("--self-check")) {
            return SelfCheck.run(args, System.out);
        }
        AgentConfig config;
        CommandLine line;
        try {
            line = commandLine(args);
            config = AgentConfig.of(line.settings());
        } catch (IllegalArgumentException | IOException e) {
            err.println("vmware-toolbox: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        } catch (HelpRequested e) {
            err.println(HELP);
            return 0;
        }
        AgentLogging.configure(config.logLevel());
        Logger log = LoggerFactory.getLogger(AgentMain.class);
        AgentLogging.warnIgnored(config);
        // The backdoor opens on a thread of its own while the agent is wired (PendingBackdoor);
        // plug-ins run only once it is open, as before: they are code of others.
        PendingBackdoor pending = PendingBackdoor.open(config.backdoor());
        AgentBuilder builder = Agent.builder(pending).config(config).reloadFrom(line.watched(), line.options());
        Backdoor backdoor = null;
        if (PluginLoader.mayHavePlugins(config.pluginsDirectory())) {
            backdoor = await(pending, config, log);
            if (backdoor == null) {
                return NOT_VMWARE;
            }
            builder.plugins(config.pluginsDirectory());
        }
        Agent agent = builder.build();
        if (backdoor == null) {
            backdoor = await(pending, config, log);
            if (backdoor == null) {
                agent.close();
                return NOT_VMWARE;
            }
        }
        Backdoor opened = backdoor;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    agent.close();
                    closeQuietly(opened);
                    stopped.countDown();
                },
                "vmware-toolbox-shutdown");
        // In place before the start: a stop that comes while TCLO opens (systemctl stop at boot, a
        // host's first reply followed at once by SIGTERM) must still close the channel, or the host
        // refuses the next agent's TCLO open (one per VM). Agent.close waits for a start under way.
        shutdownHooks.accept(hook);
        try {
            agent.start();
        } catch (ChannelException e) {
            log.error("cannot open the TCLO channel (is another tools daemon running?): {}", e.getMessage());
            agent.close();
            closeQuietly(backdoor);
            return CHANNEL_IN_USE;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return 0;
    }

    /** The opened backdoor, or null after logging why there is none. */
    private static Backdoor await(PendingBackdoor pending, AgentConfig config, Logger log) {
        try {
            return pending.await();
        } catch (BackdoorUnavailableException e) {
            log.error("not running in a VMware virtual machine ({}); exiting", e.getMessage());
        } catch (BackdoorException | IllegalArgumentException e) {
            log.error("cannot open the backdoor {}: {}", config.backdoor(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("interrupted while opening the backdoor {}", config.backdoor());
        }
        return null;
    }

    private static void closeQuietly(Backdoor backdoor) {
        try {
            backdoor.close();
        } catch (IOException | RuntimeException e) {
            // the process is ending; nothing to do about a failing close
        }
    }

    static Map<String, String> settings(String[] args) throws IOException, HelpRequested {
        return commandLine(args).settings();
    }

    /**
     * The command line, parsed.
     *
     * @param file {@code --config}, or null for the default file if present
     * @param options the settings given as options, which win over the file
     */
    record CommandLine(Path file, Map<String, String> options) {
        /** The file's settings (if any) with the options over them. */
        Map<String, String> settings() throws IOException {
            Map<String, String> read = Map.of();
            if (file != null) {
                read = AgentConfig.readFile(file);
            } else if (Files.isReadable(AgentConfig.DEFAULT_FILE)) {
                read = AgentConfig.readFile(AgentConfig.DEFAULT_FILE);
            }
            return ConfigWatch.merge(read, options);
        }

        /** The file the running agent watches for changes (the default one even when it does not exist yet). */
        Path watched() {
            return file != null ? file : AgentConfig.DEFAULT_FILE;
        }
    }

    static CommandLine commandLine(String[] args) throws HelpRequested {
        Path file = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--trace" -> options.put("log.trace", "true");
                case "--config" -> file = Path.of(value(args, ++i, a));
                case "--backdoor" -> options.put("backdoor", value(args, ++i, a));
                case "--auth" -> options.put("auth.mode", value(args, ++i, a));
                case "--allow-list" -> options.put("auth.allowList", value(args, ++i, a));
                case "--exclude-nics" -> options.put("guestinfo.exclude-nics", value(args, ++i, a));
                case "--log-level" -> options.put("log.level", value(args, ++i, a));
                case "--disable" -> {
                    String op = value(args, ++i, a);
                    if (GuestOperation.ofConfigName(op).isEmpty()) {
                        throw new IllegalArgumentException("unknown guest operation " + op);
                    }
                    options.put("guestoperations." + op + ".disabled", "true");
                }
                case "--set" -> {
                    String kv = value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--set needs KEY=VALUE");
                    }
                    options.put(
                            kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return new CommandLine(file, options);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** {@code --help}: print the usage and exit 0. */
    static final class HelpRequested extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
