package io.github.guesttools.mdata.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.internal.json.JsonReader;
import io.github.guesttools.mdata.vectors.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Crc32HexTest {
    @Test
    void matchesEveryVector() throws Exception {
        Map<?, ?> vectors = (Map<?, ?>) JsonReader.parse(Exchange.resource("crc32.json"));
        assertThat(vectors).hasSize(5);
        for (Map.Entry<?, ?> e : vectors.entrySet()) {
            byte[] input = ((String) e.getKey()).getBytes(StandardCharsets.US_ASCII);
            assertThat(Crc32Hex.of(input)).as("crc of '%s'", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void padsWithZerosAndUsesLowerCase() {
        assertThat(Crc32Hex.hex8(0)).isEqualTo("00000000");
        assertThat(Crc32Hex.hex8(0xABCL)).isEqualTo("00000abc");
        assertThat(Crc32Hex.hex8(0xFFFFFFFFL)).isEqualTo("ffffffff");
    }
}
