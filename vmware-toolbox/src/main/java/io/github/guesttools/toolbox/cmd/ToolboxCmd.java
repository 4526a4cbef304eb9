package io.github.guesttools.toolbox.cmd;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.hostclock.HostClockCommands;
import io.github.guesttools.backdoor.hostclock.HostTime;
import io.github.guesttools.backdoor.location.Backdoors;
import io.github.guesttools.rpc.channel.BackdoorChannels;
import io.github.guesttools.rpc.diskinfo.DiskCollector;
import io.github.guesttools.rpc.diskinfo.MountEntry;
import io.github.guesttools.rpc.diskinfo.MountInfoParser;
import io.github.guesttools.rpc.report.GuestInfoReporter;
import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.rpci.RpciReply;
import io.github.guesttools.rpc.tool.ExitStatus;
import io.github.guesttools.rpc.toolbox.ToolsVersion;
import io.github.guesttools.toolbox.agent.Agent;
import io.github.guesttools.toolbox.agent.AgentConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code vmware-toolbox-cmd [-q] [-v] [--backdoor <location>] [--config <file>] <command> [subcommand] [args]}.
 * Exit codes are open-vm-tools' sysexits values ({@code toolbox-cmd.md} §1.2).
 */
public final class ToolboxCmd {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 64;
    static final int UNAVAILABLE = 69;
    static final int OSFILE = 72;
    static final int TEMPFAIL = 75;
    static final int NOPERM = 77;

    private static final String NAME = "vmware-toolbox-cmd";
    private static final Path SCRIPTS = Path.of("/etc/vmware-tools");
    private static final Map<String, String[]> SCRIPT_TYPES = Map.of(
            "power", new String[] {"poweron-script", "poweron-vm-default"},
            "shutdown", new String[] {"poweroff-script", "poweroff-vm-default"},
            "suspend", new String[] {"suspend-script", "suspend-vm-default"},
            "resume", new String[] {"resume-script", "resume-vm-default"});
    private static final Set<String> LEVELS = Set.of("error", "critical", "warning", "message", "info", "debug");
    private static final String GUESTLIB_NOT_ENABLED = "VMware Guest API is not enabled on the host";
    private static final String GUESTLIB_UNSUPPORTED = "Host does not support this request.";
    private static final Set<String> ROOT_COMMANDS = Set.of("script", "disk", "logging", "info", "config");

    private final PrintStream out;
    private final PrintStream err;
    private boolean quiet;
    private String location = Backdoors.NATIVE;
    private Path config = AgentConfig.DEFAULT_FILE;
    private boolean root = "root".equals(System.getProperty("user.name"));

    private ToolboxCmd(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(ExitStatus.forLauncher(forLauncher(run(args, System.out, System.err))));
    }

    /**
     * Under the guest-tools launcher a command's status must be 0-31; the sysexits statuses 64-79 travel as
     * 16-31 and the {@code vmware-toolbox-cmd} launcher maps them back.
     */
    static int forLauncher(int status) {
        boolean launcher = "64".equals(System.getProperty("guest.tools.exit.offset"));
        return launcher && status >= 64 && status < 80 ? status - 48 : status;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return new ToolboxCmd(out, err).run(List.of(args));
    }

