package example;

import io.github.guesttools.hgfs.codec.CpName;
import io.github.guesttools.hgfs.codec.HgfsCodec;
import io.github.guesttools.hgfs.codec.HgfsHeader;
import io.github.guesttools.hgfs.codec.HgfsMessage;
import io.github.guesttools.hgfs.codec.HgfsOp;
import io.github.guesttools.hgfs.codec.HgfsPacket;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.codec.LegacyPrefix;
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.identity.Account;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Serves a file download through the HGFS server, sending the packets the VMX sends. */
public final class Main {
    private static final long ID = 0x80000000L;

    public static void main(String[] args) throws Exception {
        byte[] content = "hgfs ok\n".repeat(20_000).getBytes(StandardCharsets.UTF_8); // several reads
        Path file = Files.write(Path.of(args[0]).resolve("download.txt"), content);
        HgfsServer server = HgfsServer.builder().build();
        Caller caller = Caller.of(Account.current());

        long session = ((HgfsMessage.CreateSessionReply) call(server, caller, HgfsOp.CREATE_SESSION_V4, 0,
                new HgfsMessage.CreateSessionRequest(0xF800, 0, 0, List.of()))).sessionId();
        long handle = ((HgfsMessage.OpenReply) call(server, caller, HgfsOp.OPEN, session, new HgfsMessage.OpenRequest(
                new LegacyPrefix(ID, HgfsOp.OPEN), 0, 0, 0, CpName.ofPath(file.toString())))).handle();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            ByteBuffer data = ((HgfsMessage.ReadV3Reply) call(server, caller, HgfsOp.READ_V3, session,
                    new HgfsMessage.ReadV3Request(handle, out.size(), 0xF000, 0))).data();
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            out.writeBytes(chunk);
            if (chunk.length < 0xF000) {
                break;
            }
        }
        call(server, caller, HgfsOp.CLOSE, session,
                new HgfsMessage.CloseRequest(new LegacyPrefix(ID, HgfsOp.CLOSE), handle));
        call(server, caller, HgfsOp.DESTROY_SESSION_V4, session, new HgfsMessage.DestroySession(0));
        if (!java.util.Arrays.equals(out.toByteArray(), content)) {
            throw new AssertionError("downloaded " + out.size() + " bytes, not the file's " + content.length);
        }
        System.out.println("downloaded " + out.size() + " bytes through HGFS");
    }

    private static HgfsMessage call(HgfsServer server, Caller caller, int op, long session, HgfsMessage m)
            throws Exception {
        byte[] request = HgfsCodec.encode(new HgfsPacket(HgfsHeader.request(ID, op, session), m));
        HgfsPacket reply = HgfsCodec.decodeReply(server.handle(caller, request));
        if (HgfsStatus.of(reply.header().status()) != HgfsStatus.SUCCESS) {
            throw new AssertionError("op " + op + ": " + HgfsStatus.of(reply.header().status()));
        }
        return reply.message();
    }
}
