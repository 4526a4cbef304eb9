package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.identity.Account;
import io.github.guesttools.identity.RunAs;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.auth.Authenticator;
import io.github.guesttools.toolbox.auth.LoginThrottle;
import io.github.guesttools.toolbox.vix.UserCredential;
import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import io.github.guesttools.toolbox.vix.VixMessage;
import io.github.guesttools.toolbox.vix.VixMessageDecoder;
import io.github.guesttools.toolbox.vix.VixOp;
import io.github.guesttools.toolbox.vix.VixReply;
import io.github.guesttools.toolbox.vix.VixReplyEncoder;
import io.github.guesttools.toolbox.vix.VixRequest;
import io.github.guesttools.toolbox.vix.VixRequestDecoder;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code Vix_1_Relayed_Command}: takes the bytes after the command name and returns the
 * TCLO reply bytes. Order (open-vm-tools): framing and header, unknown op (3025), frozen I/O (5),
 * authentication for every op but GetToolsState (3050), strict body decoding, disable switch
 * (20005), then the op's handler. Nothing a request contains makes it throw.
 *
 * <p>One user name may have at most {@link Builder#maxRequestsPerUser} requests in progress (default
 * {@value #DEFAULT_REQUESTS_PER_USER}); the count starts before the password is checked, and past it
 * the request is answered 5 ({@code OBJECT_IS_BUSY}) at once, without a login attempt.
 *
 * <pre>{@code
 * VixDispatcher vix = VixDispatcher.builder()
 *         .authenticator(Authenticator.throttled(Authenticator.pam(), new LoginThrottle()))
 *         .handle(VixOp.START_PROGRAM, call -> VixReply.ok(Long.toString(start(call))))
 *         .build();
 * byte[] reply = vix.dispatch(argsAfterCommandName);
 * }</pre>
 */
public final class VixDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(VixDispatcher.class);

    /** Requests one user name may have in progress by default. */
    public static final int DEFAULT_REQUESTS_PER_USER = 3;

    private final Map<Integer, VixOpHandler> handlers;
    private final Authenticator authenticator;
    private final CredentialAuthenticator credentialAuthenticator;
    private final RunAs runAs;
    private final Function<String, Optional<Account>> users;
    private final Set<GuestOperation> disabled;
    private final BooleanSupplier ioFrozen;
    private final RequestsInProgress inProgress;

    private VixDispatcher(Builder b) {
        this.handlers = Map.copyOf(b.handlers);
        this.authenticator = b.authenticator;
        this.credentialAuthenticator = b.credentialAuthenticator;
        this.runAs = b.runAs != null ? b.runAs : RunAs.forThisProcess();
        this.users = b.users;
        this.disabled = Set.copyOf(b.disabled);
        this.ioFrozen = b.ioFrozen;
        this.inProgress = new RequestsInProgress(b.requestsPerUser);
    }

    /** @return a builder: PAM authentication with back-off, no handlers, nothing disabled */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param args the TCLO arguments after {@code Vix_1_Relayed_Command }; the password part of
     *             this array is zeroed once the login has been checked
     * @return the TCLO reply ({@code OK <error> <errno> ...})
     */
    public byte[] dispatch(byte[] args) {
        return VixReplyEncoder.encode(reply(args));
    }

    /**
     * @param args as for {@link #dispatch(byte[])}
     * @return the reply before encoding
     */
    public VixReply reply(byte[] args) {
        try {
            return handle(args);
        } catch (VixException e) {
            LOG.debug("VIX error {}: {}", e.error(), e.getMessage());
            return VixReply.of(e);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("VIX handler failed", e);
            return VixReply.error(VixError.FAIL, 0);
        }
    }

    /** @return whether a handler is registered for {@code opCode} */
    public boolean handles(int opCode) {
        return handlers.containsKey(opCode);
    }

    /** @return the operations switched off */
    public Set<GuestOperation> disabled() {
        return disabled;
    }

    private VixReply handle(byte[] args) throws VixException {
        VixMessage message = VixMessageDecoder.decode(ByteBuffer.wrap(args));
        int op = message.header().opCode();
        VixOpHandler handler = handlers.get(op);
        if (handler == null) {
            throw new VixException(VixError.UNRECOGNIZED_COMMAND_IN_GUEST, "unknown op " + op);
        }
        if (ioFrozen.getAsBoolean()) {
            throw new VixException(VixError.OBJECT_IS_BUSY, "guest I/O is frozen");
        }
        Account user = null;
        RequestsInProgress.Slot slot = RequestsInProgress.Slot.NONE;
        try {
            if (op != VixOp.GET_TOOLS_STATE) {
                int from = message.credentialOffset();
                int length = message.credential().remaining();
                try {
                    if (credentialAuthenticator != null) {
                        slot = inProgress.enter(claimedName(message));
                        user = login(message);
                    } else {
                        try (UserCredential credential =
                                UserCredential.decode(message.header().userCredentialType(), message.credential())) {
                            slot = inProgress.enter(credential.name());
                            user = login(credential);
                        }
                    }
                } finally {
                    Arrays.fill(args, from, from + length, (byte) 0);
                }
            }
            VixRequest request = VixRequestDecoder.decode(message);
            Optional<GuestOperation> switchable = GuestOperation.ofOp(op);
            if (switchable.isPresent() && disabled.contains(switchable.get())) {
                throw new VixException(
                        VixError.OPERATION_DISABLED, switchable.get().configName() + " is disabled");
            }
            return handler.handle(new VixCall(message.header(), request, user, runAs));
        } finally {
            slot.close();
        }
    }

    private Account login(UserCredential credential) throws VixException {
        try {
            authenticator.authenticate(credential.name(), credential.password());
        } catch (AuthenticationException e) {
            LOG.info("guest login refused: {}", e.getMessage());
            throw new VixException(VixError.INVALID_LOGIN_CREDENTIALS, e.getMessage());
        }
        return account(credential.name());
    }

    private Account login(VixMessage message) throws VixException {
        String name;
        try {
            name = credentialAuthenticator.authenticate(message.header(), message.credential());
        } catch (AuthenticationException e) {
            LOG.info("guest login refused: {}", e.getMessage());
            throw new VixException(VixError.INVALID_LOGIN_CREDENTIALS, e.getMessage());
        }
        if (name == null || name.isEmpty()) {
            throw new VixException(VixError.INVALID_LOGIN_CREDENTIALS, "the authenticator named no account");
        }
        return account(name);
    }

    /**
     * The name the in-progress bound counts before a custom authenticator runs: the user of a
     * name/password credential, else one shared bucket per credential type (a caller cannot pick it).
     */
    private static String claimedName(VixMessage message) {
        int type = message.header().userCredentialType();
        try (UserCredential c = UserCredential.decode(type, message.credential())) {
            return c.name();
        } catch (VixException e) {
            return "\0credential type " + type;
        }
    }

    private Account account(String name) throws VixException {
        Account user = users.apply(name)
                .orElseThrow(() -> new VixException(VixError.INVALID_LOGIN_CREDENTIALS, "no local account " + name));
        if (!runAs.canRunAs(user)) {
            throw new VixException(
                    VixError.INVALID_LOGIN_CREDENTIALS, "the agent is not root and cannot act as " + user.name());
        }
        return user;
    }

    /** Configures a {@link VixDispatcher}. */
    public static final class Builder {
        private final Map<Integer, VixOpHandler> handlers = new HashMap<>();
        private Authenticator authenticator = Authenticator.throttled(Authenticator.pam(), new LoginThrottle());
        private CredentialAuthenticator credentialAuthenticator;
        private RunAs runAs;
        private Function<String, Optional<Account>> users = Account::lookup;
        private final Set<GuestOperation> disabled = EnumSet.noneOf(GuestOperation.class);
        private BooleanSupplier ioFrozen = () -> false;
        private int requestsPerUser = DEFAULT_REQUESTS_PER_USER;

        private Builder() {}

        /**
         * @param opCode the VIX op
         * @param handler its handler, replacing any earlier one
         * @return this
         */
        public Builder handle(int opCode, VixOpHandler handler) {
            handlers.put(opCode, handler);
            return this;
        }

        /**
         * @param authenticator checks name and password (wrap it in
         *                      {@link Authenticator#throttled} to keep the back-off)
         * @return this
         */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /**
         * @param authenticator checks the whole credential and names the account to act as; replaces
         *                      {@link #authenticator(Authenticator)}; {@code null} goes back to it
         * @return this
         */
        public Builder credentialAuthenticator(CredentialAuthenticator authenticator) {
            this.credentialAuthenticator = authenticator;
            return this;
        }

        /**
         * @param runAs how file actions assume the user's rights; default {@link RunAs#forThisProcess()}
         * @return this
         */
        public Builder runAs(RunAs runAs) {
            this.runAs = runAs;
            return this;
        }

        /**
         * @param users resolves an authenticated name to a local account; default NSS
         * @return this
         */
        public Builder users(Function<String, Optional<Account>> users) {
            this.users = users;
            return this;
        }

        /**
         * @param operation an operation to answer with 20005 OPERATION_DISABLED
         * @return this
         */
        public Builder disable(GuestOperation operation) {
            disabled.add(operation);
            return this;
        }

        /**
         * @param ioFrozen true while a quiesced snapshot freezes guest I/O (answers 5 OBJECT_IS_BUSY)
         * @return this
         */
        public Builder ioFrozen(BooleanSupplier ioFrozen) {
            this.ioFrozen = ioFrozen;
            return this;
        }

        /**
         * @param max requests one user name may have in progress (default {@value #DEFAULT_REQUESTS_PER_USER});
         *            past it the request is answered 5 OBJECT_IS_BUSY
         * @return this
         */
        public Builder maxRequestsPerUser(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("at least one request per user");
            }
            this.requestsPerUser = max;
            return this;
        }

        /** @return the dispatcher */
        public VixDispatcher build() {
            return new VixDispatcher(this);
        }
    }
}
