package io.github.guesttools.hgfs.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Runs a decompressor on its own thread, feeding a bounded {@link ChunkPipe}. */
final class Decompression {
    private static final int CHUNKS = 16;
    private static final int CHUNK_SIZE = 128 * 1024;

    private Decompression() {}

    /**
     * The decompressed bytes of {@code compressed}, produced ahead on a daemon thread. Closing the
     * returned stream stops the thread (and closes {@code compressed}).
     */
    static InputStream inBackground(InputStream compressed) {
        ChunkPipe pipe = new ChunkPipe(CHUNKS, CHUNK_SIZE);
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[CHUNK_SIZE];
                    try (compressed;
                            OutputStream out = pipe.sink()) {
                        int n;
                        while ((n = compressed.read(buf)) >= 0) {
                            out.write(buf, 0, n);
                        }
                    } catch (EOFException e) {
                        pipe.fail(e);
                    } catch (IOException e) {
                        if (!pipe.readerClosed()) {
                            pipe.fail(e);
                        }
                    }
                },
                "hgfs-decompress");
        t.setDaemon(true);
        t.start();
        return pipe.source();
    }
}
