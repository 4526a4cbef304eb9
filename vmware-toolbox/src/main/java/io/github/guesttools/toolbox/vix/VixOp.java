package io.github.guesttools.toolbox.vix;

/** VIX op codes ({@code vixCommands.h}) of the guest operations vSphere sends. */
public final class VixOp {
    public static final int GET_TOOLS_STATE = 62;
    public static final int HGFS_SEND_PACKET = 84;
    public static final int LIST_FILES = 177;
    public static final int CREATE_DIRECTORY_EX = 178;
    public static final int MOVE_GUEST_FILE_EX = 179;
    public static final int MOVE_GUEST_DIRECTORY = 180;
    public static final int CREATE_TEMPORARY_FILE_EX = 181;
    public static final int CREATE_TEMPORARY_DIRECTORY = 182;
    public static final int SET_GUEST_FILE_ATTRIBUTES = 183;
    public static final int START_PROGRAM = 185;
    public static final int LIST_PROCESSES_EX = 186;
    public static final int READ_ENV_VARIABLES = 187;
    public static final int INITIATE_FILE_TRANSFER_FROM_GUEST = 188;
    public static final int INITIATE_FILE_TRANSFER_TO_GUEST = 189;
    public static final int TERMINATE_PROCESS = 193;
    public static final int DELETE_GUEST_FILE_EX = 194;
    public static final int DELETE_GUEST_DIRECTORY_EX = 195;

    private VixOp() {}
}
