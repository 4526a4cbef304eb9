package io.github.guesttools.rpc.timesync;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A guest clock that stands still unless stepped, and records what was done to it. */
final class FakeGuestClock implements GuestClock {
    volatile long now;
    volatile boolean synced;
    final List<Long> steps = new CopyOnWriteArrayList<>();
    final List<Long> ticks = new CopyOnWriteArrayList<>();

    FakeGuestClock(long now) {
        this.now = now;
    }

    @Override
    public long nowMicros() {
        return now;
    }

    @Override
    public synchronized void step(long deltaMicros) {
        steps.add(deltaMicros);
        now += deltaMicros;
    }

    @Override
    public void setTick(long tickMicros) {
        ticks.add(tickMicros);
    }

    @Override
    public boolean kernelSynchronized() {
        return synced;
    }
}
