package io.github.guesttools.toolbox.hostsim;

import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsProtocolException;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;

/**
 * The VMX's HGFS sequences of {@code docs/protocols/hgfs.md} §10, each packet in its own VIX op 84: download =
 * CREATE_SESSION_V4, GETATTR_V2, OPEN, READ_V3 (0xF000) until a short read, CLOSE,
 * DESTROY_SESSION_V4; upload = CREATE_SESSION_V4, OPEN_V3 (write, create-empty, mask 0x80B),
 * WRITE_V3 (append) per 0xF000 bytes, CLOSE_V3, DESTROY_SESSION_V4.
 */
public final class HgfsTransfers {
    private static final int CHUNK = 0xF000;
    private static final int OPEN_CREATE_EMPTY = 4;
    private static final int WRITE_ONLY = 1;

    private final GuestOpsClient client;
    private long requestId = 1;
    private long session;

    HgfsTransfers(GuestOpsClient client) {
        this.client = client;
    }

    /** A failed step: the VIX or HGFS status that stopped the transfer. */
    public static final class TransferException extends IOException {
        private static final long serialVersionUID = 1L;

        TransferException(String message) {
            super(message);
        }
    }

    /**
     * @param path the guest path (as given to op 188, e.g. {@code /proc/123/stdout} or
     *             {@code /archive:/dir?format=tgz})
     * @return the bytes the guest served
     * @throws IOException when any step fails
     */
    public byte[] download(String path) throws IOException {
        GuestOpsClient.Reply initiate = client.transferFrom(path);
        require(initiate, "InitiateFileTransferFromGuest " + path);
        createSession();
        try {
            exchange(
                    HgfsOp.GETATTR_V2,
                    new HgfsMessage.GetattrV2Request(
                            new LegacyPrefix(requestId, HgfsOp.GETATTR_V2), 0, 0, CpName.ofPath(path)));
            HgfsMessage.OpenReply open = (HgfsMessage.OpenReply) exchange(
                    HgfsOp.OPEN,
                    new HgfsMessage.OpenRequest(
                            new LegacyPrefix(requestId, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(path)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long offset = 0;
            while (true) {
                HgfsMessage.ReadV3Reply read = (HgfsMessage.ReadV3Reply)
                        exchange(HgfsOp.READ_V3, new HgfsMessage.ReadV3Request(open.handle(), offset, CHUNK, 0));
                ByteBuffer data = read.data();
                int n = data.remaining();
                byte[] chunk = new byte[n];
                data.get(chunk);
                out.write(chunk);
                offset += n;
                if (n < CHUNK) {
                    break;
                }
            }
            exchange(
                    HgfsOp.CLOSE,
                    new HgfsMessage.CloseRequest(new LegacyPrefix(requestId, HgfsOp.CLOSE), open.handle()));
            return out.toByteArray();
        } finally {
            destroySession();
        }
    }

    /**
     * Downloads a file that may not be ready yet, like {@code /proc/<pid>/stdout} of a program that
     * still runs: a VIX 13 ("retry later") is tried again, as vSphere's clients do.
     *
     * @param path the guest path
     * @param attempts how many times to try
     * @param pause the wait between attempts
     * @return the bytes the guest served
     * @throws IOException when a step fails otherwise, or still 13 after the last attempt
     * @throws InterruptedException when interrupted while waiting
     */
    public byte[] downloadWhenReady(String path, int attempts, Duration pause)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return download(path);
            } catch (TransferException e) {
                if (attempt >= attempts || !e.getMessage().contains("VIX 13 ")) {
                    throw e;
                }
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /**
     * @param path the guest path (a file, or a directory / {@code /archive:} path for an archive)
     * @param content the bytes to write
     * @param overwrite whether an existing file may be replaced
     * @throws IOException when any step fails
     */
    public void upload(String path, byte[] content, boolean overwrite) throws IOException {
        require(client.transferTo(path, overwrite), "InitiateFileTransferToGuest " + path);
        createSession();
        try {
            long mask = HgfsMessage.OpenV3Request.VALID_MODE
                    | HgfsMessage.OpenV3Request.VALID_FLAGS
                    | HgfsMessage.OpenV3Request.VALID_OWNER_PERMS
                    | 0x800;
            HgfsMessage.OpenV3Reply open = (HgfsMessage.OpenV3Reply) exchange(
                    HgfsOp.OPEN_V3,
                    new HgfsMessage.OpenV3Request(
                            mask,
                            WRITE_ONLY,
                            OPEN_CREATE_EMPTY,
                            0,
                            6,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            0,
                            new HgfsMessage.FileNameV3(0, 0, -1, CpName.ofPath(path))));
            int at = 0;
            do {
                int n = Math.min(CHUNK, content.length - at);
                exchange(
                        HgfsOp.WRITE_V3,
                        new HgfsMessage.WriteV3Request(
                                open.handle(),
                                HgfsMessage.WriteV3Request.FLAG_APPEND,
                                at,
                                n,
                                0,
                                ByteBuffer.wrap(content, at, n)));
                at += n;
            } while (at < content.length);
            exchange(HgfsOp.CLOSE_V3, new HgfsMessage.CloseV3Request(open.handle(), 0));
        } finally {
            destroySession();
        }
    }

    private void createSession() throws IOException {
        session = 0;
        HgfsMessage.CreateSessionReply reply = (HgfsMessage.CreateSessionReply)
                exchange(HgfsOp.CREATE_SESSION_V4, new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()));
        session = reply.sessionId();
    }

    private void destroySession() throws IOException {
        exchange(HgfsOp.DESTROY_SESSION_V4, new HgfsMessage.DestroySession(0));
    }

    private HgfsMessage exchange(int op, HgfsMessage message) throws IOException {
        byte[] packet = HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(requestId++, op, session), message));
        GuestOpsClient.Reply reply = client.hgfsPacket(packet);
        require(reply, "HGFS op " + op);
        try {
            HgfsPacket decoded = HgfsCodec.decodeReply(reply.result());
            if (decoded.header().status() != 0) {
                throw new TransferException("HGFS op " + op + " failed with status "
                        + decoded.header().status());
            }
            return decoded.message();
        } catch (HgfsProtocolException e) {
            throw new TransferException("HGFS op " + op + ": bad reply: " + e.getMessage());
        }
    }

    private static void require(GuestOpsClient.Reply reply, String what) throws TransferException {
        if (!reply.ok()) {
            throw new TransferException(what + " failed: VIX " + reply.error() + " (" + reply.additional() + ")");
        }
    }
}
