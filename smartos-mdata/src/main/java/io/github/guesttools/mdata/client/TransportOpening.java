package io.github.guesttools.mdata.client;

import io.github.guesttools.mdata.transport.Transport;
import io.github.guesttools.mdata.transport.TransportException;
import io.github.guesttools.mdata.transport.TransportOpener;

/**
 * Opens a transport within the deadline. Opening a serial line waits for the fcntl lock, which
 * cannot time out, so with a deadline the open runs on a helper thread; if the deadline passes
 * first the transport is closed as soon as it opens, releasing the lock.
 */
final class TransportOpening {
    private TransportOpening() {}

    static Transport open(TransportOpener opener, Deadline deadline)
            throws TransportException, MetadataTimeoutException {
        if (!deadline.isBounded()) {
            return opener.open();
        }
        Attempt attempt = new Attempt(opener);
        Thread thread = new Thread(attempt, "mdata-open");
        thread.setDaemon(true);
        thread.start();
        return attempt.await(deadline, opener.description());
    }

    private static final class Attempt implements Runnable {
        private final TransportOpener opener;
        private Transport result;
        private TransportException failure;
        private boolean done;
        private boolean abandoned;

        Attempt(TransportOpener opener) {
            this.opener = opener;
        }

        @Override
        public void run() {
            Transport t = null;
            TransportException f = null;
            try {
                t = opener.open();
            } catch (TransportException e) {
                f = e;
            } catch (RuntimeException | Error e) {
                f = new TransportException("Could not open " + opener.description(), true, e);
            }
            synchronized (this) {
                if (abandoned) {
                    if (t != null) {
                        t.close();
                    }
                    return;
                }
                result = t;
                failure = f;
                done = true;
                notifyAll();
            }
        }

        synchronized Transport await(Deadline deadline, String what)
                throws TransportException, MetadataTimeoutException {
            while (!done) {
                long left = deadline.remainingMillis(Long.MAX_VALUE);
                if (left <= 0) {
                    abandoned = true;
                    deadline.check("opening " + what + " (is another process holding its lock?)");
                }
                try {
                    wait(Math.max(1, left));
                } catch (InterruptedException e) {
                    abandoned = true;
                    Thread.currentThread().interrupt();
                    throw new TransportException("interrupted while opening " + what, true, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
