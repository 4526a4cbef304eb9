package io.github.guesttools.toolbox.guestops;

import io.github.guesttools.hgfs.archive.ArchiveHandler;
import io.github.guesttools.hgfs.codec.HgfsStatus;
import io.github.guesttools.hgfs.server.HgfsServer;
import io.github.guesttools.hgfs.spi.Caller;
import io.github.guesttools.hgfs.spi.FileAttributes;
import io.github.guesttools.hgfs.spi.FileHandler;
import io.github.guesttools.hgfs.spi.FileType;
import io.github.guesttools.hgfs.spi.HgfsException;
import io.github.guesttools.hgfs.spi.TransferPath;
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
import java.util.Map;
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
    private final Map<String, FileHandler> extraHandlers;

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
        this(processes, sessionsPerUser, agentSessions, handlesPerSession, Map.of());
    }

    /**
     * @param processes the processes whose I/O files are served
     * @param sessionsPerUser HGFS sessions one user may hold
     * @param agentSessions HGFS sessions of TCLO {@code f}
     * @param handlesPerSession open handles per session
     * @param handlers more schemes ({@code /<scheme>:/...} or {@code /<scheme>/...}), which may
     *     replace {@code proc} and {@code archive}; their paths can also be named in the file-transfer
     *     ops, like {@code /proc/<pid>/stdout}
     */
    public HgfsOperations(
            ProcessManager processes,
            int sessionsPerUser,
            int agentSessions,
            int handlesPerSession,
            Map<String, FileHandler> handlers) {
        HgfsServer.Builder b = HgfsServer.builder()
                .handler(ProcessFileHandler.SCHEME, new ProcessFileHandler(processes))
                .handler("archive", new ArchiveHandler());
        handlers.forEach(b::handler);
        this.extraHandlers = Map.copyOf(handlers);
        this.server = b.idleTimeout(Duration.ofSeconds(120))
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
            return statExtra(call, path);
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

    /**
     * A path of an added scheme, as that handler sees it; empty (the local file) when the path has
     * another scheme, is not a regular file or the handler does not know it, as the HGFS server does.
     */
    private Optional<VirtualFiles.VirtualFile> statExtra(VixCall call, String path) throws VixException {
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? "/" : rest.substring(slash);
        String scheme = first.endsWith(":") ? first.substring(0, first.length() - 1) : first;
        FileHandler handler = extraHandlers.get(scheme);
        if (handler == null || path.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        int q = tail.indexOf('?');
        TransferPath t =
                new TransferPath(path, scheme, q < 0 ? tail : tail.substring(0, q), q < 0 ? "" : tail.substring(q + 1));
        Optional<FileAttributes> a = asUser(call, () -> {
            try {
                return Optional.of(handler.stat(caller(call), t));
            } catch (HgfsException e) {
                if (e.status() == HgfsStatus.NO_SUCH_FILE_OR_DIR) {
                    return Optional.empty();
                }
                throw new VixFailure(
                        e.isRetryLater() ? VixError.FILE_ACCESS_ERROR : VixError.FILE_NOT_FOUND, e.getMessage());
            }
        });
        return a.filter(f -> f.type() == FileType.REGULAR)
                .map(f -> new VirtualFiles.VirtualFile(
                        f.size(), f.mode() & 07777, f.modifyTime().getEpochSecond()));
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
