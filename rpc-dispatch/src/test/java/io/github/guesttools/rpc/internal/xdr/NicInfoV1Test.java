package io.github.guesttools.rpc.internal.xdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.nicinfo.IpAddressEntry;
import io.github.guesttools.rpc.nicinfo.Nic;
import io.github.guesttools.rpc.nicinfo.NicInfo;
import io.github.guesttools.rpc.nicinfo.TypedAddress;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NicInfoV1Test {

    @Test
    void layoutOfTheLegacyStruct() throws Exception {
        List<IpAddressEntry> ips = new ArrayList<>();
        ips.add(new IpAddressEntry(TypedAddress.of(InetAddress.getByName("fe80::1")), 64, null, 5));
        for (int i = 1; i <= 10; i++) {
            ips.add(new IpAddressEntry(TypedAddress.of(InetAddress.getByName("10.0.0." + i)), 24, null, 1));
        }
        NicInfo info = new NicInfo(
                List.of(
                        new Nic("00:50:56:aa:bb:cc", ips),
                        new Nic(
                                "00:50:56:00:00:01",
                                List.of(new IpAddressEntry(
                                        TypedAddress.of(InetAddress.getByName("255.255.255.255")), 32, null, 1)))),
                List.of(),
                null);
        byte[] b = NicInfoV1.encode(info);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b).hasSize(2436);
        assertThat(le.getInt(0)).isEqualTo(2);
        assertThat(le.getInt(4)).as("IPv4 only, at most 8").isEqualTo(8);
        assertThat(text(b, 8, 19)).isEqualTo("00-50-56-aa-bb-cc");
        assertThat(text(b, 8 + 19, 16)).isEqualTo("10.0.0.1");
        assertThat(text(b, 8 + 19 + 7 * 16, 16)).isEqualTo("10.0.0.8");
        assertThat(le.getInt(4 + 152)).isEqualTo(1);
        assertThat(text(b, 4 + 152 + 4 + 19, 16)).isEqualTo("255.255.255.255");
        for (int i = 4 + 2 * 152; i < b.length; i++) {
            assertThat(b[i]).isZero();
        }
    }

    private static String text(byte[] b, int off, int max) {
        int end = off;
        while (end < off + max && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }
}
