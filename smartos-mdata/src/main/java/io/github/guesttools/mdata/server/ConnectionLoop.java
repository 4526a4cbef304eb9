package io.github.guesttools.mdata.server;

import io.github.guesttools.mdata.internal.protocol.LineBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

/** Reads lines from one peer and writes each reply, until the peer goes away. */
final class ConnectionLoop {
    private ConnectionLoop() {}

    static void serve(InputStream in, OutputStream out, LineProtocol protocol, int maxLine) throws IOException {
        serve(in, out, protocol, maxLine, busy -> {});
    }

    /**
     * Serves until the peer goes away. {@code activity} hears {@code true} when a complete request
     * is being answered and {@code false} when the answer is written or bytes arrive: a connection
     * that is not answering a request can be closed without losing a reply.
     */
    static void serve(InputStream in, OutputStream out, LineProtocol protocol, int maxLine, Consumer<Boolean> activity)
            throws IOException {
        LineBuffer lines = new LineBuffer(maxLine);
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) >= 0) {
            activity.accept(false);
            lines.append(buf, 0, n);
            byte[] line;
            while ((line = lines.nextLine()) != null) {
                activity.accept(true);
                byte[] reply = protocol.reply(line, lines.lastLineTruncated());
                if (reply != null) {
                    out.write(reply);
                    out.flush();
                }
                activity.accept(false);
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
