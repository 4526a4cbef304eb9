package io.github.guesttools.mdata.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A host played by a script, on a real Unix socket; one script run per connection. */
public final class ScriptedHost implements Closeable {
    /** What the host does with one connection. */
    public interface Script {
        void run(int connection, InputStream in, OutputStream out) throws Exception;
    }

    private final ServerSocketChannel server;
    private final Path path;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    public ScriptedHost(Path path, Script script) throws IOException {
        Files.deleteIfExists(path);
        this.path = path;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(() -> {
            while (true) {
                SocketChannel c;
                try {
                    c = server.accept();
                } catch (IOException e) {
                    return;
                }
                open.add(c);
                int n = connections.incrementAndGet();
                Thread w = new Thread(() -> {
                    try (c) {
                        script.run(n, Channels.newInputStream(c), Channels.newOutputStream(c));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                w.setDaemon(true);
                w.start();
            }
        });
        t.setDaemon(true);
        t.start();
    }

    public Path path() {
        return path;
    }

    public String address() {
        return "unix:" + path;
    }

    public int connections() {
        return connections.get();
    }

    /** Throws the first failure of a script (e.g. an unexpected client byte). */
    public void assertNoFailures() {
        if (!failures.isEmpty()) {
            throw new AssertionError("host script failed", failures.get(0));
        }
    }

    /** Reads one line without its LF; null at end of stream. */
    public static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code expected.length} bytes and fails unless they are {@code expected}. */
    public static void expect(InputStream in, byte[] expected) throws IOException {
        byte[] got = in.readNBytes(expected.length);
        if (!java.util.Arrays.equals(got, expected)) {
            throw new AssertionError("client sent '" + new String(got, StandardCharsets.ISO_8859_1) + "', expected '"
                    + new String(expected, StandardCharsets.ISO_8859_1) + "'");
        }
    }

    public static void send(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        Files.deleteIfExists(path);
    }
}
