package io.github.guesttools.mdata.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.internal.json.JsonReader;
import io.github.guesttools.mdata.internal.protocol.Crc32Hex;
import io.github.guesttools.mdata.internal.protocol.PutPayload;
import io.github.guesttools.mdata.internal.protocol.V2Frame;
import io.github.guesttools.mdata.internal.protocol.V2FrameCodec;
import io.github.guesttools.mdata.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent.js rules, through the line protocol (codec + handler + store on a real file). */
class HostRulesTest {
    @TempDir
    Path dir;

    Path file;
    LineProtocol protocol;
    LineProtocol silent;

    @BeforeEach
    void setUp() throws Exception {
        file = Fixtures.copy("full-metadata.json", dir);
        MetadataStore store = MetadataStore.load(file, 64);
        protocol = new LineProtocol(new RequestHandler(store), false);
        silent = new LineProtocol(new RequestHandler(store), true);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String v1(String line) {
        return new String(protocol.reply(ascii(line), false), StandardCharsets.ISO_8859_1);
    }

    /** Sends a V2 request and returns "CODE payload-as-text" of the reply. */
    private String v2(String code, byte[] payload) throws Exception {
        byte[] line = V2FrameCodec.encode(V2Frame.of("0badcafe", code, payload));
        byte[] reply = protocol.reply(java.util.Arrays.copyOf(line, line.length - 1), false);
        V2Frame f = V2FrameCodec.decode(reply, 0, reply.length - 1);
        assertThat(f.requestId()).isEqualTo("0badcafe");
        return f.code() + (f.payload() == null ? "" : " " + new String(f.payloadBytes(), StandardCharsets.UTF_8));
    }

    private String get(String key) throws Exception {
        return v2("GET", ascii(key));
    }

    private String put(String key, String value) throws Exception {
        return v2(
                "PUT", PutPayload.encode(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void v1LinesFollowTheAgent() {
        assertThat(v1("")).isEqualTo("invalid command\n");
        assertThat(v1("   ")).isEqualTo("invalid command\n");
        assertThat(v1(" GET hostname")).isEqualTo("invalid command\n");
        assertThat(v1("GET")).isEqualTo("invalid command\n");
        assertThat(v1("NEGOTIATE")).isEqualTo("invalid command\n");
        assertThat(v1("NEGOTIATE V2")).isEqualTo("V2_OK\n");
        assertThat(v1("NEGOTIATE V3")).isEqualTo("FAILURE\n");
        assertThat(v1("GET  hostname \r")).isEqualTo("SUCCESS\nweb01\n.\n");
        assertThat(v1("GET missing")).isEqualTo("NOTFOUND\n");
        assertThat(v1("GET obj")).isEqualTo("FAILURE\n");
        assertThat(v1("GET count")).isEqualTo("SUCCESS\n42\n.\n");
        assertThat(v1("GET empty")).isEqualTo("SUCCESS\n\n.\n");
        assertThat(v1("PUT a b")).isEqualTo("FAILURE\n");
        assertThat(v1("DELETE hostname")).isEqualTo("FAILURE\n");
        assertThat(v1("FROB")).isEqualTo("FAILURE\n");
    }

    @Test
    void keysFollowTheNamespaceTestOfSmartos() {
        // smartos-live test-internal_metadata_namespaces.js: customer keys (minus namespaced and _pw),
        // then internal _pw and namespaced keys; never sdc:, never "hidden".
        assertThat(v1("KEYS"))
                .isEqualTo("SUCCESS\nbar:foo\nuser-script\nempty\nhostname\ncount\nflag\nobj\n"
                        + "nothing\nfoo:bar\nroot_pw\n.\n");
    }

    @Test
    void getRouting() throws Exception {
        assertThat(get("bar:foo")).isEqualTo("SUCCESS customer");
        assertThat(get("foo:bar")).isEqualTo("SUCCESS internal");
        assertThat(get("root_pw")).isEqualTo("SUCCESS s3cret");
        assertThat(get("hidden")).isEqualTo("NOTFOUND");
        assertThat(get("nothing")).isEqualTo("NOTFOUND");
        assertThat(get("empty")).isEqualTo("SUCCESS");
        assertThat(get("flag")).isEqualTo("SUCCESS true");
        assertThat(get("obj")).isEqualTo("FAILURE");
        assertThat(get(" hostname ")).isEqualTo("SUCCESS web01");
    }

    @Test
    void sdcKeys() throws Exception {
        assertThat(get("sdc:uuid")).isEqualTo("SUCCESS 8b7d1fd0-6b39-4b7e-9ec5-5c7a7d8d0b9e");
        assertThat(get("sdc:hostname")).isEqualTo("SUCCESS web01");
        assertThat(get("sdc:ram")).isEqualTo("SUCCESS 1024");
        assertThat(get("sdc:do_not_inventory")).isEqualTo("SUCCESS false");
        assertThat(get("sdc:tmpfs")).isEqualTo("SUCCESS 512");
        assertThat(get("sdc:resolvers")).isEqualTo("SUCCESS [\"8.8.8.8\",\"8.8.4.4\"]");
        assertThat(get("sdc:resolvers.1")).isEqualTo("SUCCESS 8.8.4.4");
        assertThat(get("sdc:nics.0.mac")).isEqualTo("SUCCESS 90:b8:d0:aa:bb:01");
        assertThat(get("sdc:tags")).isEqualTo("FAILURE");
        assertThat(get("sdc:tags.role")).isEqualTo("SUCCESS web");
        assertThat(get("sdc:tags.a.b")).isEqualTo("SUCCESS dotted");
        assertThat(get("sdc:operator-script")).isEqualTo("SUCCESS #!/bin/sh\necho operator\n");
        assertThat(get("sdc:volumes")).isEqualTo("SUCCESS []");
        assertThat(get("sdc:state")).isEqualTo("NOTFOUND");
        assertThat(get("sdc:internal_metadata.root_pw")).isEqualTo("NOTFOUND");
        assertThat(get("sdc:customer_metadata")).isEqualTo("NOTFOUND");
        assertThat(get("sdc:nope")).isEqualTo("NOTFOUND");
        String nics = get("sdc:nics").substring("SUCCESS ".length());
        assertThat(JsonReader.parse(nics)).isInstanceOf(java.util.List.class);
        assertThat(get("sdc:routes"))
                .isEqualTo("SUCCESS ["
                        + "{\"linklocal\":false,\"dst\":\"10.1.0.0/16\",\"gateway\":\"10.0.0.254\"},"
                        + "{\"linklocal\":true,\"dst\":\"172.16.0.0/12\",\"gateway\":\"192.168.5.5\"},"
                        + "{\"linklocal\":true,\"dst\":\"172.20.0.0/16\",\"gateway\":\"10.0.0.5\"}]");
    }

    @Test
    void writesFollowTheRulesAndPersistAtomically() throws Exception {
        assertThat(put("sdc:foo", "x")).isEqualTo("FAILURE Cannot update the \"sdc\" Namespace.");
        assertThat(put("foo:qux", "value")).isEqualTo("FAILURE Cannot update the \"foo\" Namespace.");
        assertThat(v2("DELETE", ascii("foo:bar"))).isEqualTo("FAILURE Cannot update the \"foo\" Namespace.");
        assertThat(put("operator-script", "#!/bin/sh\nevil")).startsWith("FAILURE Cannot update");
        assertThat(put("quux:qux", "value")).isEqualTo("SUCCESS OK");
        assertThat(put("admin_pw", "pw")).isEqualTo("SUCCESS OK");
        assertThat(v2("DELETE", ascii("user-script"))).isEqualTo("SUCCESS OK");
        assertThat(v2("DELETE", ascii("never-there"))).isEqualTo("SUCCESS OK");
        assertThat(put("big", "x".repeat(65))).startsWith("FAILURE Value too large");

        Map<?, ?> doc = (Map<?, ?>) JsonReader.parse(Files.readString(file));
        Map<?, ?> customer = (Map<?, ?>) doc.get("customer_metadata");
        Map<?, ?> internal = (Map<?, ?>) doc.get("internal_metadata");
        assertThat(customer.get("quux:qux")).isEqualTo("value");
        assertThat(customer.containsKey("user-script")).isFalse();
        assertThat(customer.get("foo:bar")).isEqualTo("customer");
        assertThat(internal.get("admin_pw")).isEqualTo("pw");
        assertThat(internal.get("foo:bar")).isEqualTo("internal");
        assertThat(internal.get("operator-script")).isEqualTo("#!/bin/sh\necho operator\n");
        try (Stream<Path> files = Files.list(dir)) {
            // no temporary file left behind; the lock file stays, shared with the operator's tools
            assertThat(files).containsExactlyInAnyOrder(file, dir.resolve("full-metadata.json.lock"));
        }
        // A fresh store reads back what was written.
        MetadataStore reloaded = MetadataStore.load(file, 64);
        assertThat(((Lookup.Found) reloaded.get("quux:qux")).value()).isEqualTo(ascii("value"));
    }

    @Test
    void v2RequestErrors() throws Exception {
        assertThat(v2("GET", new byte[0])).isEqualTo("FAILURE Invalid GET Request");
        assertThat(v2("DELETE", new byte[0])).isEqualTo("FAILURE Invalid DELETE Request");
        assertThat(v2("PUT", ascii("a2V5 "))).isEqualTo("FAILURE Invalid PUT Request");
        assertThat(v2("PUT", ascii("not base64 at all"))).isEqualTo("FAILURE Invalid PUT Request");
        assertThat(v2("NEGOTIATE", ascii("V2"))).isEqualTo("FAILURE Unknown command NEGOTIATE");
        assertThat(v2("KEYS", new byte[0])).startsWith("SUCCESS bar:foo\n");
    }

    @Test
    void malformedFramesGetAReplyUnlessSilent() throws Exception {
        String body = "0badcafe GET " + Base64.getEncoder().encodeToString(ascii("hostname"));
        String crc = Crc32Hex.of(ascii(body));
        String badCrc = "V2 " + body.length() + " " + (crc.startsWith("0") ? "1" : "0") + crc.substring(1) + " " + body;
        String reply = new String(protocol.reply(ascii(badCrc), false), StandardCharsets.US_ASCII);
        V2Frame f = V2FrameCodec.decode(ascii(reply), 0, reply.length() - 1);
        assertThat(f.requestId()).isEqualTo("0badcafe");
        assertThat(f.code()).isEqualTo("FAILURE");
        assertThat(new String(f.payloadBytes(), StandardCharsets.US_ASCII)).startsWith("Invalid frame: checksum");
        String upper = "V2 " + body.length() + " " + crc.toUpperCase() + " " + body;
        assertThat(new String(protocol.reply(ascii(upper), false), StandardCharsets.US_ASCII))
                .isEqualTo("invalid command\n");
        String wrongLength = "V2 " + (body.length() + 1) + " " + crc + " " + body;
        assertThat(new String(protocol.reply(ascii(wrongLength), false), StandardCharsets.US_ASCII))
                .contains(" 0badcafe FAILURE ");
        assertThat(protocol.reply(ascii("V2 garbage"), false)).isEqualTo(ascii("invalid command\n"));
        assertThat(silent.reply(ascii(badCrc), false)).isNull();
        assertThat(silent.reply(ascii("V2 garbage"), false)).isNull();
        // A CR before the LF is tolerated, as by the agent.
        assertThat(new String(
                        protocol.reply(ascii("V2 " + body.length() + " " + crc + " " + body + "\r"), false),
                        StandardCharsets.US_ASCII))
                .contains(" 0badcafe SUCCESS ");
    }

    /**
     * A frame whose length and CRC are right but whose payload is not base64 is not malformed: the
     * host answers (spec section 8, step 5), also in the silent mode; before, it was dropped and the
     * client waited 45 s.
     */
    @Test
    void aSoundFrameWithAPayloadThatIsNotBase64IsAnswered() throws Exception {
        for (String payload : List.of("!!!!", "a-b_c", "Zm9v$")) {
            String body = "0badcafe GET " + payload;
            String line =
                    "V2 " + body.length() + " " + Crc32Hex.of(body.getBytes(StandardCharsets.ISO_8859_1)) + " " + body;
            for (LineProtocol p : List.of(protocol, silent)) {
                byte[] raw = p.reply(line.getBytes(StandardCharsets.ISO_8859_1), false);
                assertThat(raw).as(payload).isNotNull();
                String reply = new String(raw, StandardCharsets.US_ASCII);
                V2Frame f = V2FrameCodec.decode(ascii(reply), 0, reply.length() - 1);
                assertThat(f.requestId()).isEqualTo("0badcafe");
                assertThat(f.code()).isEqualTo("FAILURE");
                assertThat(new String(f.payloadBytes(), StandardCharsets.US_ASCII))
                        .isEqualTo("Invalid GET Request");
            }
        }
    }

    @Test
    void oversizedLinesAreAnsweredNotBuffered() {
        String prefix = "V2 99999999 01234567 0badcafe PUT ";
        byte[] truncated = ascii(prefix + "Q".repeat(128 - prefix.length()));
        String reply = new String(protocol.reply(truncated, true), StandardCharsets.US_ASCII);
        assertThat(reply).contains(" 0badcafe FAILURE ");
        // Too long is not malformed: answered in the default (silent) mode as well.
        assertThat(new String(silent.reply(truncated, true), StandardCharsets.US_ASCII))
                .contains(" 0badcafe FAILURE ");
        assertThat(new String(protocol.reply(ascii("GET " + "k".repeat(124)), true), StandardCharsets.US_ASCII))
                .isEqualTo("FAILURE\n");
    }

    @Test
    void binaryValuesSurviveTheStoreByteForByte() throws Exception {
        byte[] value = {0, (byte) 0xff, (byte) 0xc3, '\r', '\n', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'a'};
        assertThat(v2("PUT", PutPayload.encode(ascii("bin"), value))).isEqualTo("SUCCESS OK");
        byte[] line = V2FrameCodec.encode(V2Frame.of("01", "GET", ascii("bin")));
        byte[] reply = protocol.reply(java.util.Arrays.copyOf(line, line.length - 1), false);
        assertThat(V2FrameCodec.decode(reply, 0, reply.length - 1).payloadBytes())
                .isEqualTo(value);
        MetadataStore reloaded = MetadataStore.load(file, 64);
        assertThat(((Lookup.Found) reloaded.get("bin")).value()).isEqualTo(value);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\\u0000\\udcff\\udcc3\\r\\n");
    }

    @Test
    void v1OnlyHostRefusesNegotiationAndFrames() throws Exception {
        LineProtocol old = new LineProtocol(new RequestHandler(MetadataStore.load(file, 64)), false, true);
        assertThat(old.reply(ascii("NEGOTIATE V2"), false)).isEqualTo(ascii("FAILURE\n"));
        assertThat(old.reply(ascii("GET hostname"), false)).isEqualTo(ascii("SUCCESS\nweb01\n.\n"));
        byte[] frame = V2FrameCodec.encode(V2Frame.of("01", "GET", ascii("hostname")));
        assertThat(old.reply(java.util.Arrays.copyOf(frame, frame.length - 1), false))
                .isEqualTo(ascii("FAILURE\n"));
    }
}
