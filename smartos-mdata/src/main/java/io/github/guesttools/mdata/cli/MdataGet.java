package io.github.guesttools.mdata.cli;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataException;
import java.io.PrintStream;

/** {@code mdata-get <keyname>}: prints the value, adding a newline unless it ends with one. */
public final class MdataGet {
    private MdataGet() {}

    /** Entry point; exits 0, 1 (no such key), 2 (error) or 3 (usage). */
    public static void main(String[] args) {
        System.exit(Invocation.exitStatus(run(args, System.out, System.err)));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Invocation inv = new Invocation("mdata-get", args, err);
        if (!inv.optionsValid()
                || inv.operands.size() != 1
                || inv.operands.get(0).isEmpty()) {
            return inv.usage(" <keyname>");
        }
        String key = inv.operands.get(0);
        try (MetadataClient client = inv.client()) {
            byte[] value = client.getBytes(key);
            out.write(value, 0, value.length);
            if (value.length == 0 || value[value.length - 1] != '\n') {
                out.write('\n');
            }
            out.flush();
            return Invocation.SUCCESS;
        } catch (MetadataException e) {
            return inv.fail(e, "Error getting metadata for key '" + key + "'", "No metadata for '" + key + "'");
        }
    }
}
