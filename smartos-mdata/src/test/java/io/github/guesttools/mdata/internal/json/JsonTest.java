package io.github.guesttools.mdata.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    @SuppressWarnings("unchecked")
    void parsesAllValueKindsKeepingKeyOrder() throws Exception {
        Object v = JsonReader.parse(
                " {\"z\": [1, -2.5e3, true, false, null], \"a\": \"x\\n\\u00e9\\ud83d\\ude00\", \"m\": {}} ");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("z", "a", "m");
        assertThat((List<Object>) m.get("z"))
                .containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null);
        assertThat(m.get("a")).isEqualTo("x\né\uD83D\uDE00");
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        for (String bad : new String[] {
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "+1",
            "\"a\nb\"",
            "'a'",
            "{\"a\":1,\"a\":2}",
            "[1] x",
            "nul",
            "{a:1}",
            "\"\\x\"",
            "\"\\u12\"",
            "[".repeat(300) + "]".repeat(300),
            "// c\n1"
        }) {
            assertThatThrownBy(() -> JsonReader.parse(bad)).as(bad).isInstanceOf(JsonException.class);
        }
    }

    @Test
    void writerRoundTripsIncludingLoneSurrogatesAndControls() throws Exception {
        String tricky = "a\u0000b\"\\\t\r\n\uDC80\uD83D\uDE00é\u001f";
        Object doc = JsonReader.parse("{\"k\": [\"v\", 12, 1.5, true, null, {}, []]}");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) doc;
        m.put("s", tricky);
        String text = JsonWriter.write(m);
        assertThat(text).contains("\\udc80").contains("\\u0000").doesNotContain("\uDC80");
        assertThat(JsonReader.parse(text)).isEqualTo(m);
        assertThat(JsonWriter.quote("x\"y")).isEqualTo("\"x\\\"y\"");
    }
}
