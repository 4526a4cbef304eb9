package io.github.guesttools.toolbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.toolbox.identity.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A root agent acting for a real unprivileged account (created with useradd, logged in through
 * real PAM) gets exactly that account's rights. Skipped, with the reason, when not root.
 */
class UserRightsTest {
    private static TestAccounts.Account account;
    private static Path base;
    private static Path rootOnly;
    private static Path secret;
    private static Path shared;
    private static Path rootFileInShared;
    private static FileOpsClient user;
    private static FileOpsClient agent;

    @BeforeAll
    static void setUp() throws Exception {
        account = TestAccounts.create();
        base = Files.createTempDirectory("vix-rights");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        rootOnly = Files.createDirectory(
                base.resolve("root-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        secret = Files.writeString(rootOnly.resolve("secret"), "root's secret");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createDirectory(
                rootOnly.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        shared = Files.createDirectory(base.resolve("shared"));
        Files.setAttribute(shared, "unix:mode", 01777);
        rootFileInShared = Files.writeString(shared.resolve("root-file"), "x");
        Files.setPosixFilePermissions(rootFileInShared, PosixFilePermissions.fromString("rw-r--r--"));
        user = FileOpsClient.viaPam(account.name(), account.password(), shared);
        agent = FileOpsClient.asAgentUser(shared, true);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (base != null) {
            try (Stream<Path> walk = Files.walk(base)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        if (account != null) {
            account.close();
        }
    }

    private static int owner(Path p) throws Exception {
        return (int) Files.getAttribute(p, "unix:uid");
    }

    private static Path resultPath(String reply) {
        assertThat(reply).startsWith("OK 0 0 /");
        return Path.of(reply.substring(7, reply.length() - 1));
    }

    @Test
    void cannotReadRootsFiles() {
        assertThat(user.fromGuest(secret.toString())).isEqualTo("OK 13 13 \0");
        assertThat(user.listFiles(rootOnly.resolve("private").toString(), null, 0, 50, 0))
                .isEqualTo("OK 13 13 \0");
        assertThat(agent.fromGuest(secret.toString()))
                .as("the root worker threads got root back")
                .startsWith("OK 0 0 <fxi>");
    }

    @Test
    void cannotCreateInRootOnlyDirectories() {
        assertThat(user.mkdir(rootOnly.resolve("mine"), false)).isEqualTo("OK 13 13 \0");
        assertThat(user.createTemp(false, "t", "", rootOnly.toString())).isEqualTo("OK 13 13 \0");
        assertThat(user.createTemp(true, "t", "", rootOnly.toString())).isEqualTo("OK 13 13 \0");
        assertThat(user.toGuest(rootOnly.resolve("upload").toString(), true)).isEqualTo("OK 13 13 \0");
        assertThat(user.toGuest(secret.toString(), true)).isEqualTo("OK 13 13 \0");
        assertThat(rootOnly.resolve("mine")).doesNotExist();
    }

    @Test
    void whatTheUserCreatesBelongsToTheUser() throws Exception {
        int uid = account.user().uid();
        assertThat(uid).isNotZero();
        Path dir = shared.resolve("made-by-user");
        assertThat(user.mkdir(dir, false)).isEqualTo("OK 0 0 \0");
        assertThat(owner(dir)).isEqualTo(uid);
        assertThat(Files.getAttribute(dir, "unix:gid")).isEqualTo(account.user().gid());
        Path temp = resultPath(user.createTemp(false, "u-", ".tmp", ""));
        assertThat(temp).hasParent(shared.resolve("vmware-" + account.name()));
        assertThat(owner(temp)).isEqualTo(uid);
        assertThat(owner(temp.getParent())).isEqualTo(uid);
        Path tempDir = resultPath(user.createTemp(true, "u-", "", shared.toString()));
        assertThat(owner(tempDir)).isEqualTo(uid);
        assertThat(user.toGuest(shared.resolve("upload").toString(), false)).isEqualTo("OK 0 0 \0");
    }

    @Test
    void cannotChownChmodDeleteOrMoveRootsFiles() throws Exception {
        Path own = resultPath(user.createTemp(false, "own-", "", shared.toString()));
        assertThat(user.setAttributes(own, 0x10, 0, 0, 0, -1, 0)).isEqualTo("OK 13 1 \0");
        assertThat(owner(own)).isEqualTo(account.user().uid());
        assertThat(user.setAttributes(own, 0x40, 0, 0, -1, -1, 0640)).isEqualTo("OK 0 0 \0");
        assertThat(user.setAttributes(rootFileInShared, 0x40, 0, 0, -1, -1, 0666))
                .isEqualTo("OK 13 1 \0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rootFileInShared)))
                .isEqualTo("rw-r--r--");
        assertThat(user.deleteFile(rootFileInShared)).isEqualTo("OK 13 1 \0");
        assertThat(user.deleteFile(secret)).isEqualTo("OK 13 13 \0");
        assertThat(user.move(false, secret, shared.resolve("stolen"), false)).isEqualTo("OK 13 13 \0");
        assertThat(user.rmdir(rootOnly, true)).isEqualTo("OK 13 13 \0");
        assertThat(secret).hasContent("root's secret");
        assertThat(rootFileInShared).exists();
    }

    @Test
    void aTempDirectoryPlantedByRootIsNotUsed() throws Exception {
        TestAccounts.Account other = TestAccounts.create();
        try {
            Path planted = Files.createDirectory(shared.resolve("vmware-" + other.name()));
            Files.setAttribute(planted, "unix:mode", 0777);
            FileOpsClient victim = FileOpsClient.viaPam(other.name(), other.password(), shared);
            Path temp = resultPath(victim.createTemp(false, "v-", "", ""));
            assertThat(temp.getParent()).isNotEqualTo(planted).hasParent(shared);
            assertThat(owner(temp.getParent())).isEqualTo(other.user().uid());
        } finally {
            other.close();
        }
    }

    /** Identities never leak between concurrent operations of different users on the shared workers. */
    @Test
    void concurrentOperationsKeepTheirOwnIdentity() throws Exception {
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean asUser = i % 2 == 0;
                results.add(callers.submit(() -> {
                    FileOpsClient client = asUser ? user : agent;
                    Path made = resultPath(client.createTemp(false, asUser ? "u-" : "r-", "", shared.toString()));
                    return owner(made) == (asUser ? account.user().uid() : 0);
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void supplementaryGroupsApply() throws Exception {
        String group = "vixg" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        TestAccounts.run(List.of("groupadd", group), null);
        try {
            TestAccounts.run(List.of("usermod", "-a", "-G", group, account.name()), null);
            Path groupFile = Files.writeString(rootOnly.resolve("group-file"), "for the group");
            TestAccounts.run(List.of("chgrp", group, groupFile.toString()), null);
            Files.setPosixFilePermissions(groupFile, PosixFilePermissions.fromString("rw-r-----"));
            // A fresh client: the account's groups are resolved at login.
            FileOpsClient member = FileOpsClient.viaPam(account.name(), account.password(), shared);
            assertThat(member.fromGuest(groupFile.toString())).startsWith("OK 0 0 <fxi>");
            Files.delete(groupFile);
        } finally {
            TestAccounts.run(List.of("groupdel", group), null);
        }
    }
}
