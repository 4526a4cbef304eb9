package io.github.guesttools.process;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A manager per test with a hand-moved clock and its spill directory under a temp folder. */
public abstract class ManagerFixture {
    protected static final String ME = System.getProperty("user.name");

    @TempDir
    protected Path temp;

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    protected ProcessManager manager;

    /** Adds test-specific settings to the builder. */
    protected ProcessManager.Builder configure(ProcessManager.Builder builder) {
        return builder;
    }

    @BeforeEach
    void createManager() {
        manager = configure(ProcessManager.builder().clock(clock).spillDirectoryParent(temp))
                .build();
    }

    @AfterEach
    void closeManager() throws Exception {
        manager.close();
    }
}
