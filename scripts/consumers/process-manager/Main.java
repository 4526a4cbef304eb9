package example;

import io.github.guesttools.identity.Account;
import io.github.guesttools.process.CapturedOutput;
import io.github.guesttools.process.ProcessInfo;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.process.RetryLaterException;
import io.github.guesttools.process.StartRequest;
import io.github.guesttools.process.StdStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Starts a program as the current user and reads its captured stdout. */
public final class Main {
    public static void main(String[] args) throws Exception {
        Account me = Account.current();
        try (ProcessManager processes = ProcessManager.builder().build()) {
            long pid = processes.start(
                    StartRequest.of(me, "/bin/echo", "process-manager ok").withCaptureIo(true));
            long deadline = System.nanoTime() + 60_000_000_000L;
            ProcessInfo info = processes.list(List.of(pid)).get(0);
            while (info.running()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still running after 60 s: " + info);
                }
                Thread.sleep(20);
                info = processes.list(List.of(pid)).get(0);
            }
            if (info.exitCode() != 0) {
                throw new AssertionError("exit code " + info.exitCode());
            }
            CapturedOutput out = null;
            while (out == null) {
                try {
                    out = processes.openOutput(pid, StdStream.STDOUT, me);
                } catch (RetryLaterException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(20);
                }
            }
            byte[] bytes = new byte[(int) out.size()];
            int n = out.read(0, bytes, 0, bytes.length);
            String text = new String(bytes, 0, Math.max(n, 0), StandardCharsets.UTF_8);
            if (!text.equals("process-manager ok\n")) {
                throw new AssertionError("stdout = " + text);
            }
            System.out.print("stdout = " + text);
        }
    }
}
