package io.github.guesttools.toolbox.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent binds SLF4J to its journal provider by name, before any class asks for a logger: with
 * a service-loader scan another jar's provider could take the agent's logging, and the scan opens
 * every jar of the class path (docs/PERFORMANCE.md, session 5). A real JVM with class loading logged,
 * stopped by a bad setting right after the command line (and its configuration watch, which has a
 * logger) is read.
 */
class LoggerBindingTest {
    @Test
    void theAgentNamesItsProviderBeforeTheFirstLogger(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("toolbox.conf"), "[logging]\n");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xlog:class+load=info:stdout",
                        "-cp",
                        System.getProperty("java.class.path"),
                        AgentMain.class.getName(),
                        "--config",
                        conf.toString(),
                        "--log-level",
                        "bogus"))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();

        assertThat(p.exitValue()).isEqualTo(AgentMain.USAGE);
        assertThat(Files.readString(err)).contains("log.level must be").doesNotContain("SLF4J(I)");
        String loaded = Files.readString(out);
        assertThat(loaded).as("the configuration watch's logger bound SLF4J").contains(" org.slf4j.LoggerFactory ");
        assertThat(loaded)
                .as("no service-loader scan of the class path")
                .doesNotContain("java.util.ServiceLoader$LazyClassPathLookupIterator");
    }
}
