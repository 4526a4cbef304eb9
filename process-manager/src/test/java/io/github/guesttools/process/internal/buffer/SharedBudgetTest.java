package io.github.guesttools.process.internal.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, attack 5: 45 programs printing 4 MB each filled the heap, because every buffer could
 * keep 4 MiB on the heap. Buffers sharing a heap budget spill to disk once it is spent; buffers
 * sharing a stored-bytes budget drop what is beyond it; closing gives everything back.
 */
class SharedBudgetTest {
    @TempDir
    Path dir;

    @Test
    void buffersSpillEarlyWhenTheirSharedHeapBudgetIsSpent() throws Exception {
        ByteBudget total = new ByteBudget(3 << 20, null);
        ByteBudget alice = new ByteBudget(1 << 20, total);
        ByteBudget bob = new ByteBudget(1 << 20, total);
        byte[] data = new byte[700 * 1024];
        try (SpillBuffer a1 = buffer(alice, ByteBudget.UNLIMITED);
                SpillBuffer a2 = buffer(alice, ByteBudget.UNLIMITED);
                SpillBuffer b1 = buffer(bob, ByteBudget.UNLIMITED)) {
            a1.write(data, 0, data.length);
            a2.write(data, 0, data.length);
            b1.write(data, 0, data.length);
            assertThat(a1.isSpilled()).isFalse();
            assertThat(a2.isSpilled()).as("alice's heap share is spent").isTrue();
            assertThat(b1.isSpilled()).as("bob is not affected by alice").isFalse();
            assertThat(a2.size()).isEqualTo(data.length);
            assertThat(alice.used()).isLessThanOrEqualTo(1 << 20);
            assertThat(total.used()).isLessThanOrEqualTo(3 << 20);
        }
        assertThat(alice.used()).isZero();
        assertThat(total.used()).isZero();
    }

    @Test
    void bytesBeyondTheSharedStoredBudgetAreDroppedAndMarked() throws Exception {
        ByteBudget stored = new ByteBudget(1000, null);
        try (SpillBuffer first = buffer(ByteBudget.UNLIMITED, stored);
                SpillBuffer second = buffer(ByteBudget.UNLIMITED, stored)) {
            first.write(new byte[800], 0, 800);
            second.write(new byte[800], 0, 800);
            assertThat(first.isTruncated()).isFalse();
            assertThat(second.size()).isEqualTo(200);
            assertThat(second.isTruncated()).isTrue();
        }
        assertThat(stored.used()).isZero();
    }

    private SpillBuffer buffer(ByteBudget heap, ByteBudget stored) {
        return new SpillBuffer(dir, 4 << 20, 1L << 30, heap, stored, SpillFiles.DIRECT);
    }
}
