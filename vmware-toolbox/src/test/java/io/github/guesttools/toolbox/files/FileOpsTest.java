package io.github.guesttools.toolbox.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each file op with real files, as the agent's own account. */
class FileOpsTest extends AgentUserFileTest {
    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void deleteFile() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThat(vix.deleteFile(f)).isEqualTo("OK 0 0 \0");
        assertThat(f).doesNotExist();
        assertThat(vix.deleteFile(f)).isEqualTo("OK 4 2 \0");
        assertThat(vix.deleteFile(dir)).isEqualTo("OK 20001 21 \0");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        assertThat(vix.deleteFile(dangling)).isEqualTo("OK 0 0 \0");
        assertThat(Files.exists(dangling, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(vix.deleteFile(Path.of("relative"))).isEqualTo("OK 3 0 \0");
    }

    /** The Go toolbox answers {@code OK 4 0 stat ...: no such file or directory}; we send errno and no text. */
    @Test
    void deleteFileVectorDiffersFromGoAsDocumented() {
        byte[] req = TestMessages.resource("tclo-req-DeleteFile-enoent.bin");
        byte[] args = Arrays.copyOfRange(req, "Vix_1_Relayed_Command ".length(), req.length);
        FileOpsClient userPass = new FileOpsClient(
                io.github.guesttools.toolbox.dispatch.VixDispatcher.builder()
                        .handle(VixOp.DELETE_GUEST_FILE_EX, new DeleteFileHandler())
                        .authenticator((u, p) -> {})
                        .users(n -> java.util.Optional.of(io.github.guesttools.identity.Account.current()))
                        .build(),
                "user",
                "pass");
        String ours = new String(userPass.dispatchRaw(args), StandardCharsets.UTF_8);
        assertThat(ours).isEqualTo("OK 4 2 \0");
        assertThat(new String(TestMessages.resource("tclo-rep-DeleteFile-enoent.bin"), StandardCharsets.UTF_8))
                .startsWith("OK 4 0 stat /nonexistent/x");
    }

    @Test
    void createDirectory() throws Exception {
        Path d = dir.resolve("d");
        assertThat(vix.mkdir(d, false)).isEqualTo("OK 0 0 \0");
        assertThat(d).isDirectory();
        assertThat(mode(d)).isEqualTo("rwx------");
        assertThat(vix.mkdir(d, false)).isEqualTo("OK 12 17 \0");
        assertThat(vix.mkdir(dir.resolve("a/b/c"), false)).isEqualTo("OK 4 2 \0");
        assertThat(vix.mkdir(dir.resolve("a/b/c"), true)).isEqualTo("OK 0 0 \0");
        assertThat(dir.resolve("a/b/c")).isDirectory();
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
    }

    @Test
    void deleteDirectory() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(vix.rmdir(empty, false)).isEqualTo("OK 0 0 \0");
        assertThat(empty).doesNotExist();
        Path full = Files.createDirectories(dir.resolve("full/sub"));
        Path outside = Files.writeString(dir.resolve("outside"), "keep");
        Files.createSymbolicLink(full.resolve("link"), outside);
        Files.createSymbolicLink(full.resolve("dirlink"), dir);
        assertThat(vix.rmdir(dir.resolve("full"), false)).isEqualTo("OK 20006 39 \0");
        assertThat(vix.rmdir(dir.resolve("full"), true)).isEqualTo("OK 0 0 \0");
        assertThat(dir.resolve("full")).doesNotExist();
        assertThat(outside).hasContent("keep");
        assertThat(vix.rmdir(outside, true)).isEqualTo("OK 20002 20 \0");
        assertThat(vix.rmdir(dir.resolve("missing"), false)).isEqualTo("OK 4 2 \0");
        Path linkToDir = Files.createSymbolicLink(dir.resolve("ld"), Files.createDirectory(dir.resolve("real")));
        assertThat(vix.rmdir(linkToDir, true)).isEqualTo("OK 20002 20 \0");
        assertThat(dir.resolve("real")).isDirectory();
    }

