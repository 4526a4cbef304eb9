package io.github.guesttools.testconsole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

class ConsoleNotesListenerTest {

    /** Run by the test through its own launcher only (surefire skips nested classes). */
    static class Sample {
        @Test
        @Disabled("needs a unicorn")
        void disabled() {}

        @Test
        void aborted() {
            assumeTrue(false, "needs root; skipped");
        }

        @Test
        void branches(TestReporter reporter) {
            reporter.publishEntry("branch", "off VMware: refusal");
        }

        @Test
        void passes() {}
    }

    @Test
    void printsSkipReasonsAndReportEntriesWithTheTestsName() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LauncherFactory.create(LauncherConfig.builder()
                        .enableTestExecutionListenerAutoRegistration(false)
                        .build())
                .execute(
                        request().selectors(selectClass(Sample.class)).build(),
                        new ConsoleNotesListener(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactlyInAnyOrder(
                        "[SKIPPED] ConsoleNotesListenerTest$Sample.disabled: needs a unicorn",
                        "[SKIPPED] ConsoleNotesListenerTest$Sample.aborted: Assumption failed: needs root; skipped",
                        "[NOTE] ConsoleNotesListenerTest$Sample.branches: branch: off VMware: refusal");
    }

    @Test
    void isRegisteredForServiceLoader() {
        assertThat(java.util.ServiceLoader.load(org.junit.platform.launcher.TestExecutionListener.class).stream()
                        .map(p -> p.type().getName()))
                .contains(ConsoleNotesListener.class.getName());
    }
}
