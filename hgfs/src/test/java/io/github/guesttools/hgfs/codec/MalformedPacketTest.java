package io.github.guesttools.hgfs.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Short and lying packets give a typed protocol error, never a runtime exception. */
class MalformedPacketTest {

    @Test
    void everyTruncationOfEveryCapturedRequestIsATypedErrorOrDecodes() throws Exception {
        for (String name : GoldenPacketTest.NAMES) {
            byte[] full = GoldenPacketTest.load(name);
            for (int len = 0; len < full.length; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                // the header still claims the full size: a lying packetSize
                assertThatThrownBy(() -> GoldenPacketTest.decode(name, cut))
                        .as("%s cut at %d", name, len)
                        .isInstanceOf(HgfsProtocolException.class);
            }
        }
    }

    @Test
    void packetSizeFixedUpButPayloadCutIsAProtocolError() throws Exception {
        for (String name : GoldenPacketTest.NAMES) {
            byte[] full = GoldenPacketTest.load(name);
            for (int len = HgfsHeader.SIZE; len < full.length - 1; len++) {
                byte[] cut = Arrays.copyOf(full, len);
                LittleEndian.putInt(cut, 8, len);
                try {
                    GoldenPacketTest.decode(name, cut);
                } catch (HgfsProtocolException e) {
                    assertThat(e.status()).isEqualTo(HgfsStatus.PROTOCOL_ERROR);
                }
            }
        }
    }

    @Test
    void lyingNameLengthIsRejected() throws Exception {
        byte[] p = GoldenPacketTest.load("03-RequestGetattrV2");
        LittleEndian.putInt(p, HgfsHeader.SIZE + 8 + 8 + 4, 0xFFFFFFF0);
        HgfsProtocolException e = catchThrowableOfType(HgfsProtocolException.class, () -> HgfsCodec.decodeRequest(p));
        assertThat(e.status()).isEqualTo(HgfsStatus.PROTOCOL_ERROR);
        assertThat(e.getMessage()).contains("name length");
    }

    @Test
    void lyingCapabilityCountIsRejected() throws Exception {
        byte[] p = GoldenPacketTest.load("01-RequestCreateSessionV4");
        LittleEndian.putInt(p, HgfsHeader.SIZE, 0x7FFFFFFF);
        assertThatThrownBy(() -> HgfsCodec.decodeRequest(p)).isInstanceOf(HgfsProtocolException.class);
    }

    @Test
    void headerSizeBeyondPacketAndLegacyHeaderAreRejected() throws Exception {
        byte[] p = GoldenPacketTest.load("07-RequestReadV3");
        LittleEndian.putInt(p, 12, 200);
        assertThatThrownBy(() -> HgfsCodec.decodeRequest(p)).isInstanceOf(HgfsProtocolException.class);
        byte[] legacy = GoldenPacketTest.load("07-RequestReadV3");
        LittleEndian.putInt(legacy, 4, 25);
        HgfsProtocolException e =
                catchThrowableOfType(HgfsProtocolException.class, () -> HgfsCodec.decodeRequest(legacy));
        assertThat(e.status()).isEqualTo(HgfsStatus.OPERATION_NOT_SUPPORTED);
    }

    @Test
    void writeDataIsCappedByTheBytesPresent() throws Exception {
        byte[] p = GoldenPacketTest.load("17-RequestWriteV3");
        LittleEndian.putInt(p, HgfsHeader.SIZE + 13, 1_000_000);
        HgfsMessage.WriteV3Request w =
                (HgfsMessage.WriteV3Request) HgfsCodec.decodeRequest(p).message();
        assertThat(w.data().remaining()).isEqualTo(70);
    }

    @Test
    void cpNames() throws Exception {
        assertThat(CpName.ofPath("/etc/hosts").toString()).isEqualTo("root|etc|hosts");
        assertThat(CpName.ofBytes("root\0\0tmp\0\0a".getBytes()).toPath()).isEqualTo("/tmp/a");
        assertThat(CpName.ofBytes("root".getBytes()).toPath()).isEqualTo("/");
        assertThat(catchThrowableOfType(
                                HgfsProtocolException.class,
                                () -> CpName.ofBytes("root\0..\0etc".getBytes()).toPath())
                        .status())
                .isEqualTo(HgfsStatus.INVALID_NAME);
        assertThat(catchThrowableOfType(
                                HgfsProtocolException.class,
                                () -> CpName.ofBytes("C:\0etc".getBytes()).toPath())
                        .status())
                .isEqualTo(HgfsStatus.NO_SUCH_FILE_OR_DIR);
    }
}
