package io.github.guesttools.rpc.diskinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiskInfoEncoderTest {
    private static final long GIB = 1L << 30;

    @Test
    void goldenJsonOfTheProtocolDoc() {
        DiskInfo root = new DiskInfo("/", 5 * GIB, 20 * GIB, "ext4", List.of("scsi0:0"));
        assertThat(text(DiskInfoEncoder.json(List.of(root))))
                .isEqualTo("SetGuestDiskInfo {\n\"version\":\"1\",\n\"disks\":[\n"
                        + "{\"name\":\"Lw==\",\"free\":\"5368709120\",\"size\":\"21474836480\","
                        + "\"fstype\":\"ext4\",\"devices\":[\"scsi0:0\"]}\n]}\0");
    }

    @Test
    void goldenJsonTwoEntriesOptionalKeysOmitted() {
        List<DiskInfo> disks = List.of(
                new DiskInfo("/", 1, 2, "xfs", List.of("scsi0:0", "scsi0:1")),
                new DiskInfo("/boot", 3, 4, "", List.of()));
        assertThat(text(DiskInfoEncoder.json(disks)))
                .isEqualTo("SetGuestDiskInfo {\n\"version\":\"1\",\n\"disks\":[\n"
                        + "{\"name\":\"Lw==\",\"free\":\"1\",\"size\":\"2\",\"fstype\":\"xfs\","
                        + "\"devices\":[\"scsi0:0\",\"scsi0:1\"]},\n"
                        + "{\"name\":\"L2Jvb3Q=\",\"free\":\"3\",\"size\":\"4\"}\n]}\0");
    }

    @Test
    void goldenJsonWithoutDisks() {
        assertThat(text(DiskInfoEncoder.json(List.of())))
                .isEqualTo("SetGuestDiskInfo {\n\"version\":\"1\",\n\"disks\":[\n]}\0");
    }

    @Test
    void goldenLegacyBytesOfTheProtocolDoc() {
        byte[] b = DiskInfoEncoder.legacy(List.of(new DiskInfo("/", 5 * GIB, 20 * GIB, "ext4", List.of("scsi0:0"))));
        String hex = HexFormat.of().formatHex(b);
        assertThat(hex)
                .isEqualTo(
                        "5365744775657374496e666f20203320" // "SetGuestInfo  3 "
                                + "01" + "0000004001000000" + "0000000005000000" + "2f" + "00".repeat(99) + "0000");
        assertThat(b).hasSize(16 + 1 + 116 + 2);
    }

    @Test
    void longMountPointsAreCutTo99BytesInBothForms() {
        String longName = "/" + "a".repeat(150);
        byte[] legacy = DiskInfoEncoder.legacy(List.of(new DiskInfo(longName, 0, 0, "ext4", List.of())));
        byte[] field = java.util.Arrays.copyOfRange(legacy, 17 + 16, 17 + 116);
        assertThat(new String(field, 0, 99, StandardCharsets.UTF_8)).isEqualTo(longName.substring(0, 99));
        assertThat(field[99]).isZero();
        String json = text(DiskInfoEncoder.json(List.of(new DiskInfo(longName, 0, 0, "ext4", List.of()))));
        String b64 = java.util.Base64.getEncoder()
                .encodeToString(longName.substring(0, 99).getBytes(StandardCharsets.UTF_8));
        assertThat(json).contains("\"name\":\"" + b64 + "\"");
    }

    @Test
    void moreThan255FileSystemsAreCut() {
        List<DiskInfo> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(new DiskInfo("/m" + i, i, i, "ext4", List.of()));
        }
        byte[] legacy = DiskInfoEncoder.legacy(many);
        assertThat(legacy[16] & 0xFF).isEqualTo(255);
        assertThat(legacy).hasSize(16 + 1 + 116 * 255 + 2);
        assertThat(text(DiskInfoEncoder.json(many)))
                .contains("\"free\":\"254\"")
                .doesNotContain("\"free\":\"255\"");
    }

    @Test
    void jsonNeverExceedsTheRpciLimit() {
        List<DiskInfo> many = new ArrayList<>();
        for (int i = 0; i < 255; i++) {
            many.add(new DiskInfo(
                    "/" + "x".repeat(98),
                    Long.MAX_VALUE,
                    Long.MAX_VALUE,
                    "ext4",
                    List.of("scsi0:0", "scsi0:1", "scsi0:2", "scsi0:3", "scsi0:4", "scsi0:5", "scsi0:6")));
        }
        byte[] json = DiskInfoEncoder.json(many);
        assertThat(json.length).isLessThanOrEqualTo(DiskInfoEncoder.MAX_MESSAGE);
        assertThat(text(json)).endsWith("}\n]}\0");
    }

    @Test
    void legacyEntriesAreLittleEndian() {
        byte[] b = DiskInfoEncoder.legacy(List.of(new DiskInfo("/x", 0x0102030405060708L, 9, "ext4", List.of())));
        ByteBuffer buf = ByteBuffer.wrap(b, 17, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(buf.getLong()).isEqualTo(0x0102030405060708L);
        assertThat(buf.getLong()).isEqualTo(9);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
