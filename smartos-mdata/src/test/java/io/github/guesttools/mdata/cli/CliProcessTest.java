package io.github.guesttools.mdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.server.MetadataServer;
import io.github.guesttools.mdata.server.MetadataStore;
import io.github.guesttools.mdata.testing.Fixtures;
import io.github.guesttools.mdata.testing.ToolProcess;
import io.github.guesttools.mdata.testing.ToolProcess.Result;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools as real processes, through their shell launchers. */
class CliProcessTest {
    @TempDir
    Path dir;

    MetadataServer server;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        server = new MetadataServer(MetadataStore.load(Fixtures.copy("full-metadata.json", dir), 1 << 20));
        Path sock = dir.resolve("m.sock");
        server.listenOnSocket(sock);
        env = Map.of("MDATA_TRANSPORT", "unix:" + sock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private Result run(String tool, String... args) throws Exception {
        return ToolProcess.run(tool, env, null, args);
    }

    @Test
    void getFoundNotFoundUsageAndHostFailure() throws Exception {
        Result found = run("mdata-get", "hostname");
        assertThat(found.exit()).isZero();
        assertThat(found.out()).isEqualTo("web01\n");
        assertThat(found.stderr()).isEmpty();

        Result missing = run("mdata-get", "missing");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("No metadata for 'missing'\n");
        assertThat(missing.stdout()).isEmpty();

        String argv0 = ToolProcess.script("mdata-get").toString();
        Result usage = run("mdata-get");
        assertThat(usage.exit()).isEqualTo(3);
        assertThat(usage.stderr()).isEqualTo("mdata-get: Usage: " + argv0 + " <keyname>\n");
        assertThat(run("mdata-get", "a", "b").exit()).isEqualTo(3);

        Result failure = run("mdata-get", "obj");
        assertThat(failure.exit()).isEqualTo(2);
        assertThat(failure.stderr()).isEqualTo("Error getting metadata for key 'obj': FAILURE\n");
    }

    @Test
    void putFromStdinThenListAndDelete() throws Exception {
        byte[] value = "line one\nline two\u0000binary".getBytes(StandardCharsets.UTF_8);
        Result put = ToolProcess.run("mdata-put", env, value, "piped");
        assertThat(put.exit()).as(put.stderr()).isZero();
        Result get = run("mdata-get", "piped");
        assertThat(get.stdout()).isEqualTo(("line one\nline two\u0000binary\n").getBytes(StandardCharsets.UTF_8));

        Result refused = run("mdata-put", "sdc:x", "v");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.stderr())
                .isEqualTo("Error putting metadata for key 'sdc:x': Cannot update the \"sdc\" Namespace.\n");
        assertThat(run("mdata-put", "k", "v", "extra").exit()).isEqualTo(3);

        Result list = run("mdata-list");
        assertThat(list.exit()).isZero();
        assertThat(list.out())
                .startsWith("bar:foo\nuser-script\n")
                .contains("\npiped\n")
                .endsWith("\n");

        assertThat(run("mdata-delete", "piped").exit()).isZero();
        assertThat(run("mdata-get", "piped").exit()).isEqualTo(1);
        assertThat(run("mdata-list", "extra").exit()).isEqualTo(3);
    }

