package io.github.guesttools.rpc.report;

import io.github.guesttools.rpc.rpci.RpciCommand;

/**
 * Encodes {@code SetGuestInfo} RPCI commands: the command, <em>two</em> spaces
 * ({@code GUESTINFO_DEFAULT_DELIMITER} plus the separator), the type, one space, then the value.
 */
final class SetGuestInfo {
    private SetGuestInfo() {}

    /** A string value: {@code SetGuestInfo  <type> <value>} + NUL. */
    public static byte[] string(GuestInfoType type, String value) {
        return RpciCommand.text(prefix(type) + value);
    }

    /** A binary value: {@code SetGuestInfo  <type> } immediately followed by the body, no NUL. */
    public static byte[] binary(GuestInfoType type, byte[] body) {
        return RpciCommand.binary(prefix(type), body);
    }

    private static String prefix(GuestInfoType type) {
        return "SetGuestInfo  " + type.code() + " ";
    }
}
