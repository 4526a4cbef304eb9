package io.github.guesttools.rpc.report;

import io.github.guesttools.rpc.internal.xdr.NicInfoV1;
import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.NicInfoLimits;

/** The NIC-info fallback chain of open-vm-tools ({@code GuestInfoSendNicInfo}), in order. */
enum NicInfoMethod {
    /** V3 as type 10. */
    V3(GuestInfoType.IPADDRESS_V3),
    /** V3 capped at 64 addresses per NIC, as type 9. */
    V3_CAPPED(GuestInfoType.IPADDRESS_V2),
    /** The V2 list as type 9. */
    V2(GuestInfoType.IPADDRESS_V2),
    /** The legacy V1 struct as type 2. */
    V1(GuestInfoType.IPADDRESS);

    final GuestInfoType type;

    NicInfoMethod(GuestInfoType type) {
        this.type = type;
    }

    byte[] encode(NicInfo info) {
        return switch (this) {
            case V3 -> NicInfoXdr.encodeV3(info);
            case V3_CAPPED -> NicInfoXdr.encodeV3(info.cappedAt(NicInfoLimits.V2_MAX_IPS));
            case V2 -> NicInfoXdr.encodeV2(info);
            case V1 -> NicInfoV1.encode(info);
        };
    }
}
