package io.github.guesttools.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegularFilesTest {
    @TempDir
    Path dir;

    @Test
    void fifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("fifo");
        TestUsersFree.mkfifo(fifo);
        for (StandardOpenOption access : new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}) {
            assertThatThrownBy(() -> RegularFiles.open(fifo, Set.of(access)))
                    .isInstanceOf(RegularFiles.NotRegularFileException.class)
                    .hasMessageContaining("not a regular file");
        }
        assertThatThrownBy(() -> RegularFiles.open(fifo, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE)))
                .isInstanceOf(RegularFiles.NotRegularFileException.class);
    }

    @Test
    void devicesDirectoriesAndLinksWithNofollowAreRefused() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("target"));
        Files.writeString(dir.resolve("target"), "t");
        assertThatThrownBy(() -> RegularFiles.open(Path.of("/dev/null"), Set.of(StandardOpenOption.READ)))
                .isInstanceOf(RegularFiles.NotRegularFileException.class);
        assertThatThrownBy(() -> RegularFiles.open(dir, Set.of(StandardOpenOption.READ)))
                .isInstanceOf(RegularFiles.NotRegularFileException.class);
        assertThatThrownBy(() -> RegularFiles.open(link, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)))
                .isInstanceOf(RegularFiles.NotRegularFileException.class);
        try (FileChannel ch = RegularFiles.open(link, Set.of(StandardOpenOption.READ))) {
            assertThat(ch.size()).isEqualTo(1);
        }
    }

    @Test
    void regularFilesReadWriteCreateAndTruncate() throws Exception {
        Path file = dir.resolve("f");
        try (FileChannel ch = RegularFiles.open(
                file,
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ch.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (FileChannel ch = RegularFiles.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE))) {
            ch.write(ByteBuffer.wrap("J".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(Files.readString(file)).isEqualTo("Jello");
        try (FileChannel ch =
                RegularFiles.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
            assertThat(ch.size()).isZero();
        }
        assertThatThrownBy(() -> RegularFiles.open(dir.resolve("missing"), Set.of(StandardOpenOption.READ)))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void reopenIsCheckedAgainstTheWorkersUser() throws Exception {
        try (TestUsers.User created = TestUsers.create(false)) {
            Path secret = Files.writeString(dir.resolve("secret"), "root only");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path own = Path.of(created.account().home(), "own");
            RunAs runAs = new ThreadCredentialRunAs(1, 1, Duration.ofSeconds(30), new KernelThreadCredentials());
            assertThatThrownBy(() -> runAs.run(
                            created.account(), () -> RegularFiles.open(secret, Set.of(StandardOpenOption.READ))))
                    .isInstanceOf(AccessDeniedException.class);
            runAs.run(created.account(), () -> {
                try (FileChannel ch =
                        RegularFiles.open(own, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE))) {
                    return ch.write(ByteBuffer.wrap(new byte[] {1}));
                }
            });
            assertThat(Files.getOwner(own).getName()).isEqualTo(created.name());
            assertThat(runAs.run(created.account(), () -> {
                        try (FileChannel ch = RegularFiles.open(own, Set.of(StandardOpenOption.READ))) {
                            return ch.size();
                        }
                    }))
                    .isEqualTo(1);
        }
    }

    /** mkfifo through the coreutils tool (no account needed). */
    static final class TestUsersFree {
        static void mkfifo(Path path) throws Exception {
            TestUsers.run("mkfifo", path.toString());
        }
    }
}