    @Test
    void moveFile() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "A");
        Path b = Files.writeString(dir.resolve("b"), "B");
        assertThat(vix.move(false, a, b, false)).isEqualTo("OK 12 17 \0");
        assertThat(vix.move(false, a, b, true)).isEqualTo("OK 0 0 \0");
        assertThat(b).hasContent("A");
        assertThat(a).doesNotExist();
        assertThat(vix.move(false, a, b, true)).isEqualTo("OK 4 2 \0");
        Path d = Files.createDirectory(dir.resolve("d"));
        assertThat(vix.move(false, b, d, true)).isEqualTo("OK 12 17 \0");
        assertThat(vix.move(false, d, dir.resolve("e"), true)).isEqualTo("OK 20001 21 \0");
        assertThat(vix.move(false, b, dir.resolve("c"), false)).isEqualTo("OK 0 0 \0");
        assertThat(dir.resolve("c")).hasContent("A");
    }

    @Test
    void moveDirectory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.writeString(d.resolve("inside"), "x");
        Path f = Files.writeString(dir.resolve("f"), "F");
        assertThat(vix.move(true, f, dir.resolve("g"), false)).isEqualTo("OK 20002 20 \0");
        assertThat(vix.move(true, d, f, false)).isEqualTo("OK 12 17 \0");
        assertThat(vix.move(true, d, dir.resolve("e"), false)).isEqualTo("OK 0 0 \0");
        assertThat(dir.resolve("e/inside")).hasContent("x");
    }

    @Test
    void createTemporaryFileAndDirectory() throws Exception {
        String file = vix.createTemp(false, "pre-", ".suf", dir.toString());
        assertThat(file).startsWith("OK 0 0 " + dir + "/pre-").endsWith(".suf\0");
        Path f = Path.of(file.substring(7, file.length() - 1));
        assertThat(f).isRegularFile();
        assertThat(mode(f)).isEqualTo("rw-------");
        String d = vix.createTemp(true, "", "-x", dir.toString());
        Path created = Path.of(d.substring(7, d.length() - 1));
        assertThat(created).isDirectory().hasParent(dir);
        assertThat(created.getFileName().toString()).endsWith("-x");
        assertThat(mode(created)).isEqualTo("rwx------");
        String inDefault = vix.createTemp(false, "vix", "", "");
        Path userTemp = dir.resolve(
                "vmware-" + io.github.guesttools.identity.Account.current().name());
        assertThat(Path.of(inDefault.substring(7, inDefault.length() - 1))).hasParent(userTemp);
        assertThat(mode(userTemp)).isEqualTo("rwx------");
        assertThat(vix.createTemp(false, "../x", "", dir.toString())).isEqualTo("OK 3 0 \0");
        assertThat(vix.createTemp(false, "a", "", dir.resolve("missing").toString()))
                .isEqualTo("OK 4 2 \0");
        assertThat(vix.createTemp(false, "pre-", ".suf", dir.toString())).isNotEqualTo(file);
    }

    @Test
    void aPlantedUserTempDirectoryIsNotUsed() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path planted = dir.resolve(
                "vmware-" + io.github.guesttools.identity.Account.current().name());
        Files.createSymbolicLink(planted, elsewhere);
        String reply = vix.createTemp(false, "t", "", "");
        Path created = Path.of(reply.substring(7, reply.length() - 1));
        assertThat(created.getParent().getFileName().toString()).startsWith(planted.getFileName() + "-");
        assertThat(created.getParent()).hasParent(dir);
        try (var list = Files.list(elsewhere)) {
            assertThat(list).isEmpty();
        }
    }

    @Test
    void changeFileAttributes() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Files.setLastModifiedTime(f, FileTime.from(1000, TimeUnit.SECONDS));
        Files.setAttribute(f, "lastAccessTime", FileTime.from(2000, TimeUnit.SECONDS));
        // The govmomi vector's options: 0x42 = modify date + permissions.
        assertThat(vix.setAttributes(f, 0x42, 0, 1_500_000_000L, -1, -1, 04750)).isEqualTo("OK 0 0 \0");
        Map<String, Object> a = Files.readAttributes(f, "unix:mode,lastModifiedTime,lastAccessTime");
        assertThat((int) a.get("mode") & 07777).isEqualTo(04750);
        assertThat(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS)).isEqualTo(1_500_000_000L);
        assertThat(((FileTime) a.get("lastAccessTime")).to(TimeUnit.SECONDS))
                .as("atime not filled from mtime")
                .isEqualTo(2000);
        assertThat(vix.setAttributes(f, 0x01, 1_600_000_000L, 0, -1, -1, 0)).isEqualTo("OK 0 0 \0");
        a = Files.readAttributes(f, "unix:mode,lastModifiedTime,lastAccessTime");
        assertThat(((FileTime) a.get("lastAccessTime")).to(TimeUnit.SECONDS)).isEqualTo(1_600_000_000L);
        assertThat(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.SECONDS)).isEqualTo(1_500_000_000L);
        assertThat(vix.setAttributes(f, 0x04, 0, 0, -1, -1, 0)).isEqualTo("OK 3 0 \0");
        assertThat(vix.setAttributes(f, 0x08, 0, 0, -1, -1, 0)).isEqualTo("OK 3 0 \0");
        assertThat(vix.setAttributes(dir.resolve("missing"), 0x40, 0, 0, -1, -1, 0600))
                .isEqualTo("OK 4 2 \0");
        int gid = (int) Files.getAttribute(f, "unix:gid");
        assertThat(vix.setAttributes(f, 0x30, 0, 0, -1, gid, 0)).isEqualTo("OK 0 0 \0");
    }

    @Test
    void changeOwnerAsRoot() throws Exception {
        io.github.guesttools.toolbox.identity.TestAccounts.assumeRoot();
        Path f = Files.writeString(dir.resolve("f"), "x");
        assertThat(vix.setAttributes(f, 0x30, 0, 0, 65534, 65534, 0)).isEqualTo("OK 0 0 \0");
        assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(65534);
        assertThat(Files.getAttribute(f, "unix:gid")).isEqualTo(65534);
    }
}
