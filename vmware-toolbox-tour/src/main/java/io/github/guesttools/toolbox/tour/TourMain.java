package io.github.guesttools.toolbox.tour;

import io.github.guesttools.backdoor.simulator.RpciHandler;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.agent.Agent;
import io.github.guesttools.toolbox.agent.AgentConfig;
import io.github.guesttools.toolbox.auth.AllowListFile;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient;
import io.github.guesttools.toolbox.hostsim.GuestOpsClient.Reply;
import io.github.guesttools.toolbox.hostsim.HgfsTransfers;
import io.github.guesttools.toolbox.logging.JournalLevel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Try the agent without VMware: starts it in this JVM against the built-in VMX simulator and plays
 * the host's part of every guest operation, printing each request and the guest's answer. Logs in
 * as the current user through an allow-list with a throw-away password (not PAM), so nothing is
 * needed but a JVM.
 *
 * <pre>
 * java -jar vmware-toolbox/target/vmware-toolbox-0.1.0-SNAPSHOT-all.jar [--trace]
 * </pre>
 *
 * <p>Exit status 0 when every step got the expected answer, 1 otherwise.
 */
public final class TourMain {
    private final PrintStream out;
    private final VmxSimulator vmx;
    private int failures;

    private TourMain(PrintStream out, VmxSimulator vmx) {
        this.out = out;
        this.vmx = vmx;
    }