    private int run(List<String> all) {
        List<String> args = new ArrayList<>(all);
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String o = args.remove(0);
            switch (o) {
                case "-q", "--quiet" -> quiet = true;
                case "-h", "--help" -> {
                    out.println(help());
                    return OK;
                }
                case "-v", "--version" -> {
                    out.println(ToolsVersion.parse(ToolsVersion.PRODUCT, Agent.VERSION, 0)
                            .detailed());
                    return OK;
                }
                case "--backdoor", "--config" -> {
                    if (args.isEmpty()) {
                        return usage("Missing " + o.substring(2), null);
                    }
                    String v = args.remove(0);
                    if (o.equals("--backdoor")) {
                        location = v;
                    } else {
                        config = Path.of(v);
                    }
                }
                default -> {
                    return usage("Unknown option '" + o + "'", null);
                }
            }
        }
        if (args.isEmpty()) {
            return usage("Missing command", null);
        }
        String command = args.remove(0);
        if (command.equals("help")) {
            out.println(help());
            return OK;
        }
        if (!Set.of("timesync", "script", "disk", "stat", "logging", "info", "config")
                .contains(command)) {
            return usage("Unknown command '" + command + "'", null);
        }
        if (ROOT_COMMANDS.contains(command) && !root) {
            err.println(NAME + ": You must be root to perform " + command + " operations.");
            return NOPERM;
        }
        try {
            return switch (command) {
                case "script" -> script(args);
                case "config" -> config(args);
                case "logging" -> logging(args);
                default -> withBackdoor(command, args);
            };
        } catch (IOException e) {
            err.println(NAME + ": " + e.getMessage());
            return TEMPFAIL;
        }
    }

    private int withBackdoor(String command, List<String> args) throws IOException {
        if (args.isEmpty()) {
            return usage("Missing subcommand", command);
        }
        Backdoor backdoor;
        try {
            backdoor = Backdoors.open(location);
        } catch (IOException | RuntimeException e) {
            err.println(NAME + " must be run inside a virtual machine.");
            return FAILURE;
        }
        try (backdoor;
                RpciClient rpci = new RpciClient(BackdoorChannels.opener(backdoor))) {
            return switch (command) {
                case "timesync" -> timesync(args, backdoor, rpci);
                case "stat" -> stat(args, backdoor, rpci);
                case "disk" -> disk(args, rpci);
                case "info" -> info(args, rpci);
                default -> usage("Unknown command '" + command + "'", null);
            };
        }
    }

    // ---- timesync --------------------------------------------------------------------------

    private int timesync(List<String> args, Backdoor backdoor, RpciClient rpci) throws IOException {
        boolean on = (HostClockCommands.guiOptions(backdoor) & HostClockCommands.GUI_SYNC_TIME) != 0;
        switch (args.get(0)) {
            case "status" -> {
                say(on ? "Enabled" : "Disabled");
                return on ? OK : UNAVAILABLE;
            }
            case "enable", "disable" -> {
                boolean want = args.get(0).equals("enable");
                if (on != want) {
                    RpciReply r =
                            rpci.exchange(("vmx.set_option synctime " + (on ? 1 : 0) + " " + (want ? 1 : 0) + "\0")
                                    .getBytes(StandardCharsets.ISO_8859_1));
                    if (!r.success()) {
                        err.println("Error: " + r.text());
                        return FAILURE;
                    }
                }
                say(want ? "Enabled" : "Disabled");
                return OK;
            }
            default -> {
                return usage("Unknown subcommand '" + args.get(0) + "'", "timesync");
            }
        }
    }

    // ---- stat ------------------------------------------------------------------------------

    private int stat(List<String> args, Backdoor backdoor, RpciClient rpci) throws IOException {
        switch (args.get(0)) {
            case "hosttime" -> {
                Optional<HostTime> t = HostClockCommands.read(backdoor);
                if (t.isEmpty()) {
                    sayErr("Unable to get host time.");
                    return TEMPFAIL;
                }
                Instant i = Instant.ofEpochSecond(Math.floorDiv(t.get().epochMicros(), 1_000_000L));
                out.println(DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", Locale.ENGLISH)
                        .withZone(ZoneId.systemDefault())
                        .format(i));
                return OK;
            }
            case "speed" -> {
                Optional<Integer> mhz = HostClockCommands.mhz(backdoor);
                if (mhz.isEmpty()) {
                    sayErr("Unable to get processor speed.");
                    return TEMPFAIL;
                }
                out.println(mhz.get() + " MHz");
                return OK;
            }
            case "sessionid", "balloon", "swap", "memlimit", "memres", "cpures", "cpulimit" -> {
                return guestlib(args.get(0), rpci);
            }
            case "raw" -> {
                return rawStat(args, rpci);
            }
            default -> {
                return usage("Unknown subcommand '" + args.get(0) + "'", "stat");
            }
        }
    }

    /** A guestlib statistic as open-vm-tools prints it: text, unit, the failure message's subject. */
    private record GuestStat(int id, String unit, String what) {}

    private static final Map<String, GuestStat> GUEST_STATS = Map.of(
            "balloon", new GuestStat(GuestLibInfo.MEM_BALLOONED_MB, "MB", "ballooned memory"),
            "swap", new GuestStat(GuestLibInfo.MEM_SWAPPED_MB, "MB", "swapped memory"),
            "memlimit", new GuestStat(GuestLibInfo.MEM_LIMIT_MB, "MB", "memory limit"),
            "memres", new GuestStat(GuestLibInfo.MEM_RESERVATION_MB, "MB", "memory reservation"),
            "cpures", new GuestStat(GuestLibInfo.CPU_RESERVATION_MHZ, "MHz", "CPU minimum"),
            "cpulimit", new GuestStat(GuestLibInfo.CPU_LIMIT_MHZ, "MHz", "CPU limit"));

    /** {@code stat sessionid|balloon|...}: {@code guestlib.info.get 3}, decoded (§2.1). */
    private int guestlib(String name, RpciClient rpci) throws IOException {
        RpciReply r =
                rpci.exchange(("guestlib.info.get " + GuestLibInfo.VERSION).getBytes(StandardCharsets.ISO_8859_1));
        if (!r.success()) {
            if (r.text().startsWith("Unknown command")) {
                sayErr("UpdateInfo failed: " + GUESTLIB_NOT_ENABLED);
                return TEMPFAIL;
            }
            // open-vm-tools falls back to version 2; a host that has it gets "unsupported", not its fixed struct
            RpciReply v2 = rpci.exchange("guestlib.info.get 2".getBytes(StandardCharsets.ISO_8859_1));
            sayErr("UpdateInfo failed: " + (v2.success() ? GUESTLIB_UNSUPPORTED : GUESTLIB_NOT_ENABLED));
            return TEMPFAIL;
        }
        GuestLibInfo info;
        try {
            info = GuestLibInfo.decode(r.body()); // binary: trailing zero bytes are data here
        } catch (GuestLibInfo.FormatException e) {
            sayErr("UpdateInfo failed: Other error (" + e.getMessage() + ")");
            return TEMPFAIL;
        }
        if (name.equals("sessionid")) {
            out.println("0x" + Long.toHexString(info.sessionId()));
            return OK;
        }
        GuestStat s = GUEST_STATS.get(name);
        Optional<GuestLibInfo.Stat> stat = info.stat(s.id());
        if (stat.isEmpty() || !stat.get().valid()) {
            sayErr("Failed to get " + s.what() + ": "
                    + (stat.isEmpty() ? GUESTLIB_UNSUPPORTED : "This value is not available on this host"));
            return TEMPFAIL;
        }
        out.println(stat.get().value() + " " + s.unit());
        return OK;
    }

    /** {@code stat raw [<encoding> <stat> [<param>]]}: {@code guestlib.stat.get}, the reply printed as it comes. */
    private int rawStat(List<String> args, RpciClient rpci) throws IOException {
        String command = "guestlib.stat.get " + arg(args, 1) + " " + arg(args, 2) + " " + arg(args, 3);
        byte[] bytes = command.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= 256) { // open-vm-tools' command buffer
            sayErr("Failed to get stat: The provided memory buffer is too small");
            return TEMPFAIL;
        }
        RpciReply r = rpci.exchange(bytes);
        if (!r.success()) {
            sayErr("Failed to get stat: This value is not available on this host");
            return TEMPFAIL;
        }
        byte[] body = r.body();
        int end = 0;
        while (end < body.length && body[end] != 0) {
            end++; // printed as a C string: up to the first NUL
        }
        out.write(body, 0, end);
        out.flush();
        return OK;
    }

    private static String arg(List<String> args, int i) {
        return i < args.size() ? args.get(i) : "";
    }

    // ---- disk ------------------------------------------------------------------------------

    private int disk(List<String> args, RpciClient rpci) throws IOException {
        switch (args.get(0)) {
            case "list" -> {
                RpciReply r = rpci.exchange("disk.wiper.enable".getBytes(StandardCharsets.ISO_8859_1));
                if (!r.success() || !r.text().equals("1")) {
                    sayErr("Shrink disk is disabled for this virtual machine.");
                    return TEMPFAIL;
                }
                DiskCollector filter = DiskCollector.builder().build();
                List<String> shrinkable = new ArrayList<>();
                for (MountEntry m : MountInfoParser.parse(DiskCollector.PROC_SELF.read())) {
                    boolean writable = !m.superOptions().startsWith("ro");
                    if (filter.reported(m) && writable && m.source().startsWith("/dev/")) {
                        shrinkable.add(m.mountPoint());
                    }
                }
                if (shrinkable.isEmpty()) {
                    sayErr("No shrinkable disks found.");
                    return TEMPFAIL;
                }
                shrinkable.forEach(out::println);
                return OK;
            }
            case "shrink", "wipe", "shrinkonly" -> {
                err.println("disk shrink is not supported by these tools");
                return UNAVAILABLE;
            }
            default -> {
                return usage("Unknown subcommand '" + args.get(0) + "'", "disk");
            }
        }
    }

    // ---- info ------------------------------------------------------------------------------

    private int info(List<String> args, RpciClient rpci) {
        if (!args.get(0).equals("update")) {
            return usage("Unknown info operation '" + args.get(0) + "'", "info");
        }
        if (args.size() < 2) {
            return usage("Missing info infoclass", "info");
        }
        if (!args.get(1).equals("network")) {
            return usage("Unknown info infoclass '" + args.get(1) + "'", "info");
        }
        boolean sent = GuestInfoReporter.builder(rpci).disks(null).build().pushNicInfo();
        return sent ? OK : FAILURE;
    }

    // ---- script ----------------------------------------------------------------------------

    private int script(List<String> args) throws IOException {
        if (args.isEmpty()) {
            return usage("Missing script type", "script");
        }
        String[] type = SCRIPT_TYPES.get(args.get(0));
        if (type == null) {
            return usage("Unknown script type '" + args.get(0) + "'", "script");
        }
        if (args.size() < 2) {
            return usage("Missing subcommand", "script");
        }
        String key = type[0];
        String dflt = SCRIPTS.resolve(type[1]).toString();
        switch (args.get(1)) {
            case "default" -> {
                out.println(dflt);
                return OK;
            }
            case "current" -> {
                Optional<String> v = ConfFile.read(config).get("powerops", key);
                if (v.isEmpty()) {
                    out.println(dflt);
                    return OK;
                }
                String s = v.get().replace("\"", "");
                if (s.isEmpty()) {
                    sayErr("No script for operation " + args.get(0) + ".");
                    return TEMPFAIL;
                }
                out.println(SCRIPTS.resolve(s));
                return OK;
            }
            case "set" -> {
                if (args.size() < 3) {
                    return usage("Missing script path", "script");
                }
                if (!Files.exists(Path.of(args.get(2)))) {
                    sayErr(args.get(2) + " doesn't exist.");
                    return OSFILE;
                }
                return write("powerops", key, args.get(2));
            }
            case "enable" -> {
                return write("powerops", key, type[1]);
            }
            case "disable" -> {
                return write("powerops", key, "");
            }
            default -> {
                return usage("Unknown subcommand '" + args.get(1) + "'", "script");
            }
        }
    }

    // ---- config and logging ----------------------------------------------------------------

    private int config(List<String> args) throws IOException {
        if (args.isEmpty()) {
            return usage("Missing config operation", "config");
        }
        String op = args.get(0);
        if (!Set.of("get", "set", "remove").contains(op)) {
            return usage("Unknown config operation '" + op + "'", "config");
        }
        if (args.size() < 2) {
            return usage("Missing config section", "config");
        }
        String section = args.get(1);
        if (!ConfFile.validName(section) || (args.size() > 2 && !ConfFile.validName(args.get(2)))) {
            return usage("Invalid section or key name", "config");
        }
        if (op.equals("get") && args.size() == 2) {
            Optional<Map<String, String>> s = ConfFile.read(config).section(section);
            if (s.isEmpty()) {
                out.println("[" + section + "] UNSET");
            } else {
                out.println("[" + section + "]");
                s.get().forEach((k, v) -> out.println(k + " = " + v));
            }
            return OK;
        }
        if (args.size() < 3) {
            return usage("Missing config key", "config");
        }
        String key = args.get(2);
        switch (op) {
            case "get" -> {
                Optional<String> v = ConfFile.read(config).get(section, key);
                out.println("[" + section + "] " + key + (v.isPresent() ? " = " + v.get() : " UNSET"));
                return OK;
            }
            case "set" -> {
                if (args.size() < 4) {
                    return usage("Missing config value", "config");
                }
                if (!ConfFile.validValue(args.get(3))) {
                    return usage("Invalid config value", "config");
                }
                return write(section, key, args.get(3));
            }
            default -> {
                ConfFile f = ConfFile.read(config);
                if (f.get(section, key).isEmpty()) {
                    return OK;
                }
                f.remove(section, key);
                return save(f);
            }
        }
    }

    private int logging(List<String> args) throws IOException {
        if (args.isEmpty()) {
            return usage("Missing logging operation", "logging");
        }
        if (!args.get(0).equals("level")) {
            return usage("Unknown logging operation '" + args.get(0) + "'", "logging");
        }
        if (args.size() < 2) {
            return usage("Missing subcommand", "logging");
        }
        if (args.size() < 3) {
            return usage("Missing logging servicename", "logging");
        }
        String service = args.get(2);
        if (!ConfFile.validName(service)) {
            return usage("Invalid logging servicename", "logging");
        }
        switch (args.get(1)) {
            case "get" -> {
                out.println(service + ".level = "
                        + ConfFile.read(config)
                                .get("logging", service + ".level")
                                .orElse("message"));
                return OK;
            }
            case "set" -> {
                if (args.size() < 4) {
                    return usage("Missing logging level", "logging");
                }
                if (!LEVELS.contains(args.get(3))) {
                    return usage("Unknown logging level '" + args.get(3) + "'", "logging");
                }
                return write("logging", service + ".level", args.get(3));
            }
            default -> {
                return usage("Unknown subcommand '" + args.get(1) + "'", "logging");
            }
        }
    }

    private int write(String section, String key, String value) throws IOException {
        ConfFile f = ConfFile.read(config);
        f.set(section, key, value);
        return save(f);
    }

    private int save(ConfFile f) {
        try {
            f.write();
            return OK;
        } catch (IOException e) {
            sayErr("Error writing config: " + e.getMessage());
            return TEMPFAIL;
        }
    }

    // ---- output ----------------------------------------------------------------------------

    private int usage(String message, String command) {
        err.println(NAME + ": " + message);
        err.println(
                command == null
                        ? "Try '" + NAME + " -h' for more information."
                        : "Try '" + NAME + " help " + command + "' for more information.");
        return USAGE;
    }

    private void say(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    private void sayErr(String line) {
        if (!quiet) {
            err.println(line);
        }
    }

    private static String help() {
        return String.join(
                "\n",
                "Usage: " + NAME + " [-q] [-v] [--backdoor native|unix:<socket>] [--config <file>] <command> [args]",
                "Commands:",
                "  timesync enable|disable|status   periodic time sync only (one-shot corrections after resume stay on)",
                "  script power|resume|suspend|shutdown enable|disable|set <path>|default|current",
                "  disk list",
                "  stat hosttime|speed|sessionid|balloon|swap|memlimit|memres|cpures|cpulimit|raw [<encoding> <stat> [<param>]]",
                "  info update network",
                "  config get <section> [<key>] | set <section> <key> <value> | remove <section> <key>",
                "  logging level get <service> | set <service> <level>",
                "  help");
    }
}
