package io.github.guesttools.mdata.provision;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where tasks report. The guest-tools scripts print each message and send it to syslog with
 * {@code logger "(info) - <script> - <message>"}; {@link #syslog} does the same.
 */
public interface ProvisionLog {
    /** A normal step. */
    void info(String message);

    /** Something went wrong but provisioning continues. */
    void warn(String message);

    /** Prints to stdout and, when {@code logger} exists, logs to syslog under {@code tag}. */
    static ProvisionLog syslog(String tag) {
        return new ProvisionLog() {
            @Override
            public void info(String message) {
                emit("info", message);
            }

            @Override
            public void warn(String message) {
                emit("warn", message);
            }

            private void emit(String level, String message) {
                String line = "(" + level + ") - " + tag + " - " + message;
                System.out.println(line);
                try {
                    Process p = new ProcessBuilder("logger", "-t", tag, line)
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    p.waitFor(5, TimeUnit.SECONDS);
                } catch (IOException e) {
                    // no logger(1) on this system: stdout only
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Sends "info: ..." and "warn: ..." lines to {@code sink}. */
    static ProvisionLog to(Consumer<String> sink) {
        return new ProvisionLog() {
            @Override
            public void info(String message) {
                sink.accept("info: " + message);
            }

            @Override
            public void warn(String message) {
                sink.accept("warn: " + message);
            }
        };
    }
}
