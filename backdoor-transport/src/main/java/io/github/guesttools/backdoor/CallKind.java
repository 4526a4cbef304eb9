package io.github.guesttools.backdoor;

/** The three instructions a backdoor call can execute; the codes are those of the simulator bridge. */
public enum CallKind {
    /** Low bandwidth: {@code IN EAX, DX} on port {@code 0x5658}. */
    LOW_BANDWIDTH(1),
    /** High bandwidth guest to host: {@code REP OUTSB} on port {@code 0x5659}. */
    HIGH_BANDWIDTH_OUT(2),
    /** High bandwidth host to guest: {@code REP INSB} on port {@code 0x5659}. */
    HIGH_BANDWIDTH_IN(3);

    private final int code;

    CallKind(int code) {
        this.code = code;
    }

    /** Returns the kind byte used on the simulator bridge. */
    public int code() {
        return code;
    }

    /** Returns the kind for a bridge kind byte, or {@code null} for an unknown one. */
    public static CallKind ofCode(int code) {
        switch (code) {
            case 1:
                return LOW_BANDWIDTH;
            case 2:
                return HIGH_BANDWIDTH_OUT;
            case 3:
                return HIGH_BANDWIDTH_IN;
            default:
                return null;
        }
    }
}
