package io.github.guesttools.toolbox.files;

import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.TestMessages.Body;
import io.github.guesttools.toolbox.vix.VixOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** Plays the VMX: encodes file-op requests, sends them through a real dispatcher, returns the reply text. */
final class FileOpsClient {
    private final VixDispatcher vix;
    private final String user;
    private final String password;

    /** Tests call these dispatchers from many threads at once, not through the TCLO workers the per-user limit guards. */
    private static final int CONCURRENT_CALLERS = 16;

    FileOpsClient(VixDispatcher vix, String user, String password) {
        this.vix = vix;
        this.user = user;
        this.password = password;
    }

    /** The agent's own account, with a fixed test login. */
    static FileOpsClient asAgentUser(Path temp, boolean archives) {
        Authenticator fixed = (u, p) -> {
            if (!u.equals("tester") || !new String(p, StandardCharsets.UTF_8).equals("pw")) {
                throw new AuthenticationException("bad login");
            }
        };
        VixDispatcher vix = FileOperations.register(VixDispatcher.builder(), temp, archives)
                .authenticator(fixed)
                .maxRequestsPerUser(CONCURRENT_CALLERS)
                .users(n -> n.equals("tester") ? Optional.of(Account.current()) : Optional.empty())
                .build();
        return new FileOpsClient(vix, "tester", "pw");
    }

    /** A real account through real PAM. */
    static FileOpsClient viaPam(String user, String password, Path temp) {
        VixDispatcher vix = FileOperations.register(VixDispatcher.builder(), temp, true)
                .authenticator(Authenticator.pam())
                .maxRequestsPerUser(CONCURRENT_CALLERS)
                .build();
        return new FileOpsClient(vix, user, password);
    }

    byte[] dispatchRaw(byte[] args) {
        return vix.dispatch(args);
    }

    String send(int op, byte[] body) {
        byte[] reply = vix.dispatch(TestMessages.relayed(op, body, user, password));
        return new String(reply, StandardCharsets.UTF_8);
    }

    private static int len(String s) {
        return TestMessages.utf8Length(s);
    }

    String deleteFile(Path p) {
        return send(
                VixOp.DELETE_GUEST_FILE_EX,
                new Body().i32(0).i32(len(p.toString())).str(p.toString()).build());
    }

    String mkdir(Path p, boolean parents) {
        return send(
                VixOp.CREATE_DIRECTORY_EX,
                new Body()
                        .i32(0)
                        .i32(len(p.toString()))
                        .i32(0)
                        .u8(parents ? 1 : 0)
                        .str(p.toString())
                        .build());
    }

    String rmdir(Path p, boolean recursive) {
        return send(
                VixOp.DELETE_GUEST_DIRECTORY_EX,
                new Body()
                        .i32(0)
                        .i32(len(p.toString()))
                        .i32(0)
                        .u8(recursive ? 1 : 0)
                        .str(p.toString())
                        .build());
    }

    String move(boolean directory, Path from, Path to, boolean overwrite) {
        return send(
                directory ? VixOp.MOVE_GUEST_DIRECTORY : VixOp.MOVE_GUEST_FILE_EX,
                new Body()
                        .i32(0)
                        .i32(len(from.toString()))
                        .i32(len(to.toString()))
                        .i32(0)
                        .u8(overwrite ? 1 : 0)
                        .str(from.toString())
                        .str(to.toString())
                        .build());
    }

    String createTemp(boolean directory, String prefix, String suffix, String dir) {
        return send(
                directory ? VixOp.CREATE_TEMPORARY_DIRECTORY : VixOp.CREATE_TEMPORARY_FILE_EX,
                new Body()
                        .i32(0)
                        .i32(len(prefix))
                        .i32(len(suffix))
                        .i32(len(dir))
                        .i32(0)
                        .str(prefix)
                        .str(suffix)
                        .str(dir)
                        .build());
    }

    String setAttributes(Path p, int options, long atime, long mtime, int uid, int gid, int mode) {
        return send(
                VixOp.SET_GUEST_FILE_ATTRIBUTES,
                new Body()
                        .i32(options)
                        .i64(atime)
                        .i64(mtime)
                        .i32(uid)
                        .i32(gid)
                        .i32(mode)
                        .u8(0)
                        .u8(0)
                        .i32(len(p.toString()))
                        .str(p.toString())
                        .build());
    }

    String listFiles(String path, String pattern, int index, int maxResults, long offset) {
        return send(VixOp.LIST_FILES, TestMessages.listFilesBody(path, pattern, index, maxResults, offset));
    }

    String fromGuest(String path) {
        return send(VixOp.INITIATE_FILE_TRANSFER_FROM_GUEST, TestMessages.listFilesBody(path, null, 0, 0, 0));
    }

    String toGuest(String path, boolean overwrite) {
        return send(
                VixOp.INITIATE_FILE_TRANSFER_TO_GUEST,
                new Body().i32(0).i32(len(path)).u8(overwrite ? 1 : 0).str(path).build());
    }
}
