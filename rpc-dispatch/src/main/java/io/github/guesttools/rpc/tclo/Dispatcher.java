package io.github.guesttools.rpc.tclo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns one request into its reply bytes: lookup, run (inline or on a worker, bounded), format. */
final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final HandlerRegistry registry;
    private final long boundNanos;
    private final ThreadPoolExecutor workers;
    private final int maxPerCommand;
    /** Workers held per command name, including handlers that overran the bound and run on. */
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();

    Dispatcher(HandlerRegistry registry, Duration handlerBound, int maxWorkers, int maxPerCommand) {
        this.registry = registry;
        this.maxPerCommand = maxPerCommand;
        this.boundNanos = handlerBound.toNanos();
        AtomicInteger n = new AtomicInteger();
        // No queue: a request either gets a thread now or is refused, so nothing waits unseen.
        this.workers = new ThreadPoolExecutor(0, maxWorkers, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "tclo-handler-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    byte[] dispatch(byte[] message) {
        TcloRequest request = TcloRequest.parse(message);
        if (request.name().isEmpty()) {
            return TcloReplies.BAD_COMMAND.clone();
        }
        HandlerRegistry.Entry entry = registry.lookup(request.name());
        if (entry == null) {
            LOG.debug("unknown TCLO request {}", request.name());
            return TcloReplies.UNKNOWN_COMMAND.clone();
        }
        if (entry.execution() == Execution.POLL_THREAD) {
            return run(entry.handler(), request);
        }
        // Names come from registered handlers only, so this map holds at most one counter per handler.
        AtomicInteger count = held.computeIfAbsent(request.name(), k -> new AtomicInteger());
        if (count.incrementAndGet() > maxPerCommand) {
            count.decrementAndGet();
            LOG.warn("{} already holds {} TCLO workers, refusing another", request.name(), maxPerCommand);
            return TcloReplies.BUSY.clone();
        }
        Future<byte[]> result;
        try {
            result = workers.submit(() -> {
                try {
                    return run(entry.handler(), request);
                } finally {
                    count.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            count.decrementAndGet();
            LOG.warn("all {} TCLO workers busy, refusing {}", workers.getMaximumPoolSize(), request.name());
            return TcloReplies.BUSY.clone();
        }
        try {
            return result.get(boundNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn(
                    "TCLO handler {} overran {} ms; answered as timed out, its result will be dropped",
                    request.name(),
                    TimeUnit.NANOSECONDS.toMillis(boundNanos));
            return TcloReplies.TIMED_OUT.clone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TcloReplies.TIMED_OUT.clone();
        } catch (ExecutionException e) {
            return TcloReplies.error(String.valueOf(e.getCause()));
        }
    }

    private static byte[] run(RpcHandler handler, TcloRequest request) {
        try {
            byte[] result = handler.handle(request.args());
            if (result == null) {
                result = new byte[0];
            }
            if (result.length > TcloReplies.MAX_REPLY - 3) {
                LOG.warn("TCLO handler {} returned {} bytes, over the 64 KiB limit", request.name(), result.length);
            }
            return TcloReplies.ok(result);
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.warn("TCLO handler {} failed", request.name(), e);
            String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return TcloReplies.error(text);
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
