package io.github.guesttools.toolbox.files;

import io.github.guesttools.toolbox.vix.VixError;
import io.github.guesttools.toolbox.vix.VixException;
import java.nio.file.Path;

/**
 * A file-transfer path: a plain file, or an archive transfer of a directory, selected by the
 * {@code /archive:/<path>?format=tar|tgz&prefix=...} form or by naming an existing directory
 * (the govc/govmomi convention, {@code docs/protocols/hgfs.md} section 12-13).
 *
 * @param path the file or the archived directory
 * @param archive whether this is an archive transfer
 * @param format {@code tar} or {@code tgz} (archives only)
 */
record TransferPath(Path path, boolean archive, String format) {
    static final String ARCHIVE_SCHEME = "/archive:";

    static TransferPath parse(String name) throws VixException {
        if (!name.startsWith(ARCHIVE_SCHEME)) {
            return new TransferPath(UserFiles.path(name), false, "");
        }
        String rest = name.substring(ARCHIVE_SCHEME.length());
        int q = rest.indexOf('?');
        String format = "";
        if (q >= 0) {
            for (String param : rest.substring(q + 1).split("&")) {
                if (param.startsWith("format=")) {
                    format = param.substring("format=".length());
                }
            }
            rest = rest.substring(0, q);
        }
        if (!format.isEmpty() && !format.equals("tar") && !format.equals("tgz")) {
            throw FileErrors.vix(VixError.INVALID_ARG, 0, "archive format " + format);
        }
        return new TransferPath(UserFiles.path(rest), true, format.isEmpty() ? "tar" : format);
    }

    TransferPath asArchive() {
        return new TransferPath(path, true, "tar");
    }
}
