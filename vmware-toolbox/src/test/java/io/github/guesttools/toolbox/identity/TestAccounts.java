package io.github.guesttools.toolbox.identity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.identity.internal.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Real throw-away local accounts for tests that need an unprivileged user (root only). */
public final class TestAccounts {
    private TestAccounts() {}

    /** A created account; closing deletes it with its home. */
    public record Account(String name, String password) implements AutoCloseable {
        public io.github.guesttools.identity.Account user() {
            return io.github.guesttools.identity.Account.lookup(name).orElseThrow();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run(List.of("userdel", "-r", "-f", name), null);
        }
    }

    public static void assumeRoot() {
        if (Posix.geteuid() != 0) {
            System.out.println("SKIPPED: needs root to create a real test user (useradd, chpasswd)");
        }
        assumeTrue(Posix.geteuid() == 0, "needs root to create a real test user (useradd, chpasswd); skipped");
    }

    public static Account create() throws IOException, InterruptedException {
        assumeRoot();
        String name = "vixt" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String password = "Pw-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36);
        run(List.of("useradd", "-m", "-s", "/bin/sh", name), null);
        run(List.of("chpasswd"), name + ":" + password + "\n");
        return new Account(name, password);
    }

    public static void run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }
}
