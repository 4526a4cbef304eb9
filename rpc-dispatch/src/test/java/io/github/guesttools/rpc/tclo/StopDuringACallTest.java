package io.github.guesttools.rpc.tclo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.rpc.channel.ChannelException;
import io.github.guesttools.rpc.channel.RpcChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A stop that comes while the poll thread is inside a channel call. Over the bridge a call is I/O on
 * a {@code SocketChannel}, which an interrupt closes for good: the TCLO channel's close could then
 * not reach the host, which allows one channel per VM and refuses the next agent. The stop must
 * therefore wake the loop only in its pauses. The channel here models that: an interrupt during a
 * call breaks it, and a close on a broken channel does not reach the host.
 */
class StopDuringACallTest {
    /** A channel whose receive blocks until released, and which an interrupt breaks like a socket. */
    private static final class InterruptibleChannel implements RpcChannel {
        final CountDownLatch inCall = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean broken = new AtomicBoolean();
        final AtomicBoolean closedAtTheHost = new AtomicBoolean();
        final AtomicBoolean blockNext = new AtomicBoolean(true);

        @Override
        public void send(byte[] message) throws ChannelException {
            if (broken.get()) {
                throw new ChannelException("closed by interrupt");
            }
        }

        @Override
        public Optional<byte[]> receive() throws ChannelException {
            if (blockNext.getAndSet(false)) {
                inCall.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    broken.set(true); // what ClosedByInterruptException does to the bridge's socket
                    throw new ChannelException("closed by interrupt");
                }
            }
            if (broken.get()) {
                throw new ChannelException("closed by interrupt");
            }
            return Optional.empty();
        }

        @Override
        public void close() {
            closedAtTheHost.set(!broken.get());
        }
    }

    @Test
    void aStopDuringACallLeavesTheChannelWholeAndClosesItAtTheHost() throws Exception {
        InterruptibleChannel channel = new InterruptibleChannel();
        TcloService service = TcloService.builder(protocol -> channel).build();
        service.start();
        assertThat(channel.inCall.await(60, TimeUnit.SECONDS)).isTrue();

        AtomicReference<Thread> stopper = new AtomicReference<>();
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            stopper.set(Thread.currentThread());
            service.stop();
        });
        // The stop is under way (waiting for the poll thread) while the call is still in progress;
        // a stop that interrupted the call is over at once.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!stopped.isDone() && (stopper.get() == null || stopper.get().getState() != Thread.State.TIMED_WAITING)) {
            assertThat(Instant.now()).as("the stop waits for the poll thread").isBefore(deadline);
            Thread.sleep(5);
        }
        channel.release.countDown();
        stopped.get(60, TimeUnit.SECONDS);

        assertThat(channel.broken).as("the call was interrupted").isFalse();
        assertThat(channel.closedAtTheHost).as("the close reached the host").isTrue();
    }
}
