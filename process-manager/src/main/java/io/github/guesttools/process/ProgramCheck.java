package io.github.guesttools.process;

import io.github.guesttools.identity.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The up-front checks vmtoolsd makes before it starts a program ({@code docs/protocols/process.md} §2.1), because
 * a shell start cannot report them clearly. Permissions are judged from the mode bits for the
 * target user (as {@code access(2)} would for that user's ids); ACLs are not consulted, and the
 * kernel has the final word at exec time anyway.
 */
final class ProgramCheck {
    private static final int OWNER_EXEC = 0100;
    private static final int GROUP_EXEC = 0010;
    private static final int OTHER_EXEC = 0001;

    private ProgramCheck() {}

    /**
     * Checks that the program exists and that the user may execute it.
     *
     * @throws ProgramNotFoundException if the path is not absolute or does not exist (VIX 4)
     * @throws PermissionDeniedException if it is not an executable file for the user (VIX 3015)
     */
    public static Path program(String programPath, Account user) throws ProcessException {
        Path path = Path.of(programPath);
        if (!path.isAbsolute()) {
            throw new ProgramNotFoundException("program path is not absolute: " + programPath);
        }
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(path, "unix:mode,uid,gid,isRegularFile");
        } catch (NoSuchFileException e) {
            throw new ProgramNotFoundException("no such program: " + programPath).causedBy(e);
        } catch (IOException e) {
            throw new PermissionDeniedException("cannot examine program " + programPath).causedBy(e);
        }
        if (!(Boolean) attributes.get("isRegularFile")) {
            throw new PermissionDeniedException("not a regular file: " + programPath);
        }
        int mode = (Integer) attributes.get("mode");
        if (!mayExecute(mode, (Integer) attributes.get("uid"), (Integer) attributes.get("gid"), user)) {
            throw new PermissionDeniedException("program " + programPath + " is not executable by " + user.name());
        }
        return path;
    }

    /**
     * Checks the working directory; an absent one means the user's home directory.
     *
     * @throws NotADirectoryException if it is not an existing directory (VIX 20002)
     */
    public static Path workingDirectory(String requested, Account user) throws NotADirectoryException {
        Path dir = Path.of(requested == null || requested.isEmpty() ? user.home() : requested);
        if (!dir.isAbsolute() || !Files.isDirectory(dir)) {
            throw new NotADirectoryException("not a directory: " + dir);
        }
        return dir;
    }

    static boolean mayExecute(int mode, int fileUid, int fileGid, Account user) {
        if (user.isRoot()) {
            return (mode & (OWNER_EXEC | GROUP_EXEC | OTHER_EXEC)) != 0;
        }
        if (user.uid() == fileUid) {
            return (mode & OWNER_EXEC) != 0;
        }
        if (user.groups().contains(fileGid)) {
            return (mode & GROUP_EXEC) != 0;
        }
        return (mode & OTHER_EXEC) != 0;
    }
}
