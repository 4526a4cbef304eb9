package io.github.guesttools.rpc.power;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.rpci.RpciClient;
import io.github.guesttools.rpc.tclo.HandlerRegistry;
import io.github.guesttools.rpc.tclo.TcloService;
import io.github.guesttools.rpc.testing.SimulatedVm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerOpsTest {
    @TempDir
    Path dir;

    private final SimulatedVm vm = new SimulatedVm();
    private final RpciClient rpci = new RpciClient(vm.opener());
    private TcloService tclo;
    private PowerOps ops;

    @AfterEach
    void stop() {
        if (tclo != null) {
            tclo.stop();
        }
        rpci.close();
    }

    private void start(Consumer<PowerOps.Builder> config) throws Exception {
        PowerOps.Builder b = PowerOps.builder(rpci)
                .shutdown(
                        PowerOperation.HALT,
                        CommandAction.script(script("halt-cmd", "echo halt >> " + dir.resolve("log"))))
                .shutdown(
                        PowerOperation.REBOOT,
                        CommandAction.script(script("reboot-cmd", "echo reboot >> " + dir.resolve("log"))));
        config.accept(b);
        ops = b.build();
        HandlerRegistry handlers = new HandlerRegistry();
        ops.register(handlers);
        handlers.register("Set_Option", args -> {
            String[] f = SimulatedVm.ascii(args).split(" ");
            ops.setOption(f[0], f[1]);
            return new byte[0];
        });
        // Starting a process on a loaded machine can take a while; the bound is not under test here.
        tclo = TcloService.builder(vm.opener())
                .handlers(handlers)
                .handlerBound(java.time.Duration.ofSeconds(10))
                .build();
        tclo.start();
    }

    private Path script(String name, String body) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private List<String> log() throws IOException {
        Path log = dir.resolve("log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private long statusCount() {
        return vm.rpciTexts().stream()
                .filter(t -> t.startsWith("tools.os.statechange.status"))
                .count();
    }

    @Test
    void successfulScriptReportsOne() throws Exception {
        start(b -> b.script(
                PowerOperation.RESUME,
                CommandAction.script(uncheckedScript("resume", "echo resume >> " + dir.resolve("log")))));
        assertThat(vm.request("OS_Resume")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 1 4\0");
        assertThat(log()).containsExactly("resume");
    }

    @Test
    void failingScriptReportsZero() throws Exception {
        start(b -> b.script(PowerOperation.SUSPEND, CommandAction.script(uncheckedScript("suspend", "exit 3"))));
        assertThat(vm.request("OS_Suspend")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 0 5\0");
        assertThat(vm.request("OS_Suspend"))
                .as("a retry is not turned into success")
                .isEqualTo("OK ");
        SimulatedVm.await(
                () -> vm.rpciTexts().stream()
                                .filter("tools.os.statechange.status 0 5\0"::equals)
                                .count()
                        == 2,
                "second 0");
        assertThat(vm.rpciTexts()).doesNotContain("tools.os.statechange.status 1 5\0");
    }

    @Test
    void scriptThatCannotStartIsAnErrorWithStatusZero() throws Exception {
        start(b -> b.script(PowerOperation.POWER_ON, CommandAction.script(dir.resolve("missing"))));
        assertThat(vm.request("OS_PowerOn")).isEqualTo("ERROR Error starting script");
        vm.awaitRpci("tools.os.statechange.status 0 3\0");
        assertThat(ops.isBusy()).isFalse();
    }

    @Test
    void haltRunsScriptThenShutdownAndReportsBeforeGoingDown() throws Exception {
        start(b -> b.script(
                PowerOperation.HALT,
                CommandAction.script(uncheckedScript("poweroff", "echo script >> " + dir.resolve("log")))));
        assertThat(vm.request("OS_Halt")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 1 1\0");
        assertThat(log()).containsExactly("script", "halt");
        assertThat(vm.rpciTexts()).containsSubsequence("log Initiating halt.\0", "tools.os.statechange.status 1 1\0");
    }

    @Test
    void failedScriptPreventsTheShutdown() throws Exception {
        start(b -> b.script(PowerOperation.HALT, CommandAction.script(uncheckedScript("poweroff", "exit 1"))));
        assertThat(vm.request("OS_Halt")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 0 1\0");
        assertThat(log()).isEmpty();
        assertThat(vm.rpciTexts()).doesNotContain("log Initiating halt.\0");
    }

    @Test
    void failingShutdownCommandIsReportedAsFailure() throws Exception {
        start(b -> b.shutdown(PowerOperation.REBOOT, CommandAction.script(uncheckedScript("bad-reboot", "exit 1"))));
        assertThat(vm.request("OS_Reboot")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 0 2\0");
    }

    @Test
    void missingShutdownCommandIsReportedAsFailure() throws Exception {
        start(b -> b.shutdown(
                PowerOperation.HALT,
                new CommandAction(List.of(dir.resolve("no-shutdown").toString()))));
        assertThat(vm.request("OS_Halt")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 0 1\0");
    }

    @Test
    void severalConsecutiveRebootsWork() throws Exception {
        start(b -> b.script(
                PowerOperation.REBOOT,
                CommandAction.script(uncheckedScript("poweroff", "echo script >> " + dir.resolve("log")))));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            assertThat(vm.request("reset")).isEqualTo("ERROR Unknown Command");
            assertThat(vm.request("OS_Reboot")).as("reboot %d", i).isEqualTo("OK ");
            SimulatedVm.await(() -> statusCount() == n && !ops.isBusy(), "status of reboot " + n);
        }
        assertThat(vm.rpciTexts().stream()
                        .filter("tools.os.statechange.status 1 2\0"::equals)
                        .count())
                .isEqualTo(3);
        assertThat(log()).containsExactly("script", "reboot", "script", "reboot", "script", "reboot");
    }

    @Test
    void secondRequestWhileRunningIsRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(b -> b.script(
                PowerOperation.SUSPEND,
                () -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return false;
                    }
                })));
        assertThat(vm.request("OS_Suspend")).isEqualTo("OK ");
        assertThat(vm.request("OS_Resume")).isEqualTo("ERROR State change already in progress");
        release.countDown();
        vm.awaitRpci("tools.os.statechange.status 1 5\0");
        SimulatedVm.await(() -> !ops.isBusy(), "idle");
        assertThat(vm.request("OS_Resume")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 1 4\0");
    }

    @Test
    void toolScriptsOptionsDisableAndEnableScripts() throws Exception {
        start(b -> b.script(
                PowerOperation.POWER_ON,
                CommandAction.script(uncheckedScript("poweron", "echo on >> " + dir.resolve("log")))));
        assertThat(vm.request("Set_Option toolScripts.afterPowerOn 0")).isEqualTo("OK ");
        assertThat(vm.request("OS_PowerOn")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 1 3\0");
        assertThat(log()).isEmpty();
        SimulatedVm.await(() -> !ops.isBusy(), "idle");
        assertThat(vm.request("Set_Option toolScripts.afterPowerOn 1")).isEqualTo("OK ");
        assertThat(vm.request("OS_PowerOn")).isEqualTo("OK ");
        SimulatedVm.await(() -> statusCount() == 2, "second status");
        assertThat(log()).containsExactly("on");
        assertThat(ops.setOption("toolScripts.unknown", "1")).isFalse();
    }

    @Test
    void scriptsFromPicksUpExecutableDefaults() throws Exception {
        Path tools = Files.createDirectory(dir.resolve("vmware-tools"));
        Files.writeString(
                tools.resolve("suspend-vm-default"), "#!/bin/sh\necho suspended >> " + dir.resolve("log") + "\n");
        Files.setPosixFilePermissions(
                tools.resolve("suspend-vm-default"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tools.resolve("resume-vm-default"), "#!/bin/sh\nexit 1\n");
        start(b -> b.scriptsFrom(tools));
        assertThat(vm.request("OS_Suspend")).isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 1 5\0");
        SimulatedVm.await(() -> !ops.isBusy(), "idle");
        assertThat(vm.request("OS_Resume")).as("non-executable script ignored").isEqualTo("OK ");
        vm.awaitRpci("tools.os.statechange.status 1 4\0");
        assertThat(log()).containsExactly("suspended");
    }

    private Path uncheckedScript(String name, String body) {
        try {
            return script(name, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
