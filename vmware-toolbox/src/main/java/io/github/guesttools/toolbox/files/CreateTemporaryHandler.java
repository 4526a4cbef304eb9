package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixOpHandler;
import io.github.guesttools.toolbox.vix.CreateTemporaryRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixReply;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Ops 181 (file, mode 0600) and 182 (directory, mode 0700): a new entry named prefix + random +
 * suffix in the given directory, or in the user's temporary directory ({@link UserTempDirectory})
 * when none is given; the reply is its full path. Prefix and suffix must not contain {@code /}.
 */
final class CreateTemporaryHandler implements VixOpHandler {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int ATTEMPTS = 100;
    private final SecureRandom random = new SecureRandom();
    private final Path tempBase;

    CreateTemporaryHandler(Path tempBase) {
        this.tempBase = tempBase;
    }

    @Override
    public VixReply handle(VixCall call) throws VixException {
        CreateTemporaryRequest r = (CreateTemporaryRequest) call.request();
        if (r.prefix().indexOf('/') >= 0 || r.suffix().indexOf('/') >= 0) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "prefix or suffix contains '/'");
        }
        Path given = r.directoryPath().isEmpty() ? null : UserFiles.path(r.directoryPath());
        return UserFiles.asUser(call, () -> {
            Path dir = given != null ? given : UserTempDirectory.of(call.user(), tempBase);
            for (int i = 0; i < ATTEMPTS; i++) {
                Path candidate = dir.resolve(r.prefix() + randomPart() + r.suffix());
                try {
                    if (r.directory()) {
                        Files.createDirectory(candidate, CreateDirectoryHandler.MODE_0700);
                    } else {
                        Files.createFile(
                                candidate,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    }
                    return VixReply.ok(candidate.toString());
                } catch (FileAlreadyExistsException e) {
                    // Name taken: try another.
                }
            }
            throw FileErrors.vix(VixError.FILE_ALREADY_EXISTS, 0, "no free temporary name in " + dir);
        });
    }

    private String randomPart() {
        char[] c = new char[10];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
