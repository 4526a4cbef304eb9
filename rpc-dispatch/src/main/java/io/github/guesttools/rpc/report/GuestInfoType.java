package io.github.guesttools.rpc.report;

/** {@code GuestInfoType} ({@code guestInfo.h}): what a {@code SetGuestInfo} message carries. */
enum GuestInfoType {
    /** 1: host name. */
    DNS_NAME(1),
    /** 2: legacy V1 NIC struct. */
    IPADDRESS(2),
    /** 4: tools build string. */
    BUILD_NUMBER(4),
    /** 5: full OS name. */
    OS_NAME_FULL(5),
    /** 6: guest OS id. */
    OS_NAME(6),
    /** 7: uptime in hundredths of a second. */
    UPTIME(7),
    /** 9: V2 NIC list, or V3 capped at 64 addresses per NIC. */
    IPADDRESS_V2(9),
    /** 10: V3 NIC info. */
    IPADDRESS_V3(10),
    /** 11: detailed OS data. */
    OS_DETAILED(11);

    private final int code;

    GuestInfoType(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }
}
