package io.github.guesttools.backdoor.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The VMX side of a quiesced snapshot ({@code docs/protocols/vmbackup.md}): sends the {@code
 * vmbackup.*} TCLO requests, records the guest's {@code vmbackup.eventSet} events, and can vanish
 * mid-snapshot (every event from then on is refused, as when the host side of the snapshot dies).
 */
public final class QuiesceHost {

    /**
     * One {@code vmbackup.eventSet} the guest sent.
     *
     * @param name the event name
     * @param code the status code
     * @param text the text (possibly empty)
     */
    public record Event(String name, int code, String text) {}

    private final VmxSimulator vmx;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> rawEvents = new CopyOnWriteArrayList<>();
    private volatile boolean vanished;

    /** Registers the {@code vmbackup.eventSet} handler on {@code vmx}. */
    public QuiesceHost(VmxSimulator vmx) {
        this.vmx = vmx;
        vmx.rpci().register("vmbackup.eventSet", this::eventSet);
    }

    private byte[] eventSet(RpciCommand command) {
        if (vanished) {
            return RpciHandler.error("No quiesce operation in progress");
        }
        String text = command.text();
        rawEvents.add(text);
        String[] f = text.split(" ", 3);
        if (f.length < 2) {
            return RpciHandler.error("Invalid arguments");
        }
        try {
            events.add(new Event(f[0], Integer.parseInt(f[1]), f.length > 2 ? f[2] : ""));
        } catch (NumberFormatException e) {
            return RpciHandler.error("Invalid arguments");
        }
        return RpciHandler.ok("");
    }

    /** Sends {@code vmbackup.start <manifest>}. */
    public CompletableFuture<byte[]> start(boolean manifest) {
        return vmx.submitTclo("vmbackup.start " + (manifest ? 1 : 0));
    }

    /** Sends {@code vmbackup.startWithOpts } + {@code params} (see {@link #paramsV1}). */
    public CompletableFuture<byte[]> startWithOpts(byte[] params) {
        byte[] name = "vmbackup.startWithOpts ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[name.length + params.length];
        System.arraycopy(name, 0, request, 0, name.length);
        System.arraycopy(params, 0, request, name.length, params.length);
        return vmx.submitTclo(request);
    }

    /** Sends {@code vmbackup.snapshotDone}: the disk snapshot exists. */
    public CompletableFuture<byte[]> snapshotDone() {
        return vmx.submitTclo("vmbackup.snapshotDone");
    }

    /** Sends {@code vmbackup.abort}. */
    public CompletableFuture<byte[]> abort() {
        return vmx.submitTclo("vmbackup.abort");
    }

    /** From now on every {@code vmbackup.eventSet} is refused: the host side of the snapshot is gone. */
    public void vanish() {
        vanished = true;
    }

    /** The events received, oldest first. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    /** The event texts as received ({@code <event> <code> <text>}), oldest first. */
    public List<String> rawEvents() {
        return List.copyOf(rawEvents);
    }

    /** The events received except keep-alives, oldest first. */
    public List<Event> progress() {
        return events.stream().filter(e -> !e.name().equals("req.keepAlive")).toList();
    }

    /** The path of the last {@code req.genericManifest} event (the quiesce manifest the guest wrote), if any. */
    public Optional<String> manifestPath() {
        String path = null;
        for (Event e : events) {
            if (e.name().equals("req.genericManifest") && e.code() == 0) {
                path = e.text();
            }
        }
        return Optional.ofNullable(path);
    }

    /** Whether an event named {@code name} arrived. */
    public boolean received(String name) {
        return events.stream().anyMatch(e -> e.name().equals(name));
    }

    /**
     * An XDR {@code GuestQuiesceParams} version 1 body.
     *
     * @param manifest createManifest
     * @param quiesceFS quiesceApps and quiesceFS
     * @param scripts execScripts
     * @param scriptArg scriptArg
     * @param timeoutSeconds timeout
     * @param diskUuids space-separated disk UUIDs
     */
    public static byte[] paramsV1(
            boolean manifest,
            boolean quiesceFS,
            boolean scripts,
            String scriptArg,
            int timeoutSeconds,
            String diskUuids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] head = {1, 1, manifest ? 1 : 0, quiesceFS ? 1 : 0, quiesceFS ? 1 : 0, 0, scripts ? 1 : 0};
        for (int v : head) {
            out.writeBytes(u32(v));
        }
        opaque(out, scriptArg.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(u32(timeoutSeconds));
        opaque(out, diskUuids.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static void opaque(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(u32(b.length));
        out.writeBytes(b);
        out.writeBytes(new byte[(4 - b.length % 4) % 4]);
    }

    private static byte[] u32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }
}
