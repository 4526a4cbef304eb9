package io.github.guesttools.backdoor.simulator;

import io.github.guesttools.backdoor.Backdoor;
import io.github.guesttools.backdoor.CallKind;
import io.github.guesttools.backdoor.Registers;
import io.github.guesttools.backdoor.channel.LowBandwidthChunks;
import io.github.guesttools.backdoor.channel.MessageStatus;
import io.github.guesttools.backdoor.channel.MessageType;
import io.github.guesttools.backdoor.channel.Protocol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A simulated VMX: the host side of the backdoor and of the GuestRPC message channel, at register
 * level, for testing guest code off VMware.
 *
 * <pre>{@code
 * VmxSimulator vmx = new VmxSimulator();
 * try (MessageChannel rpci = MessageChannel.open(vmx, Protocol.RPCI)) {
 *     rpci.send("info-set guestinfo.a b\0".getBytes(ISO_8859_1));
 *     rpci.receive();                                  // "1 "
 * }
 * vmx.rpci().guestInfo("guestinfo.a");                 // Optional["b"]
 * CompletableFuture<byte[]> reply = vmx.submitTclo("ping".getBytes(ISO_8859_1));
 * // ... the guest's TCLO poll loop receives "ping"; its next send completes the future.
 * }</pre>
 *
 * <p>It serves up to {@value #MAX_CHANNELS} channels at once with random cookies, the RPCI and
 * TCLO protocols (one TCLO channel at a time, as on VMware), high bandwidth on or off (for the
 * whole host or per channel), and a host
 * without cookie support. GETVERSION answers EAX = 6, EBX = magic, ECX = 2 (ESX); the clock commands
 * GETTIMEFULL_WITH_LAG (55), GETTIMEFULL (46), GETTIME (23) and STOPCATCHUP (24), GETGUIOPTIONS (13) and
 * GETMHZ (1) answer from settable state ({@link #setHostClock}); other commands
 * answer EAX = {@code 0xFFFFFFFF}. RPCI commands go to {@link #rpci()}; {@code vmx.set_option synctime} switches
 * the time-sync bit and sends the tools {@code Set_Option synctime}, as the VMX does.
 *
 * <p>TCLO: {@link #submitTclo} queues a request. The simulator offers the head of the queue to a
 * TCLO channel's RECVSIZE once the guest has sent on it since the last delivery; when the guest
 * acknowledges it (RECVSTATUS), the request is delivered and the guest's next send on that channel
 * completes the future. Closing the TCLO channel fails a delivered request whose reply has not come.
 *
 * <p>Fault injection: {@link #injectCheckpoint} (a {@code CPT} status at any transfer step; the
 * step has no effect, the guest must restart), {@link #invalidateCookies()}, {@link #closeChannel},
 * {@link #powerOff()}. Every call and every RPCI command is recorded ({@link #calls()},
 * {@link #rpciCommands()}) unless recording is switched off.
 *
 * <p>Thread-safe: guests may call from many threads on many channels at once.
 */
public final class VmxSimulator implements Backdoor {

    /** The number of channels the host can hold open ({@code GUESTMSG_MAX_CHANNEL}). */
    public static final int MAX_CHANNELS = 128;
    /** The VMX type GETVERSION returns in ECX (2 = ESX). */
    public static final int VMX_TYPE_ESX = 2;

    private static final int GUI_SYNC_TIME = 0x400;
    private static final int CMD_GETMHZ = 1;
    private static final int CMD_GETGUIOPTIONS = 13;
    private static final int CMD_GETTIME = 23;
    private static final int CMD_STOPCATCHUP = 24;
    private static final int CMD_GETTIMEFULL = 46;
    private static final int CMD_GETTIMEFULL_WITH_LAG = 55;

    private final Object lock = new Object();
    private final SimulatorChannel[] channels = new SimulatorChannel[MAX_CHANNELS];
    private final ArrayDeque<TcloRequest> tcloQueue = new ArrayDeque<>();
    private final List<int[]> checkpoints = new ArrayList<>();
    private final List<RecordedCall> calls = new ArrayList<>();
    private final List<RecordedRpci> rpciCommands = new ArrayList<>();
    private final RpciHost rpci = new RpciHost();
    private final Random random;
    private boolean highBandwidth = true;
    private boolean cookies = true;
    private boolean recording = true;
    private boolean poweredOff;
    private LongSupplier hostClock = () -> ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    private int maxLagMicros = 500_000;
    private int interruptLagMicros;
    private boolean timeFull = true;
    private boolean timeFullWithLag = true;
    private int guiOptions;
    private int cpuMhz = 2400;
    private int stopCatchups;

    /** Creates a simulator with cookies from a {@link SecureRandom} seed. */
    public VmxSimulator() {
        this(new Random(new SecureRandom().nextLong()));
    }

    /** Creates a simulator drawing cookies from {@code random} (for reproducible tests). */
    public VmxSimulator(Random random) {
        this.random = random;
        rpci.register("vmx.set_option", this::setOption);
    }

    /**
     * {@code vmx.set_option synctime <old> <new>} ({@code vmware-toolbox-cmd timesync enable|disable}): as the
     * VMX, changes the GETGUIOPTIONS bit {@code 0x400} and tells the tools {@code Set_Option synctime <new>} over
     * TCLO. Other options and values other than 0/1 are refused.
     */
    private byte[] setOption(RpciCommand command) {
        String[] a = command.text().split(" ");
        if (a.length != 3 || !a[0].equals("synctime") || !a[2].matches("[01]")) {
            return RpciHandler.error("Invalid option");
        }
        boolean on = a[2].equals("1");
        synchronized (lock) {
            guiOptions = on ? guiOptions | GUI_SYNC_TIME : guiOptions & ~GUI_SYNC_TIME;
        }
        submitTclo("Set_Option synctime " + a[2]);
        return RpciHandler.ok("");
    }

    // ---- configuration -------------------------------------------------------------------

    /** The host clock GETTIME* answer, in microseconds since the epoch (default: this machine's clock). */
    public void setHostClock(LongSupplier epochMicros) {
        synchronized (lock) {
            hostClock = Objects.requireNonNull(epochMicros);
        }
    }

    /** The max lag (ECX) and interrupt lag (EDI of command 55), in microseconds. Defaults 500000 and 0. */
    public void setTimeLags(int maxLag, int interruptLag) {
        synchronized (lock) {
            maxLagMicros = maxLag;
            interruptLagMicros = interruptLag;
        }
    }

    /**
     * Whether the host knows GETTIMEFULL_WITH_LAG (55) and GETTIMEFULL (46); an unknown one changes
     * EAX, as an older VMX does, so the guest falls back. Both default on.
     */
    public void setTimeFullSupported(boolean withLag, boolean full) {
        synchronized (lock) {
            timeFullWithLag = withLag;
            timeFull = full;
        }
    }

    /** The GETGUIOPTIONS bits (0x400 = periodic time sync on). Default 0. */
    public void setGuiOptions(int bits) {
        synchronized (lock) {
            guiOptions = bits;
        }
    }

    /** What GETMHZ answers (0 = unknown). Default 2400. */
    public void setCpuMhz(int mhz) {
        synchronized (lock) {
            cpuMhz = mhz;
        }
    }

    /** How many STOPCATCHUP calls the guest made. */
    public int stopCatchups() {
        synchronized (lock) {
            return stopCatchups;
        }
    }

    /**
     * Offers (or stops offering) the high-bandwidth port for later transfers on every channel that
     * has no setting of its own. Default on.
     */
    public void setHighBandwidth(boolean enabled) {
        synchronized (lock) {
            highBandwidth = enabled;
        }
    }

    /**
     * Offers (or stops offering) the high-bandwidth port for later transfers on one open channel,
     * whatever {@link #setHighBandwidth(boolean)} says.
     *
     * @throws IllegalArgumentException if no channel {@code id} is open
     */
    public void setHighBandwidth(int id, boolean enabled) {
        synchronized (lock) {
            SimulatorChannel c = channelFor(id);
            if (c == null) {
                throw new IllegalArgumentException("no open channel " + id);
            }
            c.highBandwidth = enabled;
        }
    }

    /** Supports (or refuses) the cookie flag at later OPENs, like an old host. Default on. */
    public void setCookiesSupported(boolean supported) {
        synchronized (lock) {
            cookies = supported;
        }
    }

    /** Switches recording of calls and RPCI commands on or off (off for benchmarks). Default on. */
    public void setRecording(boolean enabled) {
        synchronized (lock) {
            recording = enabled;
        }
    }

    /** Returns the RPCI command table and the state its default handlers keep. */
    public RpciHost rpci() {
        return rpci;
    }

    // ---- TCLO ----------------------------------------------------------------------------

    /**
     * Queues a host-to-guest TCLO request.
     *
     * @return completes with the guest's reply (the bytes of its next send on the TCLO channel), or
     *     exceptionally if the guest refuses the request or closes the channel before replying
     */
    public CompletableFuture<byte[]> submitTclo(byte[] request) {
        TcloRequest r = new TcloRequest(request.clone());
        synchronized (lock) {
            tcloQueue.add(r);
        }
        return r.reply;
    }

    /** {@link #submitTclo(byte[])} for text, encoded as ISO-8859-1 (no NUL appended). */
    public CompletableFuture<byte[]> submitTclo(String request) {
        return submitTclo(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Returns the number of TCLO requests not yet delivered to the guest. */
    public int pendingTcloRequests() {
        synchronized (lock) {
            return tcloQueue.size();
        }
    }

    // ---- faults --------------------------------------------------------------------------

    /** Makes the next call at {@code step} (on any channel) answer {@code CPT}. */
    public void injectCheckpoint(TransferStep step) {
        injectCheckpoint(step, 0);
    }

    /** Makes the call at {@code step} after {@code skip} matching calls answer {@code CPT}. */
    public void injectCheckpoint(TransferStep step, int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip < 0");
        }
        synchronized (lock) {
            checkpoints.add(new int[] {step.ordinal(), skip});
        }
    }

    /** Returns the number of injected checkpoints that have not struck yet. */
    public int pendingCheckpoints() {
        synchronized (lock) {
            return checkpoints.size();
        }
    }

    /**
     * Gives every open channel with cookies new cookies, so the guest's calls fail from now on. Such
     * a TCLO channel no longer blocks a new TCLO open: the guest's cure is to reopen its channels.
     */
    public void invalidateCookies() {
        synchronized (lock) {
            for (SimulatorChannel c : channels) {
                if (c != null && c.cookieChecked) {
                    c.cookieHigh = ~c.cookieHigh;
                    c.cookieLow = random.nextInt();
                    c.cookieInvalidated = true;
                }
            }
        }
    }

    /** Closes a channel from the host side; the guest's next call gets the {@code CLOSED} status. */
    public void closeChannel(int id) {
        TcloRequest abandoned;
        synchronized (lock) {
            abandoned = free(id);
        }
        abandon(abandoned);
    }

    /** Powers the VM off: every message call answers {@code POWEROFF} until {@link #powerOn()}. */
    public void powerOff() {
        synchronized (lock) {
            poweredOff = true;
        }
    }

    /** Ends {@link #powerOff()}. Channels stay as they were. */
    public void powerOn() {
        synchronized (lock) {
            poweredOff = false;
        }
    }

    /**
     * Returns the simulator to its initial state: closes every channel, fails queued and delivered
     * TCLO requests, drops pending faults and records, powers on, and restores high bandwidth and
     * cookie support. The RPCI handlers and their stored state are kept.
     */
    public void reset() {
        List<TcloRequest> failed = new ArrayList<>();
        synchronized (lock) {
            for (int id = 0; id < MAX_CHANNELS; id++) {
                TcloRequest r = free(id);
                if (r != null) {
                    failed.add(r);
                }
            }
            failed.addAll(tcloQueue);
            tcloQueue.clear();
            checkpoints.clear();
            calls.clear();
            rpciCommands.clear();
            poweredOff = false;
            highBandwidth = true;
            cookies = true;
        }
        failed.forEach(VmxSimulator::abandon);
    }

    // ---- observation ---------------------------------------------------------------------

    /** Returns the recorded calls, oldest first. */
    public List<RecordedCall> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    /** Returns the number of recorded calls. */
    public int callCount() {
        synchronized (lock) {
            return calls.size();
        }
    }

    /** Returns the recorded RPCI commands and replies, oldest first. */
    public List<RecordedRpci> rpciCommands() {
        synchronized (lock) {
            return List.copyOf(rpciCommands);
        }
    }

    /** Forgets the recorded calls and RPCI commands. */
    public void clearRecords() {
        synchronized (lock) {
            calls.clear();
            rpciCommands.clear();
        }
    }

    /** Returns the number of open channels. */
    public int openChannels() {
        synchronized (lock) {
            int n = 0;
            for (SimulatorChannel c : channels) {
                n += c == null ? 0 : 1;
            }
            return n;
        }
    }

    // ---- the backdoor --------------------------------------------------------------------

    /** Returns false: the simulator copies from and to heap buffers. */
    @Override
    public boolean needsDirectBuffers() {
        return false;
    }

    @Override
    public Registers lowBandwidth(Registers in) {
        return serve(CallKind.LOW_BANDWIDTH, in, null);
    }

    @Override
    public Registers highBandwidthOut(Registers in, ByteBuffer source) {
        return serve(CallKind.HIGH_BANDWIDTH_OUT, in, source);
    }

    @Override
    public Registers highBandwidthIn(Registers in, ByteBuffer destination) {
        return serve(CallKind.HIGH_BANDWIDTH_IN, in, destination);
    }

    private Registers serve(CallKind kind, Registers in, ByteBuffer buffer) {
        Deferred deferred = new Deferred();
        Registers out;
        synchronized (lock) {
            out = kind == CallKind.LOW_BANDWIDTH
                    ? lowBandwidthLocked(in, deferred)
                    : hbResult(in, highBandwidthLocked(in, buffer, kind == CallKind.HIGH_BANDWIDTH_OUT, deferred));
            if (recording) {
                calls.add(new RecordedCall(kind, in, out));
            }
        }
        deferred.run();
        return out;
    }

    private static Registers hbResult(Registers in, int status) {
        int ecx = MessageStatus.has(status, MessageStatus.SUCCESS) ? 0 : in.ecx();
        return new Registers(in.eax(), status << 16 | (in.ebx() & 0xFFFF), ecx, in.edx(), in.esi(), in.edi(), in.ebp());
    }

    private Registers lowBandwidthLocked(Registers in, Deferred deferred) {
        if (in.eax() != MAGIC || (in.edx() & 0xFFFF) != LB_PORT) {
            return unsupported(in);
        }
        switch (in.ecx() & 0xFFFF) {
            case CMD_GETVERSION:
                return new Registers(VERSION, MAGIC, VMX_TYPE_ESX, in.edx(), in.esi(), in.edi(), in.ebp());
            case CMD_MESSAGE:
                return message(in, deferred);
            case CMD_GETMHZ:
                return new Registers(cpuMhz, MAGIC, in.ecx(), in.edx(), in.esi(), in.edi(), in.ebp());
            case CMD_GETGUIOPTIONS:
                return new Registers(guiOptions, in.ebx(), in.ecx(), in.edx(), in.esi(), in.edi(), in.ebp());
            case CMD_STOPCATCHUP:
                stopCatchups++;
                return in;
            case CMD_GETTIME:
                return time(in, false, false);
            case CMD_GETTIMEFULL:
                return timeFull ? time(in, true, false) : unsupported(in);
            case CMD_GETTIMEFULL_WITH_LAG:
                return timeFullWithLag ? time(in, true, true) : unsupported(in);
            default:
                return unsupported(in);
        }
    }

    private Registers time(Registers in, boolean full, boolean withLag) {
        long micros = hostClock.getAsLong();
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int us = (int) Math.floorMod(micros, 1_000_000L);
        int ecx = withLag ? maxLagMicros : maxLagMicros + interruptLagMicros;
        if (!full) {
            return new Registers((int) seconds, us, ecx, in.edx(), in.esi(), in.edi(), in.ebp());
        }
        int edi = withLag ? interruptLagMicros : in.edi();
        return new Registers(in.eax(), us, ecx, (int) seconds, (int) (seconds >>> 32), edi, in.ebp());
    }

    private static Registers unsupported(Registers in) {
        return new Registers(-1, in.ebx(), in.ecx(), in.edx(), in.esi(), in.edi(), in.ebp());
    }

    private static Registers lbResult(Registers in, int status) {
        return new Registers(in.eax(), in.ebx(), status << 16, in.edx(), in.esi(), in.edi(), in.ebp());
    }

    private Registers message(Registers in, Deferred deferred) {
        MessageType type = MessageType.ofCode(in.ecxHigh());
        if (type == null) {
            return lbResult(in, 0);
        }
        if (type == MessageType.OPEN) {
            return open(in, deferred);
        }
        SimulatorChannel c = channelFor(in.edxHigh());
        int refusal = refusal(c, in.esi(), in.edi(), stepOf(type));
        if (refusal >= 0) {
            if (refusal == MessageStatus.CPT) {
                checkpoint(c, stepOf(type));
            }
            return lbResult(in, refusal);
        }
        int ok = MessageStatus.SUCCESS;
        switch (type) {
            case SENDSIZE: {
                long n = Integer.toUnsignedLong(in.ebx());
                if (n > MessageStatus.MAX_GUEST_TO_HOST) {
                    c.abortInbound();
                    return lbResult(in, 0);
                }
                c.inbound = new byte[(int) n];
                c.inboundFill = 0;
                if (n == 0) {
                    completeSend(c, deferred);
                }
                return lbResult(in, ok | (highBandwidth(c) ? MessageStatus.HB : 0));
            }
            case SENDPAYLOAD: {
                if (c.inbound == null || c.inboundFill >= c.inbound.length) {
                    return lbResult(in, 0);
                }
                LowBandwidthChunks.unpack(in.ebx(), c.inbound, c.inboundFill, c.inbound.length);
                c.inboundFill = Math.min(c.inbound.length, c.inboundFill + 4);
                if (c.inboundFill == c.inbound.length) {
                    completeSend(c, deferred);
                }
                return lbResult(in, ok);
            }
            case RECVSIZE: {
                offerTclo(c);
                if (c.outbound == null) {
                    return lbResult(in, ok);
                }
                c.outboundOffset = 0;
                int status = ok | MessageStatus.DORECV | (highBandwidth(c) ? MessageStatus.HB : 0);
                return new Registers(
                        in.eax(),
                        c.outbound.length,
                        status << 16,
                        MessageType.SENDSIZE.code() << 16 | (in.edx() & 0xFFFF),
                        in.esi(),
                        in.edi(),
                        in.ebp());
            }
            case RECVPAYLOAD: {
                if (c.outbound == null) {
                    return lbResult(in, 0);
                }
                if (in.ebx() != MessageStatus.SUCCESS) {
                    refuseOutbound(c, deferred);
                    return lbResult(in, ok);
                }
                if (c.outboundOffset >= c.outbound.length) {
                    return lbResult(in, 0);
                }
                int chunk = LowBandwidthChunks.pack(c.outbound, c.outboundOffset, c.outbound.length);
                c.outboundOffset += 4;
                return new Registers(
                        in.eax(),
                        chunk,
                        ok << 16,
                        MessageType.SENDPAYLOAD.code() << 16 | (in.edx() & 0xFFFF),
                        in.esi(),
                        in.edi(),
                        in.ebp());
            }
            case RECVSTATUS: {
                if (c.outbound == null) {
                    return lbResult(in, 0);
                }
                if (in.ebx() != MessageStatus.SUCCESS) {
                    refuseOutbound(c, deferred);
                    return lbResult(in, ok);
                }
                if (c.offered != null) {
                    tcloQueue.remove(c.offered);
                    c.inFlight = c.offered;
                    c.sawSend = false;
                }
                c.dropOutbound();
                return lbResult(in, ok);
            }
            case CLOSE: {
                deferred.abandoned = free(c.id);
                return lbResult(in, ok);
            }
            default:
                return lbResult(in, 0);
        }
    }

    private Registers open(Registers in, Deferred deferred) {
        boolean withCookie = (in.ebx() & MessageStatus.FLAG_COOKIE) != 0;
        Protocol protocol = Protocol.ofNumber(in.ebx() & ~MessageStatus.FLAG_COOKIE);
        if (poweredOff) {
            return lbResult(in, MessageStatus.POWEROFF);
        }
        if (protocol == Protocol.TCLO) {
            deferred.abandoned = dropStaleTclo();
        }
        if (protocol == null || (withCookie && !cookies) || (protocol == Protocol.TCLO && tcloOpen())) {
            return lbResult(in, 0);
        }
        for (int id = 0; id < MAX_CHANNELS; id++) {
            if (channels[id] == null) {
                int high = withCookie ? random.nextInt() : 0;
                int low = withCookie ? random.nextInt() : 0;
                channels[id] = new SimulatorChannel(id, protocol, withCookie, high, low);
                return new Registers(
                        in.eax(),
                        in.ebx(),
                        MessageStatus.SUCCESS << 16,
                        id << 16 | (in.edx() & 0xFFFF),
                        high,
                        low,
                        in.ebp());
            }
        }
        return lbResult(in, 0);
    }

    /**
     * A TCLO channel whose cookie the host invalidated is dead for the guest (it cannot even close
     * it), so, as on ESX, a new TCLO open replaces it instead of being refused.
     */
    private TcloRequest dropStaleTclo() {
        for (SimulatorChannel c : channels) {
            if (c != null && c.protocol == Protocol.TCLO && c.cookieInvalidated) {
                return free(c.id);
            }
        }
        return null;
    }

    private boolean tcloOpen() {
        for (SimulatorChannel c : channels) {
            if (c != null && c.protocol == Protocol.TCLO) {
                return true;
            }
        }
        return false;
    }

    private boolean highBandwidth(SimulatorChannel c) {
        return c.highBandwidth == null ? highBandwidth : c.highBandwidth;
    }

    private SimulatorChannel channelFor(int id) {
        return id >= 0 && id < MAX_CHANNELS ? channels[id] : null;
    }

    /** Returns the failure status for a call, or -1 if it may proceed. */
    private int refusal(SimulatorChannel c, int cookieHigh, int cookieLow, TransferStep step) {
        if (poweredOff) {
            return MessageStatus.POWEROFF;
        }
        if (c == null) {
            return MessageStatus.CLOSED;
        }
        if (!c.cookieMatches(cookieHigh, cookieLow)) {
            return 0;
        }
        return step != null && checkpointStrikes(step) ? MessageStatus.CPT : -1;
    }

    private boolean checkpointStrikes(TransferStep step) {
        for (Iterator<int[]> it = checkpoints.iterator(); it.hasNext(); ) {
            int[] cp = it.next();
            if (cp[0] == step.ordinal()) {
                if (cp[1] == 0) {
                    it.remove();
                    return true;
                }
                cp[1]--;
                return false;
            }
        }
        return false;
    }

    /** A checkpoint discards a partial send; a receive starts over from its first byte. */
    private static void checkpoint(SimulatorChannel c, TransferStep step) {
        if (step.isSend()) {
            c.abortInbound();
        } else {
            c.outboundOffset = 0;
        }
    }

    private static TransferStep stepOf(MessageType type) {
        switch (type) {
            case SENDSIZE:
                return TransferStep.SEND_SIZE;
            case SENDPAYLOAD:
                return TransferStep.SEND_PAYLOAD;
            case RECVSIZE:
                return TransferStep.RECEIVE_SIZE;
            case RECVPAYLOAD:
                return TransferStep.RECEIVE_PAYLOAD;
            case RECVSTATUS:
                return TransferStep.RECEIVE_STATUS;
            default:
                return null;
        }
    }

    private int highBandwidthLocked(Registers in, ByteBuffer buffer, boolean out, Deferred deferred) {
        SimulatorChannel c = channelFor(in.edxHigh());
        if (in.eax() != MAGIC
                || (in.edx() & 0xFFFF) != HB_PORT
                || (in.ebx() & 0xFFFF) != 0
                || (c != null && !highBandwidth(c))) {
            return 0;
        }
        // The string instruction owns ESI (outs) or EDI (ins), so the cookie halves move.
        int cookieHigh = out ? in.ebp() : in.esi();
        int cookieLow = out ? in.edi() : in.ebp();
        TransferStep step = out ? TransferStep.SEND_HIGH_BANDWIDTH : TransferStep.RECEIVE_HIGH_BANDWIDTH;
        int refusal = refusal(c, cookieHigh, cookieLow, step);
        if (refusal >= 0) {
            if (refusal == MessageStatus.CPT) {
                checkpoint(c, step);
            }
            return refusal;
        }
        long count = Integer.toUnsignedLong(in.ecx());
        if (out) {
            if (c.inbound == null || c.inboundFill != 0 || count != c.inbound.length || count == 0) {
                return 0;
            }
            buffer.get(buffer.position(), c.inbound, 0, (int) count);
            c.inboundFill = (int) count;
            completeSend(c, deferred);
        } else {
            if (c.outbound == null || count != c.outbound.length) {
                return 0;
            }
            buffer.put(buffer.position(), c.outbound, 0, (int) count);
            c.outboundOffset = (int) count;
        }
        return MessageStatus.SUCCESS;
    }

    /** A guest-to-host message is complete: RPCI goes to its handler, TCLO answers the request in flight. */
    private void completeSend(SimulatorChannel c, Deferred deferred) {
        byte[] message = c.inbound;
        c.abortInbound();
        if (c.protocol == Protocol.RPCI) {
            c.dropOutbound();
            deferred.rpciChannel = c;
            deferred.rpciCommand = message;
        } else {
            c.sawSend = true;
            if (c.inFlight != null) {
                deferred.answered = c.inFlight;
                deferred.answer = message;
                c.inFlight = null;
            }
        }
    }

    private void offerTclo(SimulatorChannel c) {
        if (c.protocol == Protocol.TCLO
                && c.outbound == null
                && c.inFlight == null
                && c.sawSend
                && !tcloQueue.isEmpty()) {
            c.offered = tcloQueue.peek();
            c.outbound = c.offered.bytes;
            c.outboundOffset = 0;
        }
    }

    /** The guest refused the pending message (status 0): drop it, failing a TCLO request. */
    private void refuseOutbound(SimulatorChannel c, Deferred deferred) {
        if (c.offered != null) {
            tcloQueue.remove(c.offered);
            deferred.refused = c.offered;
        }
        c.dropOutbound();
    }

    /** Frees a slot; returns the TCLO request whose reply will now never come, if any. */
    private TcloRequest free(int id) {
        SimulatorChannel c = channelFor(id);
        if (c == null) {
            return null;
        }
        channels[id] = null;
        return c.inFlight;
    }

    private static void abandon(TcloRequest request) {
        if (request != null) {
            request.reply.completeExceptionally(new IllegalStateException(
                    "the TCLO request was dropped before the guest replied (channel closed or simulator reset)"));
        }
    }

    /** Work done after the lock is released: handlers may block or call back into the simulator. */
    private final class Deferred {
        SimulatorChannel rpciChannel;
        byte[] rpciCommand;
        TcloRequest answered;
        byte[] answer;
        TcloRequest refused;
        TcloRequest abandoned;

        void run() {
            if (rpciCommand != null) {
                byte[] reply;
                try {
                    reply = rpci.handle(rpciCommand);
                } catch (RuntimeException e) {
                    // A broken test handler must not break the guest's call or a bridge connection.
                    reply = RpciHandler.error("handler failed: " + e);
                }
                synchronized (lock) {
                    if (channels[rpciChannel.id] == rpciChannel) {
                        rpciChannel.outbound = reply;
                        rpciChannel.outboundOffset = 0;
                    }
                    if (recording) {
                        rpciCommands.add(new RecordedRpci(rpciChannel.id, rpciCommand, reply));
                    }
                }
            }
            if (answered != null) {
                answered.reply.complete(answer);
            }
            if (refused != null) {
                refused.reply.completeExceptionally(new IllegalStateException("the guest refused the TCLO request"));
            }
            abandon(abandoned);
        }
    }
}
