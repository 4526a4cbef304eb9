package io.github.guesttools.mdata.cli;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.client.MetadataHostException;
import io.github.guesttools.mdata.client.MetadataNotFoundException;
import io.github.guesttools.mdata.client.MetadataTimeoutException;
import io.github.guesttools.mdata.client.MetadataUnavailableException;
import io.github.guesttools.mdata.client.MetadataUnsupportedException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the four tools share: options ({@code --transport=ADDR}, {@code --timeout=SECONDS}, or the
 * variables {@code MDATA_TRANSPORT} and {@code MDATA_TIMEOUT}), the client, and the mapping of
 * failures to mdata-client's messages and exit codes.
 */
final class Invocation {
    static final int SUCCESS = 0;
    static final int NOTFOUND = 1;
    static final int ERROR = 2;
    static final int USAGE_ERROR = 3;

    final String argv0;
    final String progname;
    final List<String> operands = new ArrayList<>();
    final PrintStream err;
    private String transport;
    private String timeout;
    private String optionError;

    Invocation(String defaultName, String[] args, PrintStream err) {
        StartupTuning.apply();
        this.err = err;
        this.argv0 = System.getProperty("mdata.argv0", defaultName);
        int slash = argv0.lastIndexOf('/');
        this.progname = slash < 0 ? argv0 : argv0.substring(slash + 1);
        this.transport = System.getenv("MDATA_TRANSPORT");
        this.timeout = System.getenv("MDATA_TIMEOUT");
        boolean options = true;
        for (String a : args) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--transport=")) {
                transport = a.substring("--transport=".length());
            } else if (options && a.startsWith("--timeout=")) {
                timeout = a.substring("--timeout=".length());
            } else if (options && a.startsWith("--")) {
                optionError = "unknown option " + a;
            } else {
                options = false;
                operands.add(a);
            }
        }
    }

    /**
     * The status main exits with: under mdata-launch (property {@code guest.tools.exit.offset=64})
     * shifted by 64, so that the launcher can tell the tool's statuses from the JVM's own failures
     * (which exit 1, like "no such key") and report those as errors.
     */
    static int exitStatus(int status) {
        return "64".equals(System.getProperty("guest.tools.exit.offset")) ? status + 64 : status;
    }

    /** Prints the usage line as errx(3, ...) does and returns 3. */
    int usage(String usage) {
        if (optionError != null) {
            err.println(progname + ": " + optionError);
        }
        err.println(progname + ": Usage: " + argv0 + usage);
        return USAGE_ERROR;
    }

    boolean optionsValid() {
        return optionError == null && timeoutMillis() >= 0;
    }

    private long timeoutMillis() {
        if (timeout == null || timeout.isEmpty()) {
            return 0;
        }
        try {
            double seconds = Double.parseDouble(timeout);
            return seconds < 0 || Double.isNaN(seconds) ? -1 : (long) (seconds * 1000);
        } catch (NumberFormatException e) {
            optionError = "bad timeout '" + timeout + "' (seconds expected)";
            return -1;
        }
    }

    MetadataClient client() throws MetadataUnavailableException {
        return MetadataClient.builder()
                .transport(transport)
                .deadline(Duration.ofMillis(timeoutMillis()))
                .diagnostics(new StderrDiagnostics(err))
                .build();
    }

    /**
     * Prints the message for {@code e} and returns the exit code. {@code hostError} is the tool's
     * prefix for a host FAILURE, e.g. {@code Error getting metadata for key 'k'}; {@code notFound}
     * its NOTFOUND message.
     */
    int fail(MetadataException e, String hostError, String notFound) {
        if (e instanceof MetadataNotFoundException) {
            err.println(notFound);
            return NOTFOUND;
        }
        if (e instanceof MetadataHostException) {
            err.println(hostError + ": " + ((MetadataHostException) e).hostMessage());
        } else if (e instanceof MetadataUnsupportedException) {
            err.println("ERROR: host does not support " + ((MetadataUnsupportedException) e).operation());
        } else if (e instanceof MetadataUnavailableException) {
            err.println("ERROR: could not initialise protocol: " + e.getMessage());
        } else if (e instanceof MetadataTimeoutException) {
            err.println("ERROR: " + e.getMessage());
        } else {
            err.println("ERROR: " + e.getMessage());
        }
        return ERROR;
    }

    /** Progress messages while the host does not answer, as mdata-client prints them. */
    private static final class StderrDiagnostics implements Consumer<String> {
        private final PrintStream err;

        StderrDiagnostics(PrintStream err) {
            this.err = err;
        }

        @Override
        public void accept(String message) {
            err.println(message);
        }
    }
}
