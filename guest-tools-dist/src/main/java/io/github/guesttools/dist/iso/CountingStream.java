package io.github.guesttools.dist.iso;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts bytes so the writer can check that each region lands on the block it was allocated. */
final class CountingStream extends FilterOutputStream {
    private long position;

    CountingStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        position++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
    }

    long position() {
        return position;
    }

    void expectBlock(long block) {
        if (position != block * IsoWriter.BLOCK) {
            throw new IllegalStateException("layout error: at byte " + position + ", expected block " + block);
        }
    }

    void writePadded(byte[] data) throws IOException {
        write(data);
        write(new byte[(IsoWriter.BLOCK - data.length % IsoWriter.BLOCK) % IsoWriter.BLOCK]);
    }
}