    @Test
    void noSerialDeviceIsAnInitialisationError() throws Exception {
        Result r = ToolProcess.run("mdata-get", Map.of("MDATA_TRANSPORT", "serial:" + dir.resolve("ttyS1")), null, "k");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).isEqualTo("ERROR: could not initialise protocol: Could not open serial device.\n");
    }

    @Test
    void silentHostWithTimeoutOption() throws Exception {
        Path sock = dir.resolve("silent.sock");
        try (var h = new io.github.guesttools.mdata.testing.ScriptedHost(sock, (n, in, out) -> in.readAllBytes())) {
            Result r =
                    ToolProcess.run("mdata-get", Map.of("MDATA_TRANSPORT", "unix:" + sock), null, "--timeout=2.5", "k");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr())
                    .contains("waiting for the metadata host on " + sock)
                    .contains("ERROR: no reply from the metadata host");
        }
    }

    @Test
    void v1OnlyHostRefusesPutWithTheClassicMessage() throws Exception {
        Path sock = dir.resolve("v1.sock");
        try (MetadataServer old = new MetadataServer(
                MetadataStore.load(Fixtures.copy("vectors-metadata.json", dir), 1 << 20), false, true, m -> {})) {
            old.listenOnSocket(sock);
            Map<String, String> v1 = Map.of("MDATA_TRANSPORT", "unix:" + sock);
            Result put = ToolProcess.run("mdata-put", v1, null, "k", "v");
            assertThat(put.exit()).isEqualTo(2);
            assertThat(put.stderr()).isEqualTo("ERROR: host does not support PUT\n");
            Result get = ToolProcess.run("mdata-get", v1, null, "multi");
            assertThat(get.out()).isEqualTo("line1\n.dotline\n\nline4\n");
        }
    }

    /**
     * Two clients on one serial line: while another process holds the fcntl lock, a tool waits
     * (visible in /proc/locks as a blocked waiter) and sends nothing; after release it succeeds.
     * Then several tools at once all get their own answers.
     */
    @Test
    void clientsOnOneSerialLineAreSerialisedByTheLock() throws Exception {
        String pts = server.listenOnPty();
        Map<String, String> serial = Map.of("MDATA_TRANSPORT", "serial:" + pts);
        Process waiting;
        try (RandomAccessFile line = new RandomAccessFile(pts, "rw");
                FileLock lock = line.getChannel().lock()) {
            waiting = ToolProcess.start("mdata-get", serial, "sdc:hostname");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!blockedOnLock(waiting.pid())) {
                assertThat(waiting.isAlive()).as("tool must wait for the lock").isTrue();
                assertThat(System.nanoTime() - deadline)
                        .as("tool never waited on the lock")
                        .isNegative();
                Thread.sleep(50);
            }
            assertThat(lock.isValid()).isTrue();
        }
        assertThat(waiting.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.exitValue()).isZero();
        assertThat(new String(waiting.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("web01\n");

        List<Process> many = new ArrayList<>();
        String[] keys = {"sdc:uuid", "hostname", "bar:foo", "root_pw"};
        for (String k : keys) {
            many.add(ToolProcess.start("mdata-get", serial, k));
        }
        String[] expected = {"8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e\n", "web01\n", "customer\n", "s3cret\n"};
        for (int i = 0; i < keys.length; i++) {
            Process p = many.get(i);
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(expected[i]);
        }
    }

    /** True when /proc/locks shows {@code pid} waiting ("->") for a POSIX lock. */
    /** Whether the tool (the launcher's JVM: a child of the launcher process) waits for a lock. */
    private static boolean blockedOnLock(long pid) throws Exception {
        List<String> pids = new ArrayList<>(List.of(Long.toString(pid)));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(Long.toString(d.pid()))));
        for (String l : Files.readAllLines(Path.of("/proc/locks"))) {
            String[] f = l.trim().split("\\s+");
            if (f.length > 5 && f[1].equals("->") && f[2].equals("POSIX") && pids.contains(f[5])) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aDeadlineAlsoBoundsTheWaitForTheSerialLock() throws Exception {
        String pts = server.listenOnPty();
        try (RandomAccessFile line = new RandomAccessFile(pts, "rw");
                FileLock lock = line.getChannel().lock()) {
            Result r = ToolProcess.run(
                    "mdata-get", Map.of("MDATA_TRANSPORT", "serial:" + pts, "MDATA_TIMEOUT", "2"), null, "hostname");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.stderr()).contains("is another process holding its lock?");
            assertThat(lock.isValid()).isTrue();
        }
    }

    @Test
    void nonAsciiArgumentsSurviveACLocale() throws Exception {
        Map<String, String> c = new java.util.HashMap<>(env);
        c.put("LC_ALL", "C");
        c.put("LANG", "C");
        assertThat(ToolProcess.run("mdata-put", c, null, "clé", "héllo wörld").exit())
                .isZero();
        Result r = ToolProcess.run("mdata-get", c, null, "clé");
        assertThat(r.stdout()).isEqualTo("héllo wörld\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A value argument keeps its bytes even when they are not UTF-8 (Latin-1 text, binary), as
     * mdata-client's do: the JVM would have replaced them (U+FFFD). The shell's printf makes the
     * bytes; a Java ProcessBuilder could not pass them.
     */
    @Test
    void aValueArgumentKeepsBytesThatAreNotUtf8() throws Exception {
        Map<String, String> c = new java.util.HashMap<>(env);
        c.put("LC_ALL", "POSIX");
        Result put = ToolProcess.runCommand(
                List.of(
                        "/bin/sh",
                        "-c",
                        "exec \"$0\" latin1 \"$(printf 'caf\\351 \\377\\376')\"",
                        ToolProcess.script("mdata-put").toString()),
                c);
        assertThat(put.exit()).as(put.stderr()).isZero();
        Result r = ToolProcess.run("mdata-get", c, null, "latin1");
        assertThat(r.stdout()).isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xe9, ' ', (byte) 0xff, (byte) 0xfe, '\n'});
    }

    @Test
    void aRuntimeThatFailsToStartIsAnErrorNeverNoSuchKey() throws Exception {
        // A JVM that dies at initialisation exits 1 (as the bundled runtime did when asked to dump an
        // archive without a base one); a missing one is the shell's 127.
        Path broken = dir.resolve("broken-java");
        Files.writeString(broken, "#!/bin/sh\necho 'Error occurred during initialization of VM' >&2\nexit 1\n");
        broken.toFile().setExecutable(true);
        for (String java :
                List.of(broken.toString(), dir.resolve("no-such-java").toString())) {
            Result r = ToolProcess.run(
                    "mdata-get", Map.of("MDATA_TRANSPORT", env.get("MDATA_TRANSPORT"), "JAVA", java), null, "hostname");
            assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
            assertThat(r.stderr())
                    .endsWith("mdata-get: the Java runtime failed (exit status "
                            + (java.equals(broken.toString()) ? 1 : 127) + "): " + java + "\n");
            assertThat(r.stdout()).isEmpty();
        }
        // The real JVM reporting an unusable option (the tool never ran) is the same error.
        Result bad = ToolProcess.run(
                "mdata-get",
                Map.of("MDATA_TRANSPORT", env.get("MDATA_TRANSPORT"), "JAVA_TOOL_OPTIONS", "-XX:+NoSuchOption"),
                null,
                "hostname");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.stderr()).contains("the Java runtime failed (exit status 1)");
    }
}
