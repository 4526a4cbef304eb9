package io.github.guesttools.rpc.power;

/** The power operations, their TCLO names, state ids ({@code powerops.h}) and script options. */
public enum PowerOperation {
    /** {@code OS_Halt}, state 1. */
    HALT("OS_Halt", 1, "toolScripts.beforePowerOff"),
    /** {@code OS_Reboot}, state 2. */
    REBOOT("OS_Reboot", 2, "toolScripts.beforePowerOff"),
    /** {@code OS_PowerOn}, state 3. */
    POWER_ON("OS_PowerOn", 3, "toolScripts.afterPowerOn"),
    /** {@code OS_Resume}, state 4. */
    RESUME("OS_Resume", 4, "toolScripts.afterResume"),
    /** {@code OS_Suspend}, state 5. */
    SUSPEND("OS_Suspend", 5, "toolScripts.beforeSuspend");

    private final String rpcName;
    private final int stateId;
    private final String scriptOption;

    PowerOperation(String rpcName, int stateId, String scriptOption) {
        this.rpcName = rpcName;
        this.stateId = stateId;
        this.scriptOption = scriptOption;
    }

    /** The TCLO request name. */
    public String rpcName() {
        return rpcName;
    }

    /** The state id reported in {@code tools.os.statechange.status}. */
    public int stateId() {
        return stateId;
    }

    /** The {@code Set_Option} name enabling or disabling this operation's script. */
    public String scriptOption() {
        return scriptOption;
    }

    /** Whether the operation ends with the guest going down. */
    public boolean shutsDown() {
        return this == HALT || this == REBOOT;
    }
}
