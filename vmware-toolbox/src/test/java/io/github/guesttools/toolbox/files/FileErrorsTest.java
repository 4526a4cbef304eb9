package io.github.guesttools.toolbox.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileErrorsTest {

    @Test
    void typedExceptions() {
        VixException e = FileErrors.map(new NoSuchFileException("/x"));
        assertThat(new int[] {e.error(), e.additionalError()}).containsExactly(VixError.FILE_NOT_FOUND, 2);
        assertThat(FileErrors.map(new AccessDeniedException("/x")).error()).isEqualTo(VixError.FILE_ACCESS_ERROR);
        assertThat(FileErrors.map(new IOException("opaque")).error()).isEqualTo(VixError.FAIL);
    }

    /** The JDK's generic FileSystemException carries strerror text; the errno is recovered from it. */
    @Test
    void errnoRecoveredFromRealJdkFailures(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        FileSystemException real =
                catchThrowableOfType(FileSystemException.class, () -> Files.createDirectory(file.resolve("child")));
        assertThat(real).isNotNull();
        VixException e = FileErrors.map(real);
        assertThat(e.additionalError()).as(real.toString()).isEqualTo(20);
        assertThat(e.error()).isEqualTo(VixError.NOT_A_DIRECTORY);
        assertThat(FileErrors.map(new FileSystemException("/x", null, "Read-only file system"))
                        .error())
                .isEqualTo(VixError.FILE_ERROR);
        assertThat(FileErrors.map(new FileSystemException("/x", null, "Operation not permitted"))
                        .error())
                .isEqualTo(VixError.FILE_ACCESS_ERROR);
        assertThat(FileErrors.map(new FileSystemException("/x", null, "No space left on device"))
                        .error())
                .isEqualTo(VixError.DISK_FULL);
    }
}
