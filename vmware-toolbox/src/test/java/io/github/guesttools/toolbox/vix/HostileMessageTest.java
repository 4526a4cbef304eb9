package io.github.guesttools.toolbox.vix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed framing, headers and bodies end as the right VIX code, never another exception. */
class HostileMessageTest {
    private static final byte[] DELETE_BODY =
            new TestMessages.Body().i32(0).i32(6).str("/tmp/a").build();

    private static int errorOf(byte[] relayed) {
        VixException e = catchThrowableOfType(
                VixException.class, () -> VixRequestDecoder.decode(VixMessageDecoder.decode(ByteBuffer.wrap(relayed))));
        assertThat(e).as("a VixException").isNotNull();
        return e.error();
    }

    private static byte[] deleteMessage() {
        return TestMessages.message(VixOp.DELETE_GUEST_FILE_EX, DELETE_BODY, TestMessages.credential("u", "p"), 1, 1);
    }

    private static byte[] patched(int offset, int value) {
        byte[] m = deleteMessage();
        ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return TestMessages.framed(m);
    }

    @Test
    void framingFaults() {
        assertThat(errorOf(new byte[0])).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf("reqname\0".getBytes())).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf("\"reqname".getBytes())).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf("\"reqname\" no nul".getBytes())).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
    }

    @Test
    void escapedQuotesInTheRequestName() throws VixException {
        byte[] m = deleteMessage();
        byte[] framed = new byte[m.length + 12];
        byte[] name = "\"a\\\"b\" x\0".getBytes();
        System.arraycopy(name, 0, framed, 0, name.length);
        System.arraycopy(m, 0, framed, name.length, m.length);
        assertThat(VixMessageDecoder.decode(ByteBuffer.wrap(framed, 0, name.length + m.length))
                        .requestName())
                .isEqualTo("a\"b");
    }

    @Test
    void truncatedHeaders() {
        byte[] m = deleteMessage();
        for (int n : new int[] {0, 1, 22, 23, 50, 51, 60, m.length - 1}) {
            assertThat(errorOf(TestMessages.framed(Arrays.copyOf(m, n))))
                    .as("%d bytes", n)
                    .isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        }
    }

    @Test
    void badHeaderFields() {
        assertThat(errorOf(patched(0, 0xD00D0002))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        byte[] v4 = deleteMessage();
        v4[4] = 4;
        assertThat(errorOf(TestMessages.framed(v4))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf(patched(6, 0xFFFFFFFF))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf(patched(6, 17 * 1024 * 1024))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf(patched(10, 52))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf(patched(10, 23))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf(patched(14, 0xFFFFFFF0))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        assertThat(errorOf(patched(18, 0x7FFFFFFF))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
        // Announcing auth data V1 that is not there breaks the length sum.
        assertThat(errorOf(patched(27, VixHeader.INCLUDES_AUTH_DATA_V1))).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
    }

    @Test
    void bodyShorterThanTheFixedStructIsAHeaderFault() {
        byte[] relayed = TestMessages.relayed(VixOp.LIST_FILES, new byte[27], new byte[0], 1, 1);
        assertThat(errorOf(relayed)).isEqualTo(VixError.INVALID_MESSAGE_HEADER);
    }

    @Test
    void lyingStringLengths() {
        for (int length : new int[] {7, 100, 0x7FFFFFFF, -1, 5}) {
            byte[] body =
                    new TestMessages.Body().i32(0).i32(length).str("/tmp/a").build();
            assertThat(errorOf(TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, body, new byte[0], 1, 1)))
                    .as("length %d", length)
                    .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        }
    }

    @Test
    void embeddedNulAndBadUtf8() {
        byte[] nul = new TestMessages.Body()
                .i32(0)
                .i32(6)
                .bytes("/t\0p/a\0".getBytes())
                .build();
        assertThat(errorOf(TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, nul, new byte[0], 1, 1)))
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        byte[] utf8 = new TestMessages.Body()
                .i32(0)
                .i32(2)
                .bytes(new byte[] {(byte) 0xC3, 0x28, 0})
                .build();
        assertThat(errorOf(TestMessages.relayed(VixOp.DELETE_GUEST_FILE_EX, utf8, new byte[0], 1, 1)))
                .isEqualTo(VixError.INVALID_UTF8_STRING);
    }

    @Test
    void lyingArrayLengths() {
        byte[] env = new TestMessages.Body()
                .i32(3)
                .i32(10)
                .bytes("HOME\0PATH\0".getBytes())
                .build();
        assertThat(errorOf(TestMessages.relayed(VixOp.READ_ENV_VARIABLES, env, new byte[0], 1, 1)))
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        byte[] trailing = new TestMessages.Body()
                .i32(1)
                .i32(10)
                .bytes("HOME\0PATH\0".getBytes())
                .build();
        assertThat(errorOf(TestMessages.relayed(VixOp.READ_ENV_VARIABLES, trailing, new byte[0], 1, 1)))
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        byte[] pids =
                new TestMessages.Body().i32(0).i32(0).i32(0x40000000).i64(1).build();
        assertThat(errorOf(TestMessages.relayed(VixOp.LIST_PROCESSES_EX, pids, new byte[0], 1, 1)))
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        byte[] hgfs = new TestMessages.Body()
                .i32(0xFFFFFFFF)
                .i32(0)
                .bytes(new byte[10])
                .build();
        assertThat(errorOf(TestMessages.relayed(VixOp.HGFS_SEND_PACKET, hgfs, new byte[0], 1, 0x81)))
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        byte[] temp = new TestMessages.Body()
                .i32(0)
                .i32(1)
                .i32(1)
                .i32(1)
                .i32(0)
                .str("a")
                .str("b")
                .str("c")
                .u8(9)
                .build();
        assertThat(errorOf(TestMessages.relayed(VixOp.CREATE_TEMPORARY_FILE_EX, temp, new byte[0], 1, 1)))
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
    }

    @Test
    void garbageOf64KiB() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[65536];
            random.nextBytes(garbage);
            // Sometimes a valid prefix so the header checks are passed and the body is garbage.
            if (i % 2 == 0) {
                ByteBuffer.wrap(garbage)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(0, VixHeader.MAGIC)
                        .putShort(4, (short) 5)
                        .putInt(6, 65536)
                        .putInt(10, 51)
                        .putInt(14, 65536 - 51)
                        .putInt(18, 0)
                        .putInt(23, 177 + i % 19)
                        .putInt(27, 0);
            }
            byte[] relayed = TestMessages.framed(garbage);
            // Some fixed-size ops (e.g. TerminateProcess) legitimately decode from random bytes.
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                    () -> VixRequestDecoder.decode(VixMessageDecoder.decode(ByteBuffer.wrap(relayed))));
            if (t != null) {
                assertThat(t).isInstanceOf(VixException.class);
                assertThat(((VixException) t).error())
                        .isIn(
                                VixError.INVALID_MESSAGE_HEADER,
                                VixError.INVALID_MESSAGE_BODY,
                                VixError.INVALID_UTF8_STRING);
            } else {
                assertThat(i % 2).isZero();
            }
        }
    }

    @Test
    void credentialFaults() {
        assertThat(catchThrowableOfType(
                                VixException.class,
                                () -> UserCredential.decode(9, ByteBuffer.wrap(TestMessages.credential("u", "p"))))
                        .error())
                .isEqualTo(VixError.AUTHENTICATION_FAIL);
        byte[] lying = TestMessages.credential("user", "pass");
        lying[0] = 3;
        byte[] noNul = Arrays.copyOf(lying, lying.length - 1);
        byte[] notBase64 = TestMessages.credential("user", "pass");
        notBase64[9] = '*';
        for (byte[] bad : new byte[][] {lying, noNul, notBase64, new byte[3], new byte[0]}) {
            assertThat(catchThrowableOfType(VixException.class, () -> UserCredential.decode(1, ByteBuffer.wrap(bad)))
                            .error())
                    .isEqualTo(VixError.INVALID_LOGIN_CREDENTIALS);
        }
    }
}
