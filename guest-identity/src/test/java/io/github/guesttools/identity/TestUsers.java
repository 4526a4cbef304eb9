package io.github.guesttools.identity;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.guesttools.identity.internal.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Real throw-away local accounts (unique random names) for root-only tests. */
final class TestUsers {
    private TestUsers() {}

    /** A created account, optionally in an extra created group; closing deletes both. */
    record User(String name, String extraGroup) implements AutoCloseable {
        Account account() {
            return Account.lookup(name).orElseThrow();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            run("userdel", "-r", "-f", name);
            if (extraGroup != null) {
                run("groupdel", extraGroup);
            }
        }
    }

    static void assumeRoot() {
        boolean root = Posix.geteuid() == 0;
        if (!root) {
            System.out.println("SKIPPED: needs root to create real test accounts (useradd) and switch to them");
        }
        assumeTrue(root, "needs root to create real test accounts (useradd) and switch to them");
    }

    static User create(boolean withExtraGroup) throws IOException, InterruptedException {
        assumeRoot();
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String group = withExtraGroup ? "gidg" + suffix : null;
        if (group != null) {
            run("groupadd", group);
        }
        List<String> add = new ArrayList<>(List.of("useradd", "-m", "-s", "/bin/sh"));
        if (group != null) {
            add.addAll(List.of("-G", group));
        }
        add.add("gidt" + suffix);
        run(add.toArray(String[]::new));
        return new User("gidt" + suffix, group);
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(List.of(command) + " failed: " + out);
        }
        return out;
    }
}
