package io.github.guesttools.toolbox.vix;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes op bodies into request records with the string-length conventions open-vm-tools parses
 * ("GetString" excludes the NUL, "GetOptionalString" includes it). Strict: a lying length gives
 * {@link VixError#INVALID_MESSAGE_BODY}, a body shorter than the op's fixed fields
 * {@link VixError#INVALID_MESSAGE_HEADER}.
 */
public final class VixRequestDecoder {
    private VixRequestDecoder() {}

    /**
     * @param message a validated message
     * @return the typed request, or a {@link RawRequest} for an op without a known layout
     * @throws VixException for a malformed body
     */
    public static VixRequest decode(VixMessage message) throws VixException {
        int op = message.header().opCode();
        return switch (op) {
            case VixOp.GET_TOOLS_STATE -> new ToolsStateRequest();
            case VixOp.START_PROGRAM -> startProgram(message);
            case VixOp.LIST_PROCESSES_EX -> listProcesses(message);
            case VixOp.TERMINATE_PROCESS -> terminateProcess(message);
            case VixOp.READ_ENV_VARIABLES -> readEnvironment(message);
            case VixOp.CREATE_TEMPORARY_FILE_EX, VixOp.CREATE_TEMPORARY_DIRECTORY -> createTemporary(message);
            case VixOp.DELETE_GUEST_FILE_EX -> deleteFile(message);
            case VixOp.CREATE_DIRECTORY_EX -> createDirectory(message);
            case VixOp.DELETE_GUEST_DIRECTORY_EX -> deleteDirectory(message);
            case VixOp.MOVE_GUEST_FILE_EX, VixOp.MOVE_GUEST_DIRECTORY -> move(message);
            case VixOp.LIST_FILES -> listFiles(message);
            case VixOp.INITIATE_FILE_TRANSFER_FROM_GUEST -> transferFromGuest(message);
            case VixOp.INITIATE_FILE_TRANSFER_TO_GUEST -> transferToGuest(message);
            case VixOp.SET_GUEST_FILE_ATTRIBUTES -> setFileAttributes(message);
            case VixOp.HGFS_SEND_PACKET -> hgfsPacket(message);
            default -> new RawRequest(op, message.body());
        };
    }

    private static StartProgramRequest startProgram(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 21);
        boolean minimized = r.bool();
        long pathLength = r.u32();
        long argumentsLength = r.u32();
        long workingDirLength = r.u32();
        long numEnvVars = r.u32();
        long envLength = r.u32();
        String path = r.optionalString(pathLength, "programPath");
        String arguments = r.optionalString(argumentsLength, "arguments");
        String workingDir = r.optionalString(workingDirLength, "workingDir");
        List<String> env = r.stringArray(numEnvVars, envLength, "envVars");
        return new StartProgramRequest(minimized, path, arguments, workingDir, env);
    }

    private static ListProcessesRequest listProcesses(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 12);
        long key = r.u32();
        long offset = r.u32();
        long numPids = r.u32();
        if (numPids > r.remaining() / Long.BYTES) {
            throw new VixException(VixError.INVALID_MESSAGE_BODY, numPids + " pids do not fit the body");
        }
        List<Long> pids = new ArrayList<>((int) numPids);
        for (long i = 0; i < numPids; i++) {
            pids.add(r.i64());
        }
        return new ListProcessesRequest(key, offset, pids);
    }

    private static TerminateProcessRequest terminateProcess(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 12);
        return new TerminateProcessRequest(r.i64(), r.i32());
    }

    private static ReadEnvironmentRequest readEnvironment(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 8);
        long numNames = r.u32();
        long namesLength = r.u32();
        return new ReadEnvironmentRequest(r.stringArray(numNames, namesLength, "names"));
    }

    private static CreateTemporaryRequest createTemporary(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 20);
        int options = r.i32();
        long prefixLength = r.u32();
        long suffixLength = r.u32();
        long dirLength = r.u32();
        long propertiesLength = r.u32();
        String prefix = r.string(prefixLength, "filePrefix");
        String suffix = r.string(suffixLength, "fileSuffix");
        String dir = r.string(dirLength, "directoryPath");
        r.skip(propertiesLength, "propertyList");
        r.requireEnd("CreateTemporary");
        return new CreateTemporaryRequest(
                m.header().opCode() == VixOp.CREATE_TEMPORARY_DIRECTORY, options, prefix, suffix, dir);
    }

    private static DeleteFileRequest deleteFile(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 8);
        int options = r.i32();
        return new DeleteFileRequest(options, r.string(r.u32(), "guestPathName"));
    }

    /** {@code VixMsgCreateFileRequestEx} and {@code VixMsgDeleteDirectoryRequest} share one layout. */
    private record PathAndFlag(int options, String path, boolean flag) {
        static PathAndFlag decode(VixMessage m) throws VixException {
            BodyReader r = new BodyReader(m.body(), 13);
            int options = r.i32();
            long pathLength = r.u32();
            long propertiesLength = r.u32();
            boolean flag = r.bool();
            String path = r.string(pathLength, "guestPathName");
            r.skip(propertiesLength, "fileProperties");
            return new PathAndFlag(options, path, flag);
        }
    }

    private static CreateDirectoryRequest createDirectory(VixMessage m) throws VixException {
        PathAndFlag p = PathAndFlag.decode(m);
        return new CreateDirectoryRequest(p.options(), p.path(), p.flag());
    }

    private static DeleteDirectoryRequest deleteDirectory(VixMessage m) throws VixException {
        PathAndFlag p = PathAndFlag.decode(m);
        return new DeleteDirectoryRequest(p.options(), p.path(), p.flag());
    }

    private static MoveRequest move(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 17);
        int options = r.i32();
        long oldLength = r.u32();
        long newLength = r.u32();
        long propertiesLength = r.u32();
        boolean overwrite = r.bool();
        String oldPath = r.string(oldLength, "oldPathName");
        String newPath = r.string(newLength, "newPathName");
        r.skip(propertiesLength, "fileProperties");
        return new MoveRequest(m.header().opCode() == VixOp.MOVE_GUEST_DIRECTORY, options, oldPath, newPath, overwrite);
    }

    private static ListFilesRequest listFiles(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 28);
        int options = r.i32();
        long pathLength = r.u32();
        long patternLength = r.u32();
        int index = r.i32();
        int maxResults = r.i32();
        long offset = r.i64();
        String path = r.string(pathLength, "guestPathName");
        String pattern = patternLength > 0 ? r.string(patternLength, "pattern") : null;
        return new ListFilesRequest(options, path, pattern, index, maxResults, offset);
    }

    private static TransferFromGuestRequest transferFromGuest(VixMessage m) throws VixException {
        ListFilesRequest l = listFiles(m);
        return new TransferFromGuestRequest(l.options(), l.path());
    }

    private static TransferToGuestRequest transferToGuest(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 9);
        int options = r.i32();
        long pathLength = r.u32();
        boolean overwrite = r.bool();
        return new TransferToGuestRequest(options, r.string(pathLength, "guestPathName"), overwrite);
    }

    private static SetFileAttributesRequest setFileAttributes(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 38);
        int options = r.i32();
        long atime = r.i64();
        long mtime = r.i64();
        int uid = r.i32();
        int gid = r.i32();
        int permissions = r.i32();
        boolean hidden = r.bool();
        boolean readOnly = r.bool();
        String path = r.string(r.u32(), "guestPathName");
        return new SetFileAttributesRequest(options, atime, mtime, uid, gid, permissions, hidden, readOnly, path);
    }

    private static HgfsPacketRequest hgfsPacket(VixMessage m) throws VixException {
        BodyReader r = new BodyReader(m.body(), 8);
        long size = r.u32();
        int timeout = r.i32();
        return new HgfsPacketRequest(r.bytes(size, "hgfsPacket"), timeout);
    }
}
