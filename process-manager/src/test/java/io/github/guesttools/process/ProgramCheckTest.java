package io.github.guesttools.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.guesttools.identity.Account;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramCheckTest {
    private static final Account ROOT = new Account("root", 0, 0, List.of(0), "/root", "");
    private static final Account ALICE =
            new Account("alice", 1000, 1000, List.of(1000, 27), "/home/alice", "/bin/bash");

    @Test
    void rootNeedsAnyExecuteBit() {
        assertThat(ProgramCheck.mayExecute(0001, 5, 5, ROOT)).isTrue();
        assertThat(ProgramCheck.mayExecute(0100, 5, 5, ROOT)).isTrue();
        assertThat(ProgramCheck.mayExecute(0666, 5, 5, ROOT)).isFalse();
    }

    @Test
    void ownerGroupAndOtherBitsApplyInThatOrderLikeAccess() {
        assertThat(ProgramCheck.mayExecute(0700, 1000, 5, ALICE)).isTrue();
        // the owner class wins even when group/other would allow
        assertThat(ProgramCheck.mayExecute(0077, 1000, 27, ALICE)).isFalse();
        assertThat(ProgramCheck.mayExecute(0010, 0, 27, ALICE)).isTrue();
        assertThat(ProgramCheck.mayExecute(0001, 0, 27, ALICE)).isFalse();
        assertThat(ProgramCheck.mayExecute(0001, 0, 0, ALICE)).isTrue();
        assertThat(ProgramCheck.mayExecute(0110, 0, 0, ALICE)).isFalse();
    }

    @Test
    void commandLineQuotesThePathAndKeepsArgumentsRaw() {
        assertThat(ShellCommand.commandLine("/bin/ls", "-l > /tmp/x")).isEqualTo("\"/bin/ls\" -l > /tmp/x");
        assertThat(ShellCommand.commandLine("/opt/my app/run", "")).isEqualTo("\"/opt/my app/run\"");
        assertThat(ShellCommand.commandLine("/a\"b$c`d\\e", "x")).isEqualTo("\"/a\\\"b\\$c\\`d\\\\e\" x");
    }

    @Test
    void prefersBash() {
        assertThat(ShellCommand.shell()).endsWith("bash");
    }
}
