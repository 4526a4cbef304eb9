package io.github.guesttools.rpc.vmbackup;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A freezer that freezes nothing real: it records calls, can fail, and can hang until released. */
final class FakeFreezer implements FileSystemFreezer {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean frozen;
    volatile boolean failFreeze;
    volatile boolean failThaw;
    volatile CountDownLatch hang;
    final CountDownLatch freezing = new CountDownLatch(1);

    @Override
    public FreezeSession session() {
        return new FreezeSession() {
            private boolean thawed;

            @Override
            public List<String> freeze() throws IOException {
                calls.add("freeze");
                freezing.countDown();
                CountDownLatch h = hang;
                if (h != null) {
                    try {
                        h.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (failFreeze) {
                    throw new IOException("cannot freeze /fake");
                }
                synchronized (this) {
                    if (thawed) {
                        throw new IOException("freeze cancelled");
                    }
                    frozen = true;
                }
                return List.of("/fake");
            }

            @Override
            public synchronized void thaw() throws IOException {
                calls.add("thaw");
                thawed = true;
                if (failThaw && frozen) {
                    frozen = false;
                    throw new IOException("cannot thaw /fake");
                }
                frozen = false;
            }
        };
    }
}
