package io.github.guesttools.toolbox.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TourTest {
    @Test
    void everyStepOfTheTourSucceeds() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = TourMain.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        assertThat(out)
                .contains(
                        "< OK ATR toolbox",
                        "< hello from the host",
                        "< hello from a guest program",
                        "<eCode>-1</eCode>",
                        "bytes of tar.gz",
                        "# tour complete")
                .doesNotContain("VIX error", "FAILED");
    }
}
