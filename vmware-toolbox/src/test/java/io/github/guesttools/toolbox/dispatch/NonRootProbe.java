package io.github.guesttools.toolbox.dispatch;

import io.github.guesttools.identity.Account;
import io.github.guesttools.toolbox.auth.AuthenticationException;
import io.github.guesttools.toolbox.files.FileOperations;
import io.github.guesttools.toolbox.vix.TestMessages;
import io.github.guesttools.toolbox.vix.VixOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Run by {@link NonRootAgentTest} in a separate JVM as an unprivileged uid: prints one reply per line. */
public final class NonRootProbe {
    private NonRootProbe() {}

    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        String self = Account.current().name();
        VixDispatcher vix = FileOperations.register(VixDispatcher.builder(), work, true)
                .authenticator((user, password) -> {
                    if (!new String(password, StandardCharsets.UTF_8).equals("x")) {
                        throw new AuthenticationException("bad");
                    }
                })
                .build();
        for (String user : new String[] {self, "root"}) {
            String dir = work.resolve("made-for-" + user).toString();
            byte[] body = new TestMessages.Body()
                    .i32(0)
                    .i32(TestMessages.utf8Length(dir))
                    .i32(0)
                    .u8(0)
                    .str(dir)
                    .build();
            byte[] reply = vix.dispatch(TestMessages.relayed(VixOp.CREATE_DIRECTORY_EX, body, user, "x"));
            System.out.println(user + " " + new String(reply, StandardCharsets.UTF_8).replace("\0", "\\0"));
        }
    }
}
