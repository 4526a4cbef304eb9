package io.github.guesttools.mdata.cli;

import io.github.guesttools.mdata.client.MetadataClient;
import io.github.guesttools.mdata.client.MetadataException;
import java.io.PrintStream;

/** {@code mdata-delete <keyname>}: deleting a missing key succeeds. */
public final class MdataDelete {
    private MdataDelete() {}

    /** Entry point; exits 0, 1, 2 or 3 like mdata-delete. */
    public static void main(String[] args) {
        System.exit(Invocation.exitStatus(run(args, System.err)));
    }

    static int run(String[] args, PrintStream err) {
        Invocation inv = new Invocation("mdata-delete", args, err);
        if (!inv.optionsValid()
                || inv.operands.size() != 1
                || inv.operands.get(0).isEmpty()) {
            return inv.usage(" <keyname>");
        }
        String key = inv.operands.get(0);
        try (MetadataClient client = inv.client()) {
            client.delete(key);
            return Invocation.SUCCESS;
        } catch (MetadataException e) {
            return inv.fail(e, "Error deleting metadata key '" + key + "'", "No metadata for '" + key + "'");
        }
    }
}
