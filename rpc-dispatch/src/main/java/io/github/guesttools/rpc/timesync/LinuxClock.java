package io.github.guesttools.rpc.timesync;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * {@code CLOCK_REALTIME} through libc: {@code clock_gettime}, {@code clock_settime} (root) and
 * {@code adjtimex} with {@code ADJ_TICK} only (the kernel PLL belongs to NTP daemons). 64-bit Linux layouts
 * ({@code struct timespec} of two longs; {@code struct timex}: modes at 0, status at 40, tick at 88).
 */
public final class LinuxClock implements GuestClock {
    private static final int CLOCK_REALTIME = 0;
    private static final int ADJ_TICK = 0x4000;
    private static final int STA_UNSYNC = 0x0040;
    private static final int TIME_ERROR = 5;
    private static final int TIMEX_SIZE = 256;
    private static final int STATUS_OFFSET = 40;
    private static final int TICK_OFFSET = 88;

    /** The libc functions used. */
    interface LibC extends Library {
        int clock_gettime(int clock, Pointer timespec);

        int clock_settime(int clock, Pointer timespec);

        int adjtimex(Pointer timex);
    }

    /**
     * Bound on first use, not when the agent is built: JNA's start-up (native library, proxy class)
     * then stays off the way to the agent's first TCLO reply, and an agent that never syncs never binds.
     */
    private static final class Binding {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    @Override
    public long nowMicros() throws IOException {
        try (Memory ts = new Memory(16)) {
            check(Binding.LIBC.clock_gettime(CLOCK_REALTIME, ts), "clock_gettime");
            return ts.getLong(0) * 1_000_000 + ts.getLong(8) / 1000;
        }
    }

    @Override
    public synchronized void step(long deltaMicros) throws IOException {
        try (Memory ts = new Memory(16)) {
            check(Binding.LIBC.clock_gettime(CLOCK_REALTIME, ts), "clock_gettime");
            long nanos = ts.getLong(0) * 1_000_000_000L + ts.getLong(8) + deltaMicros * 1000;
            ts.setLong(0, Math.floorDiv(nanos, 1_000_000_000L));
            ts.setLong(8, Math.floorMod(nanos, 1_000_000_000L));
            check(Binding.LIBC.clock_settime(CLOCK_REALTIME, ts), "clock_settime");
        }
    }

    @Override
    public void setTick(long tickMicros) throws IOException {
        try (Memory tx = new Memory(TIMEX_SIZE)) {
            tx.clear();
            tx.setInt(0, ADJ_TICK);
            tx.setLong(TICK_OFFSET, tickMicros);
            check(Binding.LIBC.adjtimex(tx), "adjtimex");
        }
    }

    /** The current tick length (read-only {@code adjtimex}). */
    public long tick() throws IOException {
        try (Memory tx = new Memory(TIMEX_SIZE)) {
            tx.clear();
            check(Binding.LIBC.adjtimex(tx), "adjtimex");
            return tx.getLong(TICK_OFFSET);
        }
    }

    @Override
    public boolean kernelSynchronized() throws IOException {
        try (Memory tx = new Memory(TIMEX_SIZE)) {
            tx.clear();
            int state = Binding.LIBC.adjtimex(tx);
            check(state, "adjtimex");
            return state != TIME_ERROR && (tx.getInt(STATUS_OFFSET) & STA_UNSYNC) == 0;
        }
    }

    private static void check(int rc, String call) throws IOException {
        if (rc < 0) {
            throw new IOException(call + " failed: errno " + Native.getLastError());
        }
    }
}
