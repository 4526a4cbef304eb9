package io.github.guesttools.hgfs.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A guest path as a handler sees it. For {@code /proc/123/stdout}: scheme {@code proc}, path
 * {@code /123/stdout}. For {@code /archive:/tmp/x?format=tgz}: scheme {@code archive}, path {@code
 * /tmp/x}, query {@code format=tgz}. The local file-system handler gets scheme {@code null} and the
 * whole name as path.
 *
 * @param name the name exactly as the client sent it (an absolute guest path)
 * @param scheme the handler's scheme, or {@code null} for the local file system
 * @param path the path inside the scheme, starting with {@code /}
 * @param query the query string without {@code ?}, empty when absent
 */
public record TransferPath(String name, String scheme, String path, String query) {

    /** A plain local path. */
    public static TransferPath local(String name) {
        return new TransferPath(name, null, name, "");
    }

    /** The first value of a query parameter, URL-decoded ({@code prefix=a%2F} gives {@code a/}). */
    public Optional<String> parameter(String key) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(key)) {
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    return Optional.of(URLDecoder.decode(v, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }
}