    /** Runs the tour: {@code [--trace] [--pam-user NAME]}. */
    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        boolean trace = a.contains("--trace");
        int at = a.indexOf("--pam-user");
        String pamUser = at >= 0 && at + 1 < a.size() ? a.get(at + 1) : null;
        JournalLevel.set(trace ? "info" : "warn");
        System.exit(pamUser == null ? run(System.out, trace) : runWithPam(System.out, trace, pamUser));
    }

    /** The current user, logged in through an allow-list with a throw-away password. */
    static int run(PrintStream out, boolean trace) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("vmware-toolbox-tour");
        try {
            String user = Account.current().name();
            byte[] secret = new byte[12];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            Path allowList = work.resolve("allow-list");
            Files.writeString(
                    allowList, user + ":" + AllowListFile.hash(password.getBytes(StandardCharsets.UTF_8)) + "\n");
            Files.setPosixFilePermissions(allowList, PosixFilePermissions.fromString("rw-------"));
            out.println("# guest user " + user + " (allow-list " + allowList + ", throw-away password)");
            return tour(
                    out,
                    Map.of(
                            "auth.mode",
                            "allow-list",
                            "auth.allowList",
                            allowList.toString(),
                            "log.trace",
                            Boolean.toString(trace)),
                    user,
                    password,
                    work.resolve("guest"));
        } finally {
            deleteTree(work);
        }
    }

    /**
     * A real account through PAM (service vmtoolsd), as root: the password comes from
     * {@code $VMWARE_TOOLBOX_TOUR_PASSWORD} or the terminal; the guest directory is in its home.
     */
    static int runWithPam(PrintStream out, boolean trace, String user) throws IOException, InterruptedException {
        Account account = Account.lookup(user).orElse(null);
        if (account == null || Account.current().uid() != 0) {
            out.println("# --pam-user needs root and an existing account");
            return 2;
        }
        String password = System.getenv("VMWARE_TOOLBOX_TOUR_PASSWORD");
        if (password == null && System.console() != null) {
            password = new String(System.console().readPassword("password of %s: ", user));
        }
        if (password == null) {
            out.println("# set VMWARE_TOOLBOX_TOUR_PASSWORD or run from a terminal");
            return 2;
        }
        out.println("# guest user " + user + " through PAM");
        return tour(
                out,
                Map.of("auth.mode", "pam", "log.trace", Boolean.toString(trace)),
                user,
                password,
                Path.of(
                        account.home(),
                        "vmware-toolbox-tour-" + ProcessHandle.current().pid()));
    }

    private static int tour(PrintStream out, Map<String, String> auth, String user, String password, Path dir)
            throws IOException, InterruptedException {
        out.println("# vmware-toolbox tour: agent + built-in VMX simulator in this JVM");
        VmxSimulator vmx = new VmxSimulator();
        // The real VMX accepts this after reset; the simulator's defaults do not know it.
        vmx.rpci().register("vmx.capability.unified_loop", command -> RpciHandler.ok(""));
        Map<String, String> settings = new java.util.HashMap<>(auth);
        settings.put("powerops.enabled", "false");
        try (Agent agent = new Agent(AgentConfig.of(settings), vmx)) {
            agent.start();
            TourMain tour = new TourMain(out, vmx);
            tour.play(new GuestOpsClient(tour::submit, user, password), dir);
            out.println(
                    tour.failures == 0
                            ? "# tour complete: every step answered as expected"
                            : "# tour finished with " + tour.failures + " unexpected answer(s)");
            return tour.failures == 0 ? 0 : 1;
        }
    }

    private byte[] submit(byte[] request) throws IOException {
        try {
            return vmx.submitTclo(request).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no reply to the TCLO request", e);
        }
    }

    private void play(GuestOpsClient ops, Path dir) throws IOException, InterruptedException {
        String d = dir.toString();
        tclo("reset");
        tclo("ping");
        if (!step("mkdir " + d, ops.mkdir(d)).ok()) {
            return; // e.g. 3050: wrong password; nothing else would work either
        }
        HgfsTransfers hgfs = ops.hgfs();
        byte[] hello = "hello from the host\n".getBytes(StandardCharsets.UTF_8);
        transfer("upload " + d + "/hello.txt (" + hello.length + " bytes, HGFS via op 84)", () -> {
            hgfs.upload(d + "/hello.txt", hello, false);
            return "ok";
        });
        step("ls " + d, ops.ls(d));
        transfer(
                "download " + d + "/hello.txt",
                () -> new String(hgfs.download(d + "/hello.txt"), StandardCharsets.UTF_8).strip());
        Reply started = step(
                "start /bin/echo 'hello from a guest program'", ops.start("/bin/echo", "hello from a guest program"));
        if (!started.ok()) {
            return;
        }
        long pid = Long.parseLong(started.text().strip());
        transfer(
                "download /proc/" + pid + "/stdout (retried while the program runs)",
                () -> new String(
                                hgfs.downloadWhenReady("/proc/" + pid + "/stdout", 60, Duration.ofMillis(500)),
                                StandardCharsets.UTF_8)
                        .strip());
        step("ps " + pid + " (polled until it has ended)", psUntilEnded(ops, pid));
        step("getenv HOME USER", ops.getenv(List.of("HOME", "USER")));
        step("chmod 0640 " + d + "/hello.txt", ops.chmod(d + "/hello.txt", 0640));
        step("mv " + d + "/hello.txt " + d + "/renamed.txt", ops.mv(d + "/hello.txt", d + "/renamed.txt"));
        step("ls " + d + " (after chmod and mv)", ops.ls(d));
        transfer("archive download /archive:" + d + "?format=tgz", () -> {
            byte[] tgz = hgfs.download("/archive:" + d + "?format=tgz");
            // the guest ends an archive with the 3-byte trailer 1F 8B 08, which the host drops
            return (tgz.length - 3) + " bytes of tar.gz + trailer (gzip magic "
                    + String.format("%02x%02x", tgz[0], tgz[1]) + ")";
        });
        Reply sleeper = step("start /bin/sleep 600", ops.start("/bin/sleep", "600"));
        if (!sleeper.ok()) {
            return;
        }
        long sleeping = Long.parseLong(sleeper.text().strip());
        step("kill " + sleeping, ops.kill(sleeping));
        step("ps " + sleeping + " (after kill, polled until it has ended)", psUntilEnded(ops, sleeping));
        step("rm " + d + "/renamed.txt", ops.rm(d + "/renamed.txt"));
        step("rmdir " + d, ops.rmdir(d, false));
    }

    /**
     * Lists {@code pid} until its end time is set, as vSphere does: TerminateProcess answers once
     * the signal is sent, and a program's output is complete before the agent has reaped it.
     */
    private static Reply psUntilEnded(GuestOpsClient ops, long pid) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Reply reply = ops.ps(List.of(pid));
        while (reply.ok() && reply.text().contains("<eTime>0</eTime>") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            reply = ops.ps(List.of(pid));
        }
        return reply;
    }

    private void tclo(String request) throws IOException {
        out.println("> " + request);
        out.println(
                "< " + new String(submit(request.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1));
    }

    private Reply step(String what, Reply reply) {
        out.println("> " + what);
        out.println("< " + reply);
        if (!reply.ok()) {
            failures++;
        }
        return reply;
    }

    private void transfer(String what, Transfer transfer) {
        out.println("> " + what);
        try {
            out.println("< " + transfer.run());
        } catch (IOException | InterruptedException e) {
            out.println("< FAILED " + e.getMessage());
            failures++;
        }
    }

    @FunctionalInterface
    private interface Transfer {
        String run() throws IOException, InterruptedException;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
