package io.github.guesttools.mdata.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.mdata.internal.posix.Fd;
import io.github.guesttools.mdata.internal.posix.PseudoTerminal;
import io.github.guesttools.mdata.testing.ToolProcess;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A host that never stops sending: the tools' --timeout bounds every phase, the drain too. */
class StreamingHostTest {

    @Test
    void timeoutHoldsWhileThePtyStreamsGarbageWithoutPause() throws Exception {
        try (PseudoTerminal pty = PseudoTerminal.open()) {
            AtomicBoolean stop = new AtomicBoolean();
            byte[] garbage = "garbage that is no reply at all\n".repeat(8).getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(
                    () -> {
                        try {
                            while (!stop.get()) {
                                pty.master().writeFully(garbage);
                            }
                        } catch (java.io.IOException e) {
                            // the pty is gone
                        }
                    },
                    "garbage-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                for (String tool : new String[] {"mdata-get", "mdata-list"}) {
                    String[] args = tool.equals("mdata-get")
                            ? new String[] {"--timeout=3", "hostname"}
                            : new String[] {"--timeout=3"};
                    ToolProcess.Result r =
                            ToolProcess.run(tool, Map.of("MDATA_TRANSPORT", "serial:" + pty.slavePath()), null, args);
                    assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
                    assertThat(r.stderr()).contains("ERROR: no reply from the metadata host");
                    assertThat(r.out()).isEmpty();
                }
            } finally {
                stop.set(true);
                // Unblock the writer: read what it queued on the slave side until it has stopped.
                try (Fd reader = Fd.openReadWrite(pty.slavePath())) {
                    byte[] sink = new byte[65536];
                    while (writer.isAlive()) {
                        if (reader.awaitReadable(50)) {
                            reader.read(sink, sink.length);
                        }
                    }
                }
            }
        }
    }
}
