package io.github.guesttools.toolbox.guestops;

import io.github.guesttools.hgfs.archive.ArchiveHandler;
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.identity.Account;
import io.github.guesttools.process.ProcessManager;
import io.github.guesttools.toolbox.dispatch.VixCall;
import io.github.guesttools.toolbox.dispatch.VixDispatcher;
import io.github.guesttools.toolbox.files.VirtualFiles;
import io.github.guesttools.toolbox.processfiles.ProcessFileHandler;
import io.github.guesttools.toolbox.vix.HgfsPacketRequest;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HGFS server behind VIX op 84 and TCLO {@code f}, with the process I/O files
 * ({@code /proc/<pid>/std*}) and archives. An op-84 packet is handled with the authenticated
 * user's rights: on a {@code RunAs} thread whose file-system identity is the user's, and the
 * archive threads the server starts from there inherit that identity (Linux copies a thread's
 * credentials to the threads it creates). TCLO {@code f} carries no credentials; like vmtoolsd it
 * is served as the agent's own user. Each packet reaches the server with its {@link Caller}
 * (the authenticated user, or the agent for TCLO), so a session belongs to whoever created it and
 * the process handler checks {@code /proc/<pid>/std*} against that user.
 */
public final class HgfsOperations implements AutoCloseable {
    private static final Pattern PROCESS_IO = Pattern.compile("/proc/[0-9]{1,19}/std(in|out|err)");

    private final HgfsServer server;
    private final Caller agent;

    /**
     * With the default limits of {@link HgfsServer.Builder}.
     *
     * @param processes the processes whose I/O files are served
     */
    public HgfsOperations(ProcessManager processes) {
        this(
                processes,
                HgfsServer.Builder.DEFAULT_SESSIONS_PER_USER,
                HgfsServer.Builder.DEFAULT_AGENT_SESSIONS,
                HgfsServer.Builder.DEFAULT_HANDLES_PER_SESSION);
    }

    /**
     * @param processes the processes whose I/O files are served
     * @param sessionsPerUser HGFS sessions one user may hold
     * @param agentSessions HGFS sessions of TCLO {@code f}
     * @param handlesPerSession open handles per session
     */
    public HgfsOperations(ProcessManager processes, int sessionsPerUser, int agentSessions, int handlesPerSession) {
        this.server = HgfsServer.builder()
                .handler(ProcessFileHandler.SCHEME, new ProcessFileHandler(processes))
                .handler("archive", new ArchiveHandler())
                .idleTimeout(Duration.ofSeconds(120))
                .maxSessionsPerUser(sessionsPerUser)
                .maxAgentSessions(agentSessions)
                .maxHandlesPerSession(handlesPerSession)
                .build();
        this.agent = Caller.agent(Account.current());
    }

    /**
     * Registers op 84.
     *
     * @param builder the dispatcher being built
     * @return the same builder
     */
    public VixDispatcher.Builder register(VixDispatcher.Builder builder) {
        return builder.handle(VixOp.HGFS_SEND_PACKET, this::relay);
    }

    /** @return the transfer view of {@code /proc/<pid>/std*} for InitiateFileTransfer ops */
    public VirtualFiles processIoFiles() {
        return this::statProcessIo;
    }

    /**
     * TCLO {@code f <packet>}: the HGFS reply packet, as the agent's user.
     *
     * @param packet the request packet
     * @return the reply packet
     */
    public byte[] handleTclo(byte[] packet) {
        return server.handle(agent, packet);
    }

    private VixReply relay(VixCall call) throws VixException {
        ByteBuffer packet = ((HgfsPacketRequest) call.request()).packet();
        byte[] request = new byte[packet.remaining()];
        packet.get(request);
        byte[] reply = asUser(call, () -> server.handle(caller(call), request));
        return VixReply.binary(ByteBuffer.wrap(reply));
    }

    private Optional<VirtualFiles.VirtualFile> statProcessIo(VixCall call, String path) throws VixException {
        if (!PROCESS_IO.matcher(path).matches()) {
            return Optional.empty();
        }
        FileAttributes a = asUser(call, () -> {
            try {
                return server.stat(caller(call), path);
            } catch (HgfsException e) {
                if (e.isRetryLater()) {
                    throw new VixFailure(VixError.FILE_ACCESS_ERROR, "retry later: " + e.getMessage());
                }
                throw new VixFailure(VixError.FILE_NOT_FOUND, e.getMessage());
            }
        });
        return Optional.of(new VirtualFiles.VirtualFile(
                a.size(), a.mode() & 07777, a.modifyTime().getEpochSecond()));
    }

    private <T> T asUser(VixCall call, Action<T> action) throws VixException {
        try {
            return call.runAs().run(call.user(), action::run);
        } catch (VixFailure e) {
            throw new VixException(e.error, e.getMessage());
        } catch (IOException e) {
            throw new VixException(
                    VixError.FAIL, 0, "could not act as " + call.user().name(), e);
        }
    }

    private static Caller caller(VixCall call) {
        return Caller.of(call.user());
    }

    @Override
    public void close() {
        server.close();
    }

    @FunctionalInterface
    private interface Action<T> {
        T run() throws IOException;
    }

    /** Carries a VIX code out of a RunAs action, which may only throw IOException. */
    private static final class VixFailure extends IOException {
        private static final long serialVersionUID = 1L;
        private final int error;

        VixFailure(int error, String message) {
            super(message);
            this.error = error;
        }
    }
}
