package io.github.guesttools.toolbox.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.guesttools.backdoor.simulator.GuestlibHost;
import io.github.guesttools.backdoor.simulator.VmxSimulator;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code guestlib.info.get 3} replies: golden bytes, the simulator's encoding, and hostile replies. */
class GuestLibInfoTest {
    private static final HexFormat HEX = HexFormat.of();
    /** version 3 (LE), session 0x1122334455667788 (LE), data size 32 (LE). */
    private static final String HEADER_32 = "03000000" + "8877665544332211" + "20000000";
    /** count 2; stat 1 valid u32 1500; stat 2 not valid u32 0 (XDR, big-endian). */
    private static final String TWO_STATS =
            "00000002" + "00000001" + "00000001" + "000005dc" + "00000002" + "00000000" + "00000000";

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    @Test
    void goldenReply() throws Exception {
        GuestLibInfo info = GuestLibInfo.decode(hex(HEADER_32 + TWO_STATS + "00000000"));
        assertThat(info.sessionId()).isEqualTo(0x1122334455667788L);
        assertThat(info.stats())
                .containsExactly(
                        new GuestLibInfo.Stat(1, true, 1500, Optional.empty()),
                        new GuestLibInfo.Stat(2, false, 0, Optional.empty()));
        assertThat(info.stat(GuestLibInfo.MEM_BALLOONED_MB))
                .as("not sent by this host")
                .isEmpty();
    }

    @Test
    void everyStatisticOfTheSimulatorsEncoding() throws Exception {
        GuestlibHost host = new GuestlibHost(new VmxSimulator());
        host.setSessionId(-2);
        host.set(4, 1L << 40); // 64-bit
        host.set(12, 77);
        host.setText(18, "/pool/ü"); // 8 UTF-8 bytes: padding 0
        host.setText(37, "/long/x"); // 7 bytes: padding 1
        host.set(38, Long.MAX_VALUE);
        GuestLibInfo info = GuestLibInfo.decode(host.encode());
        assertThat(info.sessionId()).isEqualTo(-2);
        assertThat(info.stats()).hasSize(38);
        assertThat(info.stat(4)).contains(new GuestLibInfo.Stat(4, true, 1L << 40, Optional.empty()));
        assertThat(info.stat(12).orElseThrow().value()).isEqualTo(77);
        assertThat(info.stat(18).orElseThrow().text()).contains("/pool/ü");
        assertThat(info.stat(37).orElseThrow().text()).contains("/long/x");
        assertThat(info.stat(38).orElseThrow().value()).isEqualTo(Long.MAX_VALUE);
        assertThat(info.stat(13).orElseThrow().valid()).isFalse();
    }

    @Test
    void aLongerListIsCutAtTheLastKnownId() throws Exception {
        GuestlibHost host = new GuestlibHost(new VmxSimulator());
        byte[] all = host.encode();
        all[16 + 3] = (byte) 0xff; // count 255 (XDR), the 38 stats still there
        assertThat(GuestLibInfo.decode(all).stats()).hasSize(GuestLibInfo.MAX_ID);
    }

    @Test
    void hostileRepliesAreClearErrors() {
        assertBad("", "shorter than the 16-byte header");
        assertBad("03000000" + "0000000000000000", "shorter than the 16-byte header");
        assertBad("02000000" + "0000000000000000" + "00000000", "version 2, not 3");
        assertBad("ffffffff" + "0000000000000000" + "00000000", "version 4294967295, not 3");
        assertBad(
                "03000000" + "0000000000000000" + "ffffffff" + "00000000", "data size 4294967295 exceeds the 4 bytes");
        assertBad("03000000" + "0000000000000000" + "00000000", "reply ends before the statistics count");
        // a huge count with nothing behind it: no allocation by count, an error at the first missing statistic
        assertBad("03000000" + "0000000000000000" + "04000000" + "ffffffff", "reply ends before the id of statistic 1");
        assertBad(
                HEADER_32 + "00000002" + "00000002" + "00000001" + "000005dc" + "0000000000000000" + "0000000000000000",
                "statistic 1 has id 2");
        assertBad(
                HEADER_32 + "00000002" + "00000001" + "00000007" + "000005dc" + "0000000000000000" + "0000000000000000",
                "statistic 1 has valid flag 7");
        assertBad(
                "03000000" + "0000000000000000" + "0c000000" + "00000001" + "00000001" + "00000001",
                "reply ends before the value of statistic 1");
        // statistic 4 is 64-bit: only 4 bytes of it
        StringBuilder three = new StringBuilder("00000004");
        for (int id = 1; id <= 3; id++) {
            three.append(String.format("%08x", id)).append("00000001").append("00000001");
        }
        three.append("00000004").append("00000001").append("00000001");
        String data = three.toString();
        assertBad(
                "03000000" + "0000000000000000" + String.format("%02x000000", data.length() / 2) + data,
                "reply ends before the value of statistic 4");
    }

    @Test
    void lyingStringLengthsAreCaught() {
        StringBuilder s = new StringBuilder();
        for (int id = 1; id <= 17; id++) {
            s.append(String.format("%08x", id)).append("00000001");
            s.append(id == 4 || id == 17 ? "0000000000000001" : "00000001");
        }
        String upTo17 = s.toString();
        String huge = upTo17 + "00000012" + "00000001" + "fffffff0";
        assertBad(withHeader("00000012" + huge), "statistic 18 is 4294967280 bytes, more than 512");
        String over = upTo17 + "00000012" + "00000001" + "00000201" + "00".repeat(516);
        assertBad(withHeader("00000012" + over), "statistic 18 is 513 bytes, more than 512");
        String past = upTo17 + "00000012" + "00000001" + "00000010" + "41424344";
        assertBad(withHeader("00000012" + past), "statistic 18 claims 16 bytes; 4 remain");
    }

    private static String withHeader(String data) {
        return "03000000" + "0000000000000000" + String.format("%08x", Integer.reverseBytes(data.length() / 2)) + data;
    }

    private static void assertBad(String hex, String message) {
        assertThatThrownBy(() -> GuestLibInfo.decode(hex(hex)))
                .isInstanceOf(GuestLibInfo.FormatException.class)
                .hasMessageContaining(message);
    }
}
