package io.github.guesttools.rpc.report;

import static io.github.guesttools.rpc.testing.SimulatedVm.resource;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.internal.xdr.NicInfoXdr;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SetGuestInfoTest {

    @Test
    void binaryValueHasTwoSpacesAndNoNul() throws Exception {
        byte[] body = NicInfoXdr.encodeV3(NicInfoXdr.decode(resource("guestinfo-nicinfo-v3.xdr")));
        assertThat(SetGuestInfo.binary(GuestInfoType.IPADDRESS_V2, body))
                .isEqualTo(resource("guestinfo-SetGuestInfo-rpci.bin"));
    }

    @Test
    void stringValueEndsWithNul() {
        assertThat(SetGuestInfo.string(GuestInfoType.UPTIME, "4242"))
                .isEqualTo("SetGuestInfo  7 4242\0".getBytes(StandardCharsets.ISO_8859_1));
    }
}
