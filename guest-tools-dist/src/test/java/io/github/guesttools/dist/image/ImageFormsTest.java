package io.github.guesttools.dist.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.backdoor.simulator.bridge.BridgeServer;
import io.github.guesttools.dist.testing.InstalledAgent;
import io.github.guesttools.dist.testing.StagingTrees;
import io.github.guesttools.dist.testing.Tool;
import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tool and the agent start from every form of a real image (real jlink runtime, real
 * component jars, real launchers): the extracted TAR and ZIP (writable, never installed, a runtime
 * without a base class-data archive), the ISO mounted read-only, a DESTDIR install (install.sh makes
 * the base archive, the first runs make the application archives, later runs use them), a tree
 * run by a system JDK, and a broken runtime (an error status with a reason, never "not found").
 * The tools run against a real {@link MetadataServer} and a {@link VmxSimulator} behind the socket
 * bridge.
 */
class ImageFormsTest {
    static final String VERSION = "0.0.0-forms";
    static final String NAME = "guest-tools-" + VERSION;
    static final byte[] VALUE = "héllo ✓".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path work;

    static Path images;

    @TempDir
    Path tmp;

    MetadataServer server;
    Path metadataSocket;
    VmxSimulator vmx;
    BridgeServer bridge;

    @BeforeAll
    static void buildImages() throws Exception {
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        assumeTrue(Files.isDirectory(jmods), "skipped: no " + jmods + " to link a runtime (README: openjdk-17-jmods)");
        Path lib = Files.createDirectories(work.resolve("lib"));
        for (Path jar : StagingTrees.componentJars(work.resolve("jars"))) {
            Files.copy(jar, lib.resolve(jar.getFileName()));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("module", StagingTrees.moduleDir().toString());
        vars.put("root", StagingTrees.moduleDir().getParent().toString());
        vars.put("lib", lib.toString());
        images = Files.createDirectories(work.resolve("images"));
        BuildImages.build(new BuildImages.Options(
                StagingTrees.moduleDir().resolve("src/main/layout/image.layout"),
                vars,
                work.resolve("runtime"),
                VERSION,
                Instant.parse("2026-11-22T00:00:00Z"),
                "Guest Tools",
                images));
    }

    @BeforeEach
    void startHosts() throws IOException {
        Path metadata = Files.writeString(tmp.resolve("vm.json"), "{\"customer_metadata\": {\"hostname\": \"web01\"}}");
        server = new MetadataServer(MetadataStore.load(metadata, MetadataStore.DEFAULT_MAX_VALUE_BYTES));
        metadataSocket = tmp.resolve("metadata.sock");
        server.listenOnSocket(metadataSocket);
        vmx = new VmxSimulator();
        bridge = BridgeServer.start(vmx, tmp.resolve("vmx.sock"));
    }

    @AfterEach
    void stopHosts() throws IOException {
        bridge.close();
        server.close();
    }

    @Test
    void fromTheExtractedTar() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("tar"));
        Tool.run(List.of("tar", "-xzpf", images.resolve(NAME + ".tar.gz").toString(), "-C", dir.toString()))
                .ok();
        Path linux = dir.resolve(NAME + "/linux");
        // JNA's native part and the backdoor's helper, loaded in place by the launchers.
        assertThat(linux.resolve("opt/guest-tools/lib/native/libjnidispatch.so"))
                .isRegularFile();
        assertThat(linux.resolve("opt/guest-tools/lib/native/libguesttools_backdoor.so"))
                .isRegularFile();
        everyToolRuns(linux, Map.of());
        theNativeBackdoorHelperLoadsInPlace(linux);
        // No base archive in the extracted runtime: no application archive either, and no noise.
        assertThat(archives(linux)).isEmpty();
    }

    /** Into a directory whose name has a space: every path the launchers pass stays one word. */
    @Test
    void fromTheExtractedZip() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("zip with space"));
        Tool.run(List.of("unzip", "-q", images.resolve(NAME + ".zip").toString(), "-d", dir.toString()))
                .ok();
        everyToolRuns(dir.resolve(NAME + "/linux"), Map.of());
    }

    @Test
    void fromTheIsoMountedReadOnly() throws Exception {
        // Where a desktop mounts it: its volume label, "Guest Tools", is the mount point's name.
        Path mount = Files.createDirectories(tmp.resolve("media/Guest Tools"));
        Path iso = images.resolve(NAME + ".iso");
        Tool.Result mounted = Tool.run(List.of("mount", "-o", "loop,ro", iso.toString(), mount.toString()));
        if (mounted.exitCode() != 0) {
            // No iso9660 in this kernel (or no loop device): the ISO's tree as bsdtar reads it
            // (Rock Ridge modes and links), bind-mounted read-only.
            Path extracted = Files.createDirectory(tmp.resolve("iso-tree"));
            Tool.run(List.of("bsdtar", "-xpf", iso.toString(), "-C", extracted.toString()))
                    .ok();
            mounted = Tool.run(List.of("mount", "--bind", extracted.toString(), mount.toString()));
            if (mounted.exitCode() == 0) {
                mounted = Tool.run(List.of("mount", "-o", "remount,ro,bind", mount.toString()));
                if (mounted.exitCode() != 0) {
                    Tool.run(List.of("umount", mount.toString()));
                }
            }
        }
        if (mounted.exitCode() != 0) {
            System.out.println("ImageFormsTest: ISO form skipped: cannot mount it read-only here (needs root): "
                    + mounted.stderr().strip());
        }
        assumeTrue(mounted.exitCode() == 0, "cannot mount the ISO read-only here");
        try {
            assertThat(Files.isWritable(mount.resolve("linux/opt/guest-tools/lib")))
                    .isFalse();
            everyToolRuns(mount.resolve("linux"), Map.of());
        } finally {
            Tool.run(List.of("umount", mount.toString())).ok();
        }
    }

    @Test
    void fromADestdirInstallFirstRunsMakeTheArchivesLaterRunsUseThem() throws Exception {
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        Path linux = extractTar();
        Tool.run(List.of("sh", linux.resolve("install.sh").toString(), "--destdir", dest.toString()))
                .ok();
        assertThat(dest.resolve("opt/guest-tools/runtime/lib/server/classes.jsa"))
                .isNotEmptyFile();
        everyToolRuns(dest, Map.of());
        assertThat(archives(dest))
                .containsExactlyInAnyOrder("AgentMain.jsa", "RpcTool.jsa", "ToolboxCmd.jsa", "mdata.jsa");
        everyToolRuns(dest, Map.of());
        theNativeBackdoorHelperLoadsInPlace(dest);
        theLaunchersStartNoHelper(dest);
    }

    @Test
    void fromATreeRunBySystemJdk() throws Exception {
        Path linux = extractTar();
        deleteTree(linux.resolve("opt/guest-tools/runtime"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        Map<String, String> env =
                Map.of("JAVA_HOME", javaHome.toString(), "PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        everyToolRuns(linux, env);
        // The system JDK has its base archive: the first runs made the application archives.
        assertThat(archives(linux)).contains("RpcTool.jsa", "mdata.jsa");
        everyToolRuns(linux, env);
    }

    @Test
    void aBrokenRuntimeIsTheToolsErrorStatusWithAReasonNeverNotFound() throws Exception {
        Path linux = extractTar();
        Files.write(linux.resolve("opt/guest-tools/runtime/lib/server/libjvm.so"), new byte[0]);
        Tool.Result get = mdata(linux, "mdata-get", "no-such-key");
        assertThat(get.exitCode()).isEqualTo(2);
        assertThat(get.stderr()).containsPattern("mdata-get: the Java runtime failed \\(exit status \\d+\\): ");
        Tool.Result rpc = rpctool(linux, Map.of(), "info-get guestinfo.u");
        assertThat(rpc.exitCode()).isEqualTo(3);
        assertThat(rpc.stderr()).containsPattern("vmware-rpctool: the Java runtime failed \\(exit status \\d+\\): ");
    }

    @Test
    void rpctoolAndGuestinfoAreByteExactInEveryLocale() throws Exception {
        Path linux = extractTar();
        List<Map<String, String>> locales =
                new ArrayList<>(List.of(Map.of("LC_ALL", "C"), Map.of("LANG", "C"), Map.of("LC_ALL", "C.UTF-8")));
        Path locpath = Files.createDirectory(tmp.resolve("locales"));
        if (Tool.run(List.of(
                                "localedef",
                                "-i",
                                "en_US",
                                "-f",
                                "ISO-8859-1",
                                locpath.resolve("en_US.ISO-8859-1").toString()))
                        .exitCode()
                <= 1) {
            locales.add(Map.of("LOCPATH", locpath.toString(), "LC_ALL", "en_US.ISO-8859-1"));
        } else {
            System.out.println("ImageFormsTest: no Latin-1 locale (localedef failed): tested C and C.UTF-8 only");
        }
        for (Map<String, String> locale : locales) {
            // UTF-8 text, and a lone Latin-1 byte (not valid UTF-8), as the user's bytes.
            for (String printf : List.of("h\\303\\251llo \\342\\234\\223", "h\\351llo")) {
                byte[] expected =
                        Tool.run(List.of("printf", printf)).ok().stdout().getBytes(StandardCharsets.UTF_8);
                if (printf.contains("351")) {
                    expected = new byte[] {'h', (byte) 0xe9, 'l', 'l', 'o'};
                }
                Tool.Result set = shell(
                        linux,
                        locale,
                        "\"$0\" --backdoor \"unix:$1\" \"info-set guestinfo.u $(printf '" + printf + "')\"",
                        linux.resolve("usr/sbin/vmware-rpctool").toString(),
                        bridge.path().toString());
                assertThat(set.exitCode()).as(locale + set.stderr()).isZero();
                assertThat(vmx.rpci().guestInfo("guestinfo.u").orElseThrow().getBytes(StandardCharsets.ISO_8859_1))
                        .as(locale.toString())
                        .isEqualTo(expected);
                assertThat(rawStdout(
                                linux,
                                locale,
                                "\"$0\" --backdoor \"unix:$1\" 'info-get guestinfo.u'",
                                "usr/sbin/vmware-rpctool"))
                        .as(locale.toString())
                        .isEqualTo(concat(expected, '\n'));

                Tool.Result gset = shell(
                        linux,
                        locale,
                        "\"$0\" --backdoor \"unix:$1\" set g \"$(printf '" + printf + "')\"",
                        linux.resolve("usr/sbin/vmware-guestinfo").toString(),
                        bridge.path().toString());
                assertThat(gset.exitCode()).as(locale + gset.stderr()).isZero();
                assertThat(rawStdout(linux, locale, "\"$0\" --backdoor \"unix:$1\" get g", "usr/sbin/vmware-guestinfo"))
                        .as(locale.toString())
                        .isEqualTo(concat(expected, '\n'));
            }
        }
    }

    /** mdata-get (found, not found), vmware-rpctool (--help, set and get), the agent's first reply. */
    private void everyToolRuns(Path root, Map<String, String> env) throws Exception {
        Tool.Result found = mdata(root, "mdata-get", env, "hostname");
        assertThat(found.exitCode()).as(found.stderr()).isZero();
        assertThat(found.stdout()).isEqualTo("web01\n");
        assertThat(found.stderr()).isEmpty();
        Tool.Result missing = mdata(root, "mdata-get", env, "no-such-key");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("No metadata for 'no-such-key'\n");

        Tool.Result help = rpctool(root, env, "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("usage: ");
        Tool.Result set = rpctool(root, env, "info-set guestinfo.u " + new String(VALUE, StandardCharsets.UTF_8));
        assertThat(set.exitCode()).as(set.stderr()).isZero();
        assertThat(set.stderr()).isEmpty();
        Tool.Result get = rpctool(root, env, "info-get guestinfo.u");
        assertThat(get.stdout()).isEqualTo("héllo ✓\n");

        // vmware-toolbox-cmd: its sysexits statuses survive the launchers (69 = periodic sync off)
        Tool.Result version = toolboxCmd(root, env, "-v");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).matches("\\d+\\.\\d+\\.\\d+\\.0\\.\\d+\n");
        Tool.Result status = toolboxCmd(root, env, "--backdoor", "unix:" + bridge.path(), "timesync", "status");
        assertThat(status.exitCode()).as(status.stderr()).isEqualTo(69);
        assertThat(status.stdout()).isEqualTo("Disabled\n");
        assertThat(toolboxCmd(root, env, "no-such-command").exitCode()).isEqualTo(64);

        Process agent = InstalledAgent.start(root, bridge.path(), tmp.resolve("agent.log"), env);
        try {
            byte[] reply;
            try {
                reply = vmx.submitTclo("reset").get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // seen once in five runs under load: say what the agent did instead of a bare timeout
                throw new AssertionError(
                        "no answer to reset within 120 s (agent alive: " + agent.isAlive() + "); agent log:\n"
                                + Files.readString(tmp.resolve("agent.log")),
                        e);
            }
            assertThat(new String(reply, StandardCharsets.ISO_8859_1))
                    .as(Files.readString(tmp.resolve("agent.log")))
                    .isEqualTo("OK ATR toolbox");
        } finally {
            agent.destroy();
            if (!agent.waitFor(60, TimeUnit.SECONDS)) {
                agent.destroyForcibly().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Every program a launcher starts costs a few milliseconds of each call (docs/PERFORMANCE.md,
     * "Session 6" and "Session 7"): called through the image's links in {@code usr/sbin} and
     * {@code usr/bin}, the launchers start no helper on their way to Java (they check the link
     * against the launcher it must name); through a link of the user's own, one {@code readlink}.
     * Stand-ins for the usual helpers, first on PATH, record what ran; each execs the real program.
     */
    private void theLaunchersStartNoHelper(Path root) throws Exception {
        Path stubs = Files.createDirectory(tmp.resolve("helper-stand-ins"));
        Path log = tmp.resolve("helpers.log");
        for (String helper : List.of(
                "readlink",
                "realpath",
                "dirname",
                "basename",
                "pwd",
                "cat",
                "sed",
                "awk",
                "expr",
                "tr",
                "grep",
                "ls",
                "env",
                "uname",
                "id",
                "head",
                "cut",
                "mktemp")) {
            Path real = Stream.of("/usr/bin/", "/bin/")
                    .map(dir -> Path.of(dir + helper))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElse(null);
            if (real == null) {
                continue;
            }
            Path stub = stubs.resolve(helper);
            Files.writeString(stub, "#!/bin/sh\necho " + helper + " >> '" + log + "'\nexec " + real + " \"$@\"\n");
            assertThat(stub.toFile().setExecutable(true)).isTrue();
        }
        Map<String, String> env = Map.of("PATH", stubs + ":" + System.getenv("PATH"));

        Tool.Result get = mdata(root, "mdata-get", env, "hostname");
        assertThat(get.stdout()).as(get.stderr()).isEqualTo("web01\n");
        assertThat(log).as("helpers mdata-get started").doesNotExist();
        Tool.Result help = rpctool(root, env, "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(log).as("helpers vmware-rpctool started").doesNotExist();
        Tool.Result version = toolboxCmd(root, env, "-v");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(log).as("helpers vmware-toolbox-cmd started").doesNotExist();

        // A link of the user's own (here to the image's link, as /lib/smartdc/mdata-get is) is resolved.
        Path own = Files.createDirectory(tmp.resolve("own-links"));
        Files.createSymbolicLink(own.resolve("mdata-get"), root.resolve("usr/sbin/mdata-get"));
        Files.createSymbolicLink(own.resolve("vmware-rpctool"), root.resolve("usr/sbin/vmware-rpctool"));
        Map<String, String> mdataEnv = new HashMap<>(env);
        mdataEnv.put("MDATA_TRANSPORT", "unix:" + metadataSocket);
        mdataEnv.put("MDATA_TIMEOUT", "120");
        Tool.Result viaOwn = Tool.run(List.of(own.resolve("mdata-get").toString(), "hostname"), mdataEnv, null);
        assertThat(viaOwn.stdout()).as(viaOwn.stderr()).isEqualTo("web01\n");
        assertThat(Files.readString(log)).as("helpers mdata-get started").isEqualTo("readlink\n");
        Files.delete(log);
        Map<String, String> rpcEnv = new HashMap<>(env);
        rpcEnv.put(
                "GUEST_TOOLS_CONF",
                root.resolve("etc/guest-tools/guest-tools.conf").toString());
        Tool.Result helpViaOwn = Tool.run(List.of(own.resolve("vmware-rpctool").toString(), "--help"), rpcEnv, null);
        assertThat(helpViaOwn.exitCode()).as(helpViaOwn.stderr()).isZero();
        assertThat(helpViaOwn.stdout()).startsWith("usage:");
        assertThat(Files.readString(log)).as("helpers vmware-rpctool started").isEqualTo("readlink\n");
    }

    /**
     * {@code vmware-rpctool} on the native backdoor (the default) loads the port-instruction helper
     * from {@code lib/native}, not by unpacking it from its jar into JNA's temporary directory (about
     * 20 ms of every run, and a write to the user's {@code ~/.cache}): with that directory made
     * impossible (below a regular file, which not even root can make a directory in), the tool still
     * gets past loading the helper. On VMware it then talks to the host (a read of an unset key);
     * anywhere else the CPUID check refuses.
     */
    private void theNativeBackdoorHelperLoadsInPlace(Path root) throws Exception {
        if (!List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
            System.out.println("ImageFormsTest: native helper check skipped: the image's helper is x86-64, this is "
                    + System.getProperty("os.arch"));
            return;
        }
        Path notADirectory = Files.writeString(tmp.resolve("not-a-directory"), "");
        Path conf = Files.writeString(
                tmp.resolve("jna-tmpdir-blocked.conf"),
                "GUEST_TOOLS_JAVA_OPTS=\"-Djna.tmpdir=" + notADirectory.resolve("jna") + "\"\n");
        Tool.Result r = Tool.run(
                List.of(root.resolve("usr/sbin/vmware-rpctool").toString(), "info-get guestinfo.not-set"),
                Map.of("GUEST_TOOLS_CONF", conf.toString()),
                null);
        assertThat(r.stderr()).doesNotContain("helper not available", "Failed to create temporary file");
        if (r.exitCode() == 3) {
            assertThat(r.stderr()).contains("CPUID");
        }
    }

    private Tool.Result mdata(Path root, String tool, String... args) throws Exception {
        return mdata(root, tool, Map.of(), args);
    }

    private Tool.Result mdata(Path root, String tool, Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of(root.resolve("usr/sbin").resolve(tool).toString()));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("MDATA_TRANSPORT", "unix:" + metadataSocket);
        all.put("MDATA_TIMEOUT", "120");
        return Tool.run(command, all, null);
    }

    private Tool.Result rpctool(Path root, Map<String, String> env, String command) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put(
                "GUEST_TOOLS_CONF",
                root.resolve("etc/guest-tools/guest-tools.conf").toString());
        List<String> args =
                command.equals("--help") ? List.of(command) : List.of("--backdoor", "unix:" + bridge.path(), command);
        List<String> full =
                new ArrayList<>(List.of(root.resolve("usr/sbin/vmware-rpctool").toString()));
        full.addAll(args);
        return Tool.run(full, all, null);
    }

    private Tool.Result toolboxCmd(Path root, Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.put(
                "GUEST_TOOLS_CONF",
                root.resolve("etc/guest-tools/guest-tools.conf").toString());
        List<String> full = new ArrayList<>(
                List.of(root.resolve("usr/bin/vmware-toolbox-cmd").toString()));
        full.addAll(List.of(args));
        return Tool.run(full, all, null);
    }

    /** Runs {@code script} by sh with $0 and $1 (so that printf makes the argument's bytes). */
    private Tool.Result shell(Path root, Map<String, String> locale, String script, String zero, String one)
            throws Exception {
        Map<String, String> env = new HashMap<>(locale);
        env.put(
                "GUEST_TOOLS_CONF",
                root.resolve("etc/guest-tools/guest-tools.conf").toString());
        return Tool.run(List.of("sh", "-c", script, zero, one), env, null);
    }

    private byte[] rawStdout(Path root, Map<String, String> locale, String script, String tool) throws Exception {
        Path out = tmp.resolve("raw.out");
        Tool.Result r = shell(
                root,
                locale,
                script + " > '" + out + "'",
                root.resolve(tool).toString(),
                bridge.path().toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return Files.readAllBytes(out);
    }

    private static byte[] concat(byte[] bytes, char last) {
        byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        out[bytes.length] = (byte) last;
        return out;
    }

    private Path extractTar() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("extracted"));
        Tool.run(List.of("tar", "-xzpf", images.resolve(NAME + ".tar.gz").toString(), "-C", dir.toString()))
                .ok();
        return dir.resolve(NAME + "/linux");
    }

    private static List<String> archives(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("opt/guest-tools/lib"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".jsa") || n.endsWith(".tmp"))
                    .toList();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
