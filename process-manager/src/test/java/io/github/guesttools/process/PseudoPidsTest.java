package io.github.guesttools.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PseudoPidsTest {
    @Test
    void rangeStartsAbovePidMaxLimit() {
        assertThat(new PseudoPids(32768, 10).allocate()).isEqualTo(4_194_304L);
        assertThat(new PseudoPids(8_000_000, 10).allocate()).isEqualTo(8_000_000L);
    }

    @Test
    void lowestFreeIsReusedAndExhaustionIsReported() {
        PseudoPids pids = new PseudoPids(0, 3);
        long a = pids.allocate();
        long b = pids.allocate();
        long c = pids.allocate();
        assertThat(pids.allocate()).isEqualTo(-1);
        pids.release(b);
        pids.release(b); // a double release changes nothing
        assertThat(pids.allocate()).isEqualTo(b);
        assertThat(pids.allocate()).isEqualTo(-1);
        pids.release(12345); // outside the range: ignored
        assertThat(pids.contains(a)).isTrue();
        assertThat(pids.contains(c + 1)).isFalse();
    }

    @Test
    void concurrentAllocationsNeverDuplicate() {
        PseudoPids pids = new PseudoPids(0, 10_000);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 10_000)
                .parallel()
                .forEach(i -> assertThat(seen.add(pids.allocate())).isTrue());
        assertThat(seen).hasSize(10_000).doesNotContain(-1L);
    }
}
