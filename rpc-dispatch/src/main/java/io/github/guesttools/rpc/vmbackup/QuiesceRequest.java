package io.github.guesttools.rpc.vmbackup;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a start request asks for ({@code docs/protocols/vmbackup.md} §2.1, §2.2).
 *
 * @param manifest a manifest was requested
 * @param quiesceFS freeze the file systems ({@code quiesceApps} adds nothing on Linux)
 * @param execScripts run the freeze/thaw scripts
 * @param scriptArg the extra script argument, empty for none
 * @param timeoutSeconds the overall bound, 0 = the configured default
 */
public record QuiesceRequest(
        boolean manifest, boolean quiesceFS, boolean execScripts, String scriptArg, long timeoutSeconds) {
    /** The reply text for a body that cannot be decoded. */
    public static final String BAD_XDR = "XDR deserialization failed.";
    /** The reply text for a parameter version other than 1. */
    public static final String BAD_VERSION = "Incompatible quiesce parameter version";

    static final int MAX_BODY = 4096;
    static final int MAX_SCRIPT_ARG = 256;
    static final int MAX_DISK_UUIDS = 3200;

    /**
     * {@code vmbackup.start [<manifest> [<volumes>]]}: the manifest flag; everything else from the
     * settings (a bare start is treated like {@code start 0}, scripts on). Volumes are ignored: every
     * local mount is frozen.
     */
    public static QuiesceRequest parseStart(byte[] args, VmBackupSettings settings) {
        String text =
                new String(args, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
        String first = text.isEmpty() ? "0" : text.split(" ", 2)[0];
        boolean manifest;
        try {
            manifest = Long.parseLong(first) != 0;
        } catch (NumberFormatException e) {
            manifest = false;
        }
        return new QuiesceRequest(manifest, true, settings.execScripts(), settings.scriptArg(), 0);
    }

    /**
     * {@code vmbackup.startWithOpts} body: XDR {@code GuestQuiesceParams} version 1.
     *
     * @throws IllegalArgumentException with {@link #BAD_XDR} or {@link #BAD_VERSION}
     */
    public static QuiesceRequest decodeWithOpts(byte[] body) {
        if (body.length > MAX_BODY) {
            throw new IllegalArgumentException(BAD_XDR);
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        try {
            int version = b.getInt();
            if (version != 1) {
                throw new IllegalArgumentException(version == 2 ? BAD_VERSION : BAD_XDR);
            }
            if (b.getInt() != 1) {
                throw new IllegalArgumentException(BAD_XDR);
            }
            boolean manifest = bool(b);
            bool(b); // quiesceApps: nothing beyond quiesceFS on Linux
            boolean fs = bool(b);
            bool(b); // writableSnapshot
            boolean scripts = bool(b);
            String arg = new String(opaque(b, MAX_SCRIPT_ARG), StandardCharsets.UTF_8);
            long timeout = Integer.toUnsignedLong(b.getInt());
            opaque(b, MAX_DISK_UUIDS); // disk UUIDs: ignored on Linux
            for (char c : arg.toCharArray()) {
                if (c < ' ' || c == 0x7f) {
                    throw new IllegalArgumentException(BAD_XDR);
                }
            }
            return new QuiesceRequest(manifest, fs, scripts, arg, timeout);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(BAD_XDR, e);
        }
    }

    private static boolean bool(ByteBuffer b) {
        int v = b.getInt();
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(BAD_XDR);
        }
        return v == 1;
    }

    private static byte[] opaque(ByteBuffer b, int max) {
        int n = b.getInt();
        if (n < 0 || n > max || n > b.remaining()) {
            throw new IllegalArgumentException(BAD_XDR);
        }
        byte[] out = new byte[n];
        b.get(out);
        int pad = (4 - n % 4) % 4;
        if (pad > b.remaining()) {
            throw new IllegalArgumentException(BAD_XDR);
        }
        b.position(b.position() + pad);
        return out;
    }
}
