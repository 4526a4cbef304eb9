package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.toolbox.vix.VixOp;
import java.util.Optional;

/**
 * The guest operations that can be switched off, named as in open-vm-tools' tools.conf
 * {@code [guestoperations] <Name>.disabled=true}.
 */
public enum GuestOperation {
    START_PROGRAM("StartProgramInGuest", VixOp.START_PROGRAM),
    LIST_PROCESSES("ListProcessesInGuest", VixOp.LIST_PROCESSES_EX),
    TERMINATE_PROCESS("TerminateProcessInGuest", VixOp.TERMINATE_PROCESS),
    READ_ENVIRONMENT("ReadEnvironmentVariableInGuest", VixOp.READ_ENV_VARIABLES),
    MAKE_DIRECTORY("MakeDirectoryInGuest", VixOp.CREATE_DIRECTORY_EX),
    DELETE_FILE("DeleteFileInGuest", VixOp.DELETE_GUEST_FILE_EX),
    DELETE_DIRECTORY("DeleteDirectoryInGuest", VixOp.DELETE_GUEST_DIRECTORY_EX),
    MOVE_DIRECTORY("MoveDirectoryInGuest", VixOp.MOVE_GUEST_DIRECTORY),
    MOVE_FILE("MoveFileInGuest", VixOp.MOVE_GUEST_FILE_EX),
    CREATE_TEMPORARY_FILE("CreateTemporaryFileInGuest", VixOp.CREATE_TEMPORARY_FILE_EX),
    CREATE_TEMPORARY_DIRECTORY("CreateTemporaryDirectoryInGuest", VixOp.CREATE_TEMPORARY_DIRECTORY),
    LIST_FILES("ListFilesInGuest", VixOp.LIST_FILES),
    CHANGE_FILE_ATTRIBUTES("ChangeFileAttributesInGuest", VixOp.SET_GUEST_FILE_ATTRIBUTES),
    TRANSFER_FROM_GUEST("InitiateFileTransferFromGuest", VixOp.INITIATE_FILE_TRANSFER_FROM_GUEST),
    TRANSFER_TO_GUEST("InitiateFileTransferToGuest", VixOp.INITIATE_FILE_TRANSFER_TO_GUEST);

    private final String configName;
    private final int opCode;

    GuestOperation(String configName, int opCode) {
        this.configName = configName;
        this.opCode = opCode;
    }

    /** @return the tools.conf name, e.g. {@code ListFilesInGuest} */
    public String configName() {
        return configName;
    }

    /** @return the VIX op code */
    public int opCode() {
        return opCode;
    }

    /**
     * @param opCode a VIX op code
     * @return the switchable operation for it, if any
     */
    public static Optional<GuestOperation> ofOp(int opCode) {
        for (GuestOperation o : values()) {
            if (o.opCode == opCode) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /**
     * @param configName a tools.conf name
     * @return the operation, if the name is known
     */
    public static Optional<GuestOperation> ofConfigName(String configName) {
        for (GuestOperation o : values()) {
            if (o.configName.equals(configName)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
