package io.github.guesttools.toolbox.files;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** File-op tests as the agent's own account, in a fresh directory that is also the temp base. */
abstract class AgentUserFileTest {
    @TempDir
    Path dir;

    FileOpsClient vix;

    @BeforeEach
    void startClient() {
        vix = FileOpsClient.asAgentUser(dir, true);
    }
}
