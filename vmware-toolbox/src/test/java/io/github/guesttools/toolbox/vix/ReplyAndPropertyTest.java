package io.github.guesttools.toolbox.vix;

import static io.github.guesttools.toolbox.vix.TestMessages.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.guesttools.process.xml.VixEscape;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyAndPropertyTest {

    @Test
    void textBinaryAndErrorReplies() {
        assertThat(VixReplyEncoder.encode(VixReply.ok("1234"))).isEqualTo("OK 0 0 1234\0".getBytes());
        assertThat(VixReplyEncoder.encode(VixReply.error(4, 2))).isEqualTo("OK 4 2 \0".getBytes());
        assertThat(VixReplyEncoder.encode(VixReply.error(3025, 0))).isEqualTo(resource("tclo-rep-UnknownOp9999.bin"));
        assertThat(VixReplyEncoder.encode(VixReply.binary(ByteBuffer.wrap(new byte[] {1, 0, 2}))))
                .isEqualTo("OK 0 0 #\1\0\2".getBytes());
    }

    @Test
    void oversizedReplyBecomesAnError() {
        String big = "x".repeat(VixReplyEncoder.MAX_REPLY_SIZE);
        assertThat(VixReplyEncoder.encode(VixReply.ok(big))).isEqualTo("OK 1 0 \0".getBytes());
        String fits = "x".repeat(VixReplyEncoder.MAX_REPLY_SIZE - "OK 0 0 ".length() - 1);
        assertThat(VixReplyEncoder.encode(VixReply.ok(fits))).hasSize(VixReplyEncoder.MAX_REPLY_SIZE);
    }

    @Test
    void escapesExactlySixBytes() {
        assertThat(VixEscape.escape("a\"b%c&d'e<f>g äß/\\")).isEqualTo("a%22b%25c%26d%27e%3Cf%3Eg äß/\\");
        String plain = "plain";
        assertThat(VixEscape.escape(plain)).isSameAs(plain);
    }

    @Test
    void capturedToolsStateRoundTrips() throws VixException {
        byte[] captured = resource("vix-toolsstate-properties-vmtoolsd.bin");
        List<Property> props = PropertyListCodec.decode(ByteBuffer.wrap(captured));
        assertThat(props.get(0)).isEqualTo(new Property.StringValue(4503, "Linux 4.4.0-21-generic Ubuntu 16.04 LTS"));
        assertThat(props.get(5)).isEqualTo(new Property.IntValue(4501, 1));
        assertThat(props.get(7)).isEqualTo(new Property.StringValue(4504, ""));
        assertThat(props.subList(11, props.size()))
                .allSatisfy(p -> assertThat(p)
                        .isInstanceOf(Property.BoolValue.class)
                        .isEqualTo(new Property.BoolValue(p.id(), false)));
        assertThat(PropertyListCodec.encode(props)).isEqualTo(captured);
        List<Property> others = List.of(
                new Property.Int64Value(1, -5),
                new Property.BlobValue(2, ByteBuffer.wrap("blob".getBytes(StandardCharsets.US_ASCII))));
        assertThat(PropertyListCodec.decode(ByteBuffer.wrap(PropertyListCodec.encode(others))))
                .isEqualTo(others);
    }

    @Test
    void malformedPropertyLists() {
        byte[] handle = {1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0};
        assertThat(catchThrowableOfType(VixException.class, () -> PropertyListCodec.decode(ByteBuffer.wrap(handle)))
                        .error())
                .isEqualTo(VixError.UNRECOGNIZED_PROPERTY);
        byte[] lying = {1, 0, 0, 0, 2, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 0, 0, 'a', 0};
        assertThat(catchThrowableOfType(VixException.class, () -> PropertyListCodec.decode(ByteBuffer.wrap(lying)))
                        .error())
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
        byte[] shortInt = {1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0};
        assertThat(catchThrowableOfType(VixException.class, () -> PropertyListCodec.decode(ByteBuffer.wrap(shortInt)))
                        .error())
                .isEqualTo(VixError.INVALID_MESSAGE_BODY);
    }

    @Test
    void errnoTranslation() {
        assertThat(VixError.fromErrno(Errno.ENOENT)).isEqualTo(VixError.FILE_NOT_FOUND);
        assertThat(VixError.fromErrno(Errno.EACCES)).isEqualTo(VixError.FILE_ACCESS_ERROR);
        assertThat(VixError.fromErrno(Errno.ENOTEMPTY)).isEqualTo(VixError.DIRECTORY_NOT_EMPTY);
        assertThat(VixError.fromErrno(Errno.EROFS)).isEqualTo(VixError.FILE_ERROR);
        assertThat(VixError.fromErrno(9999)).isEqualTo(VixError.FAIL);
    }
}
