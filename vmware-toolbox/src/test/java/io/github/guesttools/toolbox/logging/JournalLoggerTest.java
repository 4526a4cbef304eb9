package io.github.guesttools.toolbox.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class JournalLoggerTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Logger log = new JournalLoggerFactory(new JournalSink(() -> stream)).getLogger("a.b.Thing");

    @AfterEach
    void restoreLevel() {
        JournalLevel.set("debug"); // the surefire default of this module
    }

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachLevelGetsItsSdDaemonPrefixAndTheShortName() {
        JournalLevel.set("trace");
        log.error("e {}", 1);
        log.warn("w {} {}", 2, "x");
        log.info("i");
        log.debug("d {}", (Object) null);
        log.trace("t {}", new Object[] {"{}"});
        assertThat(written())
                .isEqualTo("<3>Thing: e 1\n<4>Thing: w 2 x\n<6>Thing: i\n<7>Thing: d null\n<7>Thing: t {}\n");
    }

    @Test
    void everyLineOfAThrowableCarriesThePrefix() {
        IOException cause = new IOException("disk gone");
        log.warn("copy of {} failed", "/tmp/x", new IllegalStateException("outer\nsecond line", cause));
        List<String> lines = written().lines().toList();
        assertThat(lines.get(0)).isEqualTo("<4>Thing: copy of /tmp/x failed");
        // an exception's text is escaped like an argument: it often quotes what a user sent
        assertThat(lines.get(1)).isEqualTo("<4>java.lang.IllegalStateException: outer\\nsecond line");
        assertThat(lines)
                .anyMatch(l -> l.startsWith("<4>\tat io.github.guesttools.toolbox.logging.JournalLoggerTest."))
                .anyMatch(l -> l.equals("<4>Caused by: java.io.IOException: disk gone"))
                .allMatch(l -> l.startsWith("<4>"))
                .hasSizeGreaterThan(6);
        assertThat(written()).endsWith("\n").doesNotContain("\r");
    }

    /** Issue 11, attack 8: a user name with a newline and a priority forged a journal entry. */
    @Test
    void controlCharactersInArgumentsCannotForgeAnEntry() {
        log.info("login of {} refused", "mallory\n<3>root: password changed\r\u0007\u2028x");
        assertThat(written())
                .isEqualTo("<6>Thing: login of mallory\\n<3>root: password changed\\r\\x07\\u2028x refused\n");
        log.warn("no file {}", (Object) new String[] {"a\nb"}, new java.io.IOException("c\n<0>d"));
        assertThat(written().lines())
                .noneMatch(l -> l.startsWith("<0>") || l.startsWith("<4><0>"))
                .anyMatch(l -> l.equals("<4>java.io.IOException: c\\n<0>d"));
    }

    @Test
    void multiLineMessagesKeepThePriorityOnEveryLine() {
        log.info("header\r\n0000 00 01\n0010 02 03\n");
        assertThat(written()).isEqualTo("<6>Thing: header\n<6>0000 00 01\n<6>0010 02 03\n");
    }

    @Test
    void theLevelFiltersAndCanChangeAtRunTime() {
        JournalLevel.set("WARN");
        assertThat(log.isInfoEnabled()).isFalse();
        assertThat(log.isWarnEnabled()).isTrue();
        log.info("hidden {}", 1);
        log.debug("hidden");
        log.error("shown");
        JournalLevel.set("off");
        assertThat(log.isErrorEnabled()).isFalse();
        log.error("hidden too");
        JournalLevel.set("info");
        log.info("shown again");
        log.debug("hidden");
        assertThat(written()).isEqualTo("<3>Thing: shown\n<6>Thing: shown again\n");
    }

    @Test
    void anUnknownLevelIsRefused() {
        assertThatThrownBy(() -> JournalLevel.set("verbose"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("verbose");
        assertThat(JournalLevel.parse(" Error ")).isEqualTo(org.slf4j.event.Level.ERROR.toInt());
    }

    @Test
    void concurrentEventsNeverInterleave() throws Exception {
        JournalLevel.set("info");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        log.info("thread {} event {}\nsecond line {} {}", thread, i, thread, i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<String> lines = written().lines().toList();
        assertThat(lines).hasSize(4 * 500 * 2);
        for (int n = 0; n < lines.size(); n += 2) {
            String first = lines.get(n);
            assertThat(first).matches("<6>Thing: thread \\d event \\d+");
            String[] words = first.split(" ");
            assertThat(lines.get(n + 1)).isEqualTo("<6>second line " + words[2] + " " + words[4]);
        }
    }

    @Test
    void theProviderFollowsARedirectedStandardError() {
        PrintStream err = System.err;
        System.setErr(stream);
        try {
            LoggerFactory.getLogger("io.github.guesttools.Redirected").info("to {}", "stderr");
        } finally {
            System.setErr(err);
        }
        assertThat(written()).isEqualTo("<6>Redirected: to stderr\n");
    }
}
