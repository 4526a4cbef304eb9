package io.github.guesttools.mdata.cli;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataException;
import io.github.guesttools.mdata.internal.posix.Fd;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** {@code mdata-put <keyname> [<value>]}: the value from the argument, else stdin to end of file. */
public final class MdataPut {
    private MdataPut() {}

    /** Entry point; exits 0, 1, 2 or 3 like mdata-put. */
    public static void main(String[] args) {
        System.exit(Invocation.exitStatus(run(args, System.in, System.err, StdinTerminal.INSTANCE)));
    }

    /** Tells whether stdin is a terminal (a seam for tests, which have no terminal). */
    interface TerminalCheck {
        boolean stdinIsTerminal();
    }

    static int run(String[] args, InputStream in, PrintStream err, TerminalCheck terminal) {
        Invocation inv = new Invocation("mdata-put", args, err);
        int n = inv.operands.size();
        if (!inv.optionsValid() || n < 1 || n > 2 || inv.operands.get(0).isEmpty()) {
            return inv.usage(" <keyname> [ <value> ]");
        }
        String key = inv.operands.get(0);
        String hostError = "Error putting metadata for key '" + key + "'";
        byte[] value;
        if (n == 2) {
            // The value operand is always the last argument.
            value = LastArgumentBytes.of(inv.operands.get(1));
        } else {
            // Checked before connecting (mdata-client connects first, then complains).
            if (terminal.stdinIsTerminal()) {
                err.println("ERROR: either specify the metadata value as the second command-line argument,"
                        + " or pipe content to stdin.");
                return Invocation.ERROR;
            }
            try {
                value = in.readAllBytes();
            } catch (IOException e) {
                err.println("ERROR: could not read stdin: " + e.getMessage());
                return Invocation.ERROR;
            }
        }
        if (value.length == 0) {
            err.println(hostError + ": an empty value cannot be stored (the protocol cannot carry it);"
                    + " use mdata-delete to remove a key");
            return Invocation.ERROR;
        }
        try (MetadataClient client = inv.client()) {
            client.put(key, value);
            return Invocation.SUCCESS;
        } catch (MetadataException e) {
            return inv.fail(e, hostError, "No metadata for '" + key + "'");
        }
    }

    private static final class StdinTerminal implements TerminalCheck {
        static final StdinTerminal INSTANCE = new StdinTerminal();

        @Override
        public boolean stdinIsTerminal() {
            try {
                return Fd.isTerminal(0);
            } catch (LinkageError e) {
                // Without JNA's native part: System.console() also looks at stdout, but is close enough.
                return System.console() != null;
            }
        }
    }
}
