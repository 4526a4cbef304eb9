package io.github.guesttools.dist.iso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** SUSP continuation areas packed into consecutive blocks; one area never crosses a block boundary. */
final class ContinuationArea {
    private final long firstBlock;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    ContinuationArea(long firstBlock) {
        this.firstBlock = firstBlock;
    }

    /** Appends an area and returns its absolute byte address ({@code block * 2048 + offset}); empty areas take no room. */
    long place(byte[] area) {
        if (area.length == 0) {
            return 0;
        }
        int inBlock = data.size() % IsoWriter.BLOCK;
        if (inBlock + area.length > IsoWriter.BLOCK) {
            data.writeBytes(new byte[IsoWriter.BLOCK - inBlock]);
        }
        long at = firstBlock * IsoWriter.BLOCK + data.size();
        data.writeBytes(area);
        return at;
    }

    /** The first block after the areas. */
    long end() {
        return firstBlock + IsoWriter.blocks(data.size());
    }

    void writeTo(CountingStream out) throws IOException {
        if (data.size() == 0) {
            return;
        }
        out.expectBlock(firstBlock);
        out.writePadded(data.toByteArray());
    }
}
