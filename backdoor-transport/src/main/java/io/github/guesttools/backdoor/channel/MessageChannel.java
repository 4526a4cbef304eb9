package io.github.guesttools.backdoor.channel;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.Registers;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One GuestRPC message channel over a {@link Backdoor} (backdoor command 30).
 *
 * <pre>{@code
 * try (MessageChannel rpci = MessageChannel.open(backdoor, Protocol.RPCI)) {
 *     rpci.send("info-get guestinfo.foo\0".getBytes(StandardCharsets.ISO_8859_1));
 *     byte[] reply = rpci.receive().orElseThrow();   // "1 value" or "0 No value found"
 * }
 * }</pre>
 *
 * <p>Transfers restart from their first step whenever the host reports a checkpoint ({@code CPT}),
 * as open-vm-tools does, so a message goes through exactly once. Guest-to-host messages are limited
 * to 64 KiB (checked before anything is sent), host-to-guest ones to
 * {@link ChannelOptions#maxReceiveSize()}.
 *
 * <p>Failures are {@link IOException}s: {@link MessageChannelException} and its subclasses for
 * refusals and protocol errors ({@link ChannelClosedException}, {@link CookieRejectedException},
 * {@link ChannelProtocolException}, {@link MessageTooLargeException}), and
 * {@link io.github.guesttools.backdoor.BackdoorException} when the backdoor itself fails. After a
 * failure other than {@link MessageTooLargeException} on send, close the channel and open a new one.
 *
 * <p>Threads: a channel is meant to be used by one thread at a time (the host keeps one transfer
 * state per channel). Its methods are synchronized, so concurrent use is safe but serialised; use
 * one channel per thread for parallelism.
 */
public final class MessageChannel implements Closeable {

    private static final int STATUS_SUCCESS_ARG = MessageStatus.SUCCESS << 16;

    private final Backdoor backdoor;
    private final Protocol protocol;
    private final ChannelOptions options;
    private final int id;
    private final int cookieHigh;
    private final int cookieLow;
    private final boolean cookie;
    /** Whether HB calls need {@link #hbBuffer} (the native call needs an address that does not move). */
    private final boolean direct;
    /** Off-heap buffer for HB calls when {@link #direct}. */
    private ByteBuffer hbBuffer;

    private boolean highBandwidth;
    private boolean closed;

    private MessageChannel(
            Backdoor backdoor,
            Protocol protocol,
            ChannelOptions options,
            int id,
            int cookieHigh,
            int cookieLow,
            boolean cookie) {
        this.backdoor = backdoor;
        this.protocol = protocol;
        this.options = options;
        this.id = id;
        this.cookieHigh = cookieHigh;
        this.cookieLow = cookieLow;
        this.cookie = cookie;
        this.direct = backdoor.needsDirectBuffers();
    }

    /** Opens a channel with {@link ChannelOptions#DEFAULTS}. */
    public static MessageChannel open(Backdoor backdoor, Protocol protocol) throws IOException {
        return open(backdoor, protocol, ChannelOptions.DEFAULTS);
    }

    /**
     * Opens a channel: first with the cookie flag, then, if the host refuses, once without it (old
     * hosts without cookies).
     *
     * @throws ChannelProtocolException if the host refuses both
     * @throws IOException if the backdoor fails
     */
    public static MessageChannel open(Backdoor backdoor, Protocol protocol, ChannelOptions options) throws IOException {
        Registers out = backdoor.lowBandwidth(openCall(protocol.number() | MessageStatus.FLAG_COOKIE));
        boolean cookie = true;
        if (!MessageStatus.has(out.ecxHigh(), MessageStatus.SUCCESS)) {
            out = backdoor.lowBandwidth(openCall(protocol.number()));
            cookie = false;
            if (!MessageStatus.has(out.ecxHigh(), MessageStatus.SUCCESS)) {
                throw new ChannelProtocolException(
                        "host refused to open a " + protocol + " channel, status "
                                + MessageStatus.describe(out.ecxHigh()),
                        out.ecxHigh());
            }
        }
        return new MessageChannel(
                backdoor, protocol, options, out.edxHigh(), cookie ? out.esi() : 0, cookie ? out.edi() : 0, cookie);
    }

    private static Registers openCall(int protocolArg) {
        return new Registers(
                Backdoor.MAGIC,
                protocolArg,
                MessageType.OPEN.code() << 16 | Backdoor.CMD_MESSAGE,
                Backdoor.LB_PORT,
                0,
                0,
                0);
    }

    /** Returns the protocol this channel was opened for. */
    public Protocol protocol() {
        return protocol;
    }

    /** Returns the channel id the host assigned. */
    public int id() {
        return id;
    }

    /** Returns whether the host gave this channel cookies (false after the no-cookie fallback). */
    public boolean hasCookie() {
        return cookie;
    }

    /** Returns whether the latest transfer used the high-bandwidth port. */
    public synchronized boolean isHighBandwidth() {
        return highBandwidth;
    }

    /** Returns whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Sends one message to the host. An empty message is valid (the TCLO "nothing to say" poll).
     *
     * @throws MessageTooLargeException if the message exceeds 64 KiB; nothing was sent
     * @throws IOException on any other failure
     */
    public synchronized void send(byte[] message) throws IOException {
        ensureOpen();
        if (message.length > MessageStatus.MAX_GUEST_TO_HOST) {
            throw new MessageTooLargeException(
                    "guest-to-host message of " + message.length + " bytes exceeds " + MessageStatus.MAX_GUEST_TO_HOST,
                    message.length,
                    MessageStatus.MAX_GUEST_TO_HOST);
        }
        for (int restarts = 0; ; restarts++) {
            checkRestarts(restarts, "send");
            if (trySend(message)) {
                return;
            }
        }
    }

    /** One send attempt; returns false when a checkpoint asks for a restart. */
    private boolean trySend(byte[] message) throws IOException {
        int n = message.length;
        Registers out = backdoor.lowBandwidth(call(MessageType.SENDSIZE, n));
        int status = out.ecxHigh();
        if (!succeeded(status, "SENDSIZE")) {
            return false;
        }
        if (n == 0) {
            return true;
        }
        highBandwidth = options.highBandwidth() && MessageStatus.has(status, MessageStatus.HB);
        if (highBandwidth) {
            ByteBuffer buffer = ByteBuffer.wrap(message);
            if (direct) {
                buffer = hbBuffer(n).put(0, message, 0, n);
            }
            out = backdoor.highBandwidthOut(
                    new Registers(
                            Backdoor.MAGIC,
                            STATUS_SUCCESS_ARG,
                            n,
                            id << 16 | Backdoor.HB_PORT,
                            0,
                            cookieLow,
                            cookieHigh),
                    buffer);
            return succeeded(out.ebxHigh(), "HB send");
        }
        for (int offset = 0; offset < n; offset += 4) {
            out = backdoor.lowBandwidth(call(MessageType.SENDPAYLOAD, LowBandwidthChunks.pack(message, offset, n)));
            if (!succeeded(out.ecxHigh(), "SENDPAYLOAD")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Receives the host's pending message, acknowledging it.
     *
     * @return the message (possibly empty), or empty {@code Optional} if the host has none
     * @throws MessageTooLargeException if the message exceeds the receive cap; it was refused to the host
     * @throws IOException on any other failure
     */
    public synchronized Optional<byte[]> receive() throws IOException {
        ensureOpen();
        for (int restarts = 0; ; restarts++) {
            checkRestarts(restarts, "receive");
            Received r = tryReceive();
            if (r != Received.RESTART) {
                return r == Received.NONE ? Optional.empty() : Optional.of(r.message);
            }
        }
    }

    /** Outcome of one receive attempt: a message, none, or a checkpoint restart. */
    private static final class Received {
        static final Received NONE = new Received(null);
        static final Received RESTART = new Received(null);
        final byte[] message;

        Received(byte[] message) {
            this.message = message;
        }
    }

    private Received tryReceive() throws IOException {
        Registers out = backdoor.lowBandwidth(call(MessageType.RECVSIZE, 0));
        int status = out.ecxHigh();
        if (!succeeded(status, "RECVSIZE")) {
            return Received.RESTART;
        }
        if (!MessageStatus.has(status, MessageStatus.DORECV)) {
            return Received.NONE;
        }
        if (out.edxHigh() != MessageType.SENDSIZE.code()) {
            refuse(MessageType.RECVSTATUS);
            throw new ChannelProtocolException(
                    "RECVSIZE returned message type " + out.edxHigh() + " instead of " + MessageType.SENDSIZE.code(),
                    status);
        }
        long size = Integer.toUnsignedLong(out.ebx());
        if (size > options.maxReceiveSize()) {
            refuse(size > 0 ? MessageType.RECVPAYLOAD : MessageType.RECVSTATUS);
            throw new MessageTooLargeException(
                    "host-to-guest message of " + size + " bytes exceeds the cap of " + options.maxReceiveSize(),
                    size,
                    options.maxReceiveSize());
        }
        int n = (int) size;
        byte[] message = new byte[n];
        highBandwidth = options.highBandwidth() && n > 0 && MessageStatus.has(status, MessageStatus.HB);
        if (highBandwidth) {
            ByteBuffer buffer = direct ? hbBuffer(n) : ByteBuffer.wrap(message);
            out = backdoor.highBandwidthIn(
                    new Registers(
                            Backdoor.MAGIC,
                            STATUS_SUCCESS_ARG,
                            n,
                            id << 16 | Backdoor.HB_PORT,
                            cookieHigh,
                            0,
                            cookieLow),
                    buffer);
            if (!succeeded(out.ebxHigh(), "HB receive")) {
                return Received.RESTART;
            }
            if (direct) {
                buffer.get(0, message, 0, n);
            }
        } else {
            for (int offset = 0; offset < n; offset += 4) {
                out = backdoor.lowBandwidth(call(MessageType.RECVPAYLOAD, MessageStatus.SUCCESS));
                if (!succeeded(out.ecxHigh(), "RECVPAYLOAD")) {
                    return Received.RESTART;
                }
                if (out.edxHigh() != MessageType.SENDPAYLOAD.code()) {
                    refuse(MessageType.RECVPAYLOAD);
                    throw new ChannelProtocolException(
                            "RECVPAYLOAD returned message type " + out.edxHigh() + " instead of "
                                    + MessageType.SENDPAYLOAD.code(),
                            out.ecxHigh());
                }
                LowBandwidthChunks.unpack(out.ebx(), message, offset, n);
            }
        }
        out = backdoor.lowBandwidth(call(MessageType.RECVSTATUS, MessageStatus.SUCCESS));
        if (!succeeded(out.ecxHigh(), "RECVSTATUS")) {
            return Received.RESTART;
        }
        return new Received(message);
    }

    /** Tells the host the message was not received (status 0); its answer does not matter. */
    private void refuse(MessageType type) throws IOException {
        backdoor.lowBandwidth(call(type, 0));
    }

    /**
     * Closes the channel. The channel counts as closed locally even when the host refuses.
     *
     * @throws MessageChannelException if the host refuses the CLOSE
     * @throws IOException if the backdoor fails
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        Registers out = backdoor.lowBandwidth(call(MessageType.CLOSE, 0));
        int status = out.ecxHigh();
        if (!MessageStatus.has(status, MessageStatus.SUCCESS)) {
            throw failure("CLOSE", status);
        }
    }

    private Registers call(MessageType type, int ebx) {
        return new Registers(
                Backdoor.MAGIC,
                ebx,
                type.code() << 16 | Backdoor.CMD_MESSAGE,
                id << 16 | Backdoor.LB_PORT,
                cookieHigh,
                cookieLow,
                0);
    }

    /** True on success, false on a checkpoint (restart); throws on any other failure. */
    private boolean succeeded(int status, String step) throws MessageChannelException {
        if (MessageStatus.has(status, MessageStatus.SUCCESS)) {
            return true;
        }
        if (MessageStatus.has(status, MessageStatus.CPT)) {
            return false;
        }
        throw failure(step, status);
    }

    private MessageChannelException failure(String step, int status) {
        String text =
                protocol + " channel " + id + ": host refused " + step + ", status " + MessageStatus.describe(status);
        if (MessageStatus.has(status, MessageStatus.CLOSED | MessageStatus.POWEROFF)) {
            return new ChannelClosedException(text, status);
        }
        if (status == 0) {
            return new CookieRejectedException(text + " (wrong or invalidated cookie?)", status);
        }
        return new MessageChannelException(text, status);
    }

    private void checkRestarts(int restarts, String what) throws ChannelProtocolException {
        if (restarts > options.maxRestarts()) {
            throw new ChannelProtocolException(
                    protocol + " channel " + id + ": " + what + " restarted " + options.maxRestarts()
                            + " times after checkpoints; giving up",
                    MessageStatus.CPT);
        }
    }

    private void ensureOpen() throws ChannelClosedException {
        if (closed) {
            throw new ChannelClosedException(protocol + " channel " + id + " is closed", -1);
        }
    }

    private ByteBuffer hbBuffer(int size) {
        if (hbBuffer == null || hbBuffer.capacity() < size) {
            hbBuffer = ByteBuffer.allocateDirect(Math.max(size, 4096));
        }
        return hbBuffer;
    }

    @Override
    public String toString() {
        return "MessageChannel[" + protocol + " id=" + id + (cookie ? "" : " no-cookie") + (closed ? " closed" : "")
                + "]";
    }
}
