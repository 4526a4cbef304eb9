package io.github.guesttools.mdata.cli;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code mdata-list}: one key per line; no keys, no output. */
public final class MdataList {
    private MdataList() {}

    /** Entry point; exits 0, 1, 2 or 3 like mdata-list. */
    public static void main(String[] args) {
        System.exit(Invocation.exitStatus(run(args, System.out, System.err)));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Invocation inv = new Invocation("mdata-list", args, err);
        if (!inv.optionsValid() || !inv.operands.isEmpty()) {
            return inv.usage("");
        }
        try (MetadataClient client = inv.client()) {
            List<String> keys = client.keys();
            StringBuilder sb = new StringBuilder();
            for (String k : keys) {
                sb.append(k).append('\n');
            }
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.flush();
            return Invocation.SUCCESS;
        } catch (MetadataException e) {
            return inv.fail(e, "Error getting metadata", "No metadata");
        }
    }
}
