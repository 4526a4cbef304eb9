package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.protocol.LineBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** Reads lines from one peer and writes each reply, until the peer goes away. */
final class ConnectionLoop {
    private ConnectionLoop() {}

    /** What a connection is doing, for the listener's limits. */
    enum Phase {
        /** Waiting for (the rest of) a request: closing it loses nothing. */
        WAITING,
        /** Answering a complete request (a PUT may wait for the operator's lock). */
        ANSWERING,
        /** Writing the reply: blocked here only while the peer does not read. */
        REPLYING
    }

    static void serve(InputStream in, OutputStream out, LineProtocol protocol, int maxLine) throws IOException {
        serve(in, out, protocol, maxLine, phase -> {});
    }

    /** Serves until the peer goes away; {@code activity} hears each change of {@link Phase}. */
    static void serve(InputStream in, OutputStream out, LineProtocol protocol, int maxLine, Consumer<Phase> activity)
            throws IOException {
        LineBuffer lines = new LineBuffer(maxLine);
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) >= 0) {
            activity.accept(Phase.WAITING);
            lines.append(buf, 0, n);
            byte[] line;
            while ((line = lines.nextLine()) != null) {
                activity.accept(Phase.ANSWERING);
                byte[] reply = protocol.reply(line, lines.lastLineTruncated());
                if (reply != null) {
                    activity.accept(Phase.REPLYING);
                    out.write(reply);
                    out.flush();
                }
                activity.accept(Phase.WAITING);
            }
        }
    }

    /** The longest request line a value of {@code maxValue} bytes needs (double base64 + framing). */
    static int maxLineFor(int maxValue) {
        long inner = 4L * ((maxValue + MetadataStore.MAX_KEY_BYTES + 2) / 3 + 2);
        long outer = 4L * ((inner + 2) / 3);
        return (int) Math.min(Integer.MAX_VALUE - 16, outer + 256);
    }
}
