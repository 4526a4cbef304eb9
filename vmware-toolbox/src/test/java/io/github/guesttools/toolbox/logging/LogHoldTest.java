package io.github.guesttools.toolbox.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** Holding the log in memory while frozen, with a real file as the sink. */
class LogHoldTest {
    @TempDir
    Path dir;

    private PrintStream file;
    private PrintStream savedErr;

    @AfterEach
    void restore() {
        LogHold.release();
        if (savedErr != null) {
            System.setErr(savedErr);
        }
        if (file != null) {
            file.close();
        }
    }

    private PrintStream fileStream(Path p) throws IOException {
        file = new PrintStream(new FileOutputStream(p.toFile()), false, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void heldEventsNeverReachTheFileUntilReleasedThenInOrder() throws IOException {
        Path log = dir.resolve("journal");
        PrintStream out = fileStream(log);
        JournalSink sink = new JournalSink(() -> out);
        Logger logger = new JournalLoggerFactory(sink).getLogger("a.Thing");
        logger.info("before");
        sink.hold();
        logger.warn("while {}", 1);
        logger.info("while {}", 2);
        assertThat(Files.readString(log)).as("nothing written while held").isEqualTo("<6>Thing: before\n");
        sink.release();
        assertThat(Files.readString(log))
                .as("in order, no drop line when nothing was dropped")
                .isEqualTo("<6>Thing: before\n<4>Thing: while 1\n<6>Thing: while 2\n");
        logger.info("after");
        assertThat(Files.readString(log)).endsWith("<6>Thing: while 2\n<6>Thing: after\n");
    }

    @Test
    void whenFullTheOldestAreDroppedAndCounted() throws IOException {
        Path log = dir.resolve("journal");
        PrintStream out = fileStream(log);
        JournalSink sink = new JournalSink(() -> out);
        Logger logger = new JournalLoggerFactory(sink).getLogger("Thing");
        sink.hold();
        int total = JournalSink.HOLD_EVENTS + 5;
        for (int i = 0; i < total; i++) {
            logger.info("event {}", i);
        }
        assertThat(Files.size(log)).isZero();
        sink.release();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(JournalSink.HOLD_EVENTS + 1);
        assertThat(lines.get(0)).isEqualTo("<6>Thing: event 5");
        assertThat(lines.get(JournalSink.HOLD_EVENTS - 1)).isEqualTo("<6>Thing: event " + (total - 1));
        assertThat(lines.get(JournalSink.HOLD_EVENTS)).startsWith("<4>JournalSink: 5 log events dropped");
    }

    @Test
    void theCharacterBoundHoldsForLargeEvents() throws IOException {
        Path log = dir.resolve("journal");
        PrintStream out = fileStream(log);
        JournalSink sink = new JournalSink(() -> out);
        sink.hold();
        String big = "x".repeat(100 * 1024) + "\n";
        sink.write(big);
        sink.write(big);
        sink.write(big); // the first is dropped to make room
        sink.write("y".repeat(JournalSink.HOLD_CHARS + 1)); // alone over the bound: dropped itself
        sink.release();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("<4>JournalSink: 2 log events dropped");
    }

    @Test
    void thePublicHoldActsOnTheAgentsStandardError() throws IOException {
        Path log = dir.resolve("stderr");
        savedErr = System.err;
        System.setErr(fileStream(log));
        Logger logger = new JournalLoggerFactory(JournalSink.STANDARD_ERROR).getLogger("Agent");
        LogHold.hold();
        LogHold.hold(); // idempotent
        logger.warn("frozen");
        assertThat(Files.size(log)).isZero();
        LogHold.release();
        LogHold.release();
        assertThat(Files.readString(log)).isEqualTo("<4>Agent: frozen\n");
    }
}
