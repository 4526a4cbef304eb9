package io.github.guesttools.rpc.tclo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A controllable clock for the poll loop: records every requested wait and returns at once, runs a
 * test action at chosen sleep indexes, and parks the loop after a limit so the test reads a fixed
 * schedule.
 */
final class RecordingSleeper implements Sleeper {
    final List<Long> millis = new CopyOnWriteArrayList<>();
    private final int limit;
    private final IntConsumer onSleep;

    RecordingSleeper(int limit, IntConsumer onSleep) {
        this.limit = limit;
        this.onSleep = onSleep;
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        int index = millis.size();
        if (index >= limit) {
            Thread.sleep(Long.MAX_VALUE);
        }
        millis.add(d.toMillis());
        onSleep.accept(index);
    }
}
