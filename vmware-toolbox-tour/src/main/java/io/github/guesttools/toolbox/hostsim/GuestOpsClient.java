package io.github.guesttools.toolbox.hostsim;

import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixRequestEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The host's side of guest operations for simulators, tests and the tour: builds VIX requests the
 * way the VMX does ({@link VixRequestEncoder}), sends them as TCLO {@code Vix_1_Relayed_Command}
 * requests and parses the replies; file contents travel over HGFS through op 84 in the VMX's
 * download and upload sequences ({@link HgfsTransfers}).
 *
 * <pre>{@code
 * GuestOpsClient ops = new GuestOpsClient(request -> vmx.submitTclo(request).get(), "alice", "secret");
 * ops.call(VixOp.CREATE_DIRECTORY_EX, ...);  // or the helpers: ops.mkdir("/tmp/x"), ops.upload(...)
 * }</pre>
 */
public final class GuestOpsClient {
    /** TCLO command of VIX requests. */
    public static final String COMMAND = "Vix_1_Relayed_Command ";

    private static final int BINARY_RESULT = 0x80;

    private final Tclo tclo;
    private final String user;
    private final String password;

    /**
     * @param tclo submits one TCLO request and returns the guest's reply
     * @param user the guest login name
     * @param password its password
     */
    public GuestOpsClient(Tclo tclo, String user, String password) {
        this.tclo = tclo;
        this.user = user;
        this.password = password;
    }

    /** Submits one TCLO request. */
    @FunctionalInterface
    public interface Tclo {
        /**
         * @param request the request bytes
         * @return the guest's reply ({@code OK ...} / {@code ERROR ...})
         * @throws IOException when the request got no reply
         */
        byte[] submit(byte[] request) throws IOException;
    }

    /**
     * A parsed reply.
     *
     * @param error the VIX error (0 = success; -1 when the TCLO reply was not {@code OK})
     * @param additional the errno or 0
     * @param result the result bytes (without the trailing NUL of text results, without {@code #})
     * @param raw the whole TCLO reply
     */
    public record Reply(long error, long additional, byte[] result, byte[] raw) {
        /** @return the result as text */
        public String text() {
            return new String(result, StandardCharsets.UTF_8);
        }

        /** @return whether the op succeeded */
        public boolean ok() {
            return error == 0;
        }

        @Override
        public String toString() {
            String t = text().replace("\0", "");
            String shown = t.length() > 300 ? t.substring(0, 300) + "..." : t;
            return error == 0 ? "OK " + shown : "VIX error " + error + " (errno " + additional + ") " + shown;
        }
    }

    /**
     * @param op the VIX op
     * @param body its body
     * @return the reply
     * @throws IOException when the TCLO request got no reply
     */
    public Reply call(int op, byte[] body) throws IOException {
        int flags = op == VixOp.HGFS_SEND_PACKET ? BINARY_RESULT : 0;
        return send(VixRequestEncoder.relayed(op, body, VixRequestEncoder.namePassword(user, password), 1, flags));
    }

    /**
     * @param args TCLO arguments after the command name (any bytes, for hostile-input tests)
     * @return the reply
     * @throws IOException when the TCLO request got no reply
     */
    public Reply send(byte[] args) throws IOException {
        byte[] command = COMMAND.getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(command, command.length + args.length);
        System.arraycopy(args, 0, request, command.length, args.length);
        return parse(tclo.submit(request));
    }

    static Reply parse(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, 64), StandardCharsets.ISO_8859_1);
        String[] parts = head.split(" ", 4);
        if (!head.startsWith("OK ") || parts.length < 3) {
            return new Reply(-1, 0, raw, raw);
        }
        int start = parts[0].length() + parts[1].length() + parts[2].length() + 3;
        start = Math.min(start, raw.length);
        int end = raw.length;
        if (start < raw.length && raw[start] == '#') {
            start++;
        } else if (end > start && raw[end - 1] == 0) {
            end--;
        }
        return new Reply(
                Long.parseLong(parts[1]), Long.parseLong(parts[2].strip()), Arrays.copyOfRange(raw, start, end), raw);
    }

    /** @return the HGFS transfers through this client */
    public HgfsTransfers hgfs() {
        return new HgfsTransfers(this);
    }

    // One helper per guest operation, named after the shell command it resembles.

    /** CreateDirectory (178), with parents. */
    public Reply mkdir(String path) throws IOException {
        return call(VixOp.CREATE_DIRECTORY_EX, VixBodies.directory(path, true));
    }

    /** DeleteDirectory (195). */
    public Reply rmdir(String path, boolean recursive) throws IOException {
        return call(VixOp.DELETE_GUEST_DIRECTORY_EX, VixBodies.directory(path, recursive));
    }

    /** DeleteFile (194). */
    public Reply rm(String path) throws IOException {
        return call(VixOp.DELETE_GUEST_FILE_EX, VixBodies.simplePath(path));
    }

    /** MoveFile (179). */
    public Reply mv(String from, String to) throws IOException {
        return call(VixOp.MOVE_GUEST_FILE_EX, VixBodies.move(from, to, false));
    }

    /** ChangeFileAttributes (183), permissions only. */
    public Reply chmod(String path, int mode) throws IOException {
        return call(VixOp.SET_GUEST_FILE_ATTRIBUTES, VixBodies.chmod(path, mode));
    }

    /** ListFiles (177), first page of up to 50 entries. */
    public Reply ls(String path) throws IOException {
        return call(VixOp.LIST_FILES, VixRequestEncoder.listFilesBody(path, null, 0, 50, 0));
    }

    /** StartProgram (185). */
    public Reply start(String program, String arguments) throws IOException {
        return call(VixOp.START_PROGRAM, VixBodies.startProgram(program, arguments));
    }

    /** StartProgram (185) with {@code NAME=VALUE} environment entries instead of the login environment. */
    public Reply start(String program, String arguments, List<String> environment) throws IOException {
        return call(VixOp.START_PROGRAM, VixBodies.startProgram(program, arguments, environment));
    }

    /** ListProcessesEx (186). */
    public Reply ps(List<Long> pids) throws IOException {
        return call(VixOp.LIST_PROCESSES_EX, VixBodies.listProcesses(pids));
    }

    /** ReadEnvironmentVariables (187). */
    public Reply getenv(List<String> names) throws IOException {
        return call(VixOp.READ_ENV_VARIABLES, VixBodies.environment(names));
    }

    /** TerminateProcess (193). */
    public Reply kill(long pid) throws IOException {
        return call(VixOp.TERMINATE_PROCESS, VixBodies.terminate(pid));
    }

    /** InitiateFileTransferFromGuest (188). */
    public Reply transferFrom(String path) throws IOException {
        return call(VixOp.INITIATE_FILE_TRANSFER_FROM_GUEST, VixRequestEncoder.listFilesBody(path, null, 0, 0, 0));
    }

    /** InitiateFileTransferToGuest (189). */
    public Reply transferTo(String path, boolean overwrite) throws IOException {
        return call(VixOp.INITIATE_FILE_TRANSFER_TO_GUEST, VixBodies.transferTo(path, overwrite));
    }

    /** One HGFS packet through op 84. */
    public Reply hgfsPacket(byte[] packet) throws IOException {
        return call(VixOp.HGFS_SEND_PACKET, VixBodies.hgfs(packet));
    }
}
