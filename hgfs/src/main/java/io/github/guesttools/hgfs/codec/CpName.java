package io.github.guesttools.hgfs.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cross-platform name: path components separated by NUL bytes, the first being the share name
 * ({@code root} for the guest file system). Immutable.
 */
public final class CpName {
    /** The one share the guest server exposes, mapped to {@code /}. */
    public static final String ROOT_SHARE = "root";

    /** The empty name (an absent symlink target). */
    public static final CpName EMPTY = new CpName(new byte[0]);

    private final byte[] bytes;

    private CpName(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The name with these raw wire bytes (copied). */
    public static CpName ofBytes(byte[] bytes) {
        return new CpName(bytes.clone());
    }

    static CpName wrap(byte[] bytes) {
        return new CpName(bytes);
    }

    /** {@code /etc/hosts} becomes {@code root\0etc\0hosts}. */
    public static CpName ofPath(String absolutePath) {
        StringBuilder sb = new StringBuilder(ROOT_SHARE);
        for (String part : absolutePath.split("/")) {
            if (!part.isEmpty()) {
                sb.append('\0').append(part);
            }
        }
        return new CpName(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A symlink target as stored (not a share path): the bytes of the string. */
    public static CpName ofText(String text) {
        return new CpName(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the wire bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    int length() {
        return bytes.length;
    }

    byte[] raw() {
        return bytes;
    }

    /** The bytes as text (for symlink targets). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The absolute guest path: components after the {@code root} share joined with {@code /}.
     * Consecutive separators collapse; {@code .} and {@code ..} are rejected.
     *
     * @throws HgfsProtocolException with {@link HgfsStatus#INVALID_NAME} for {@code .}/{@code ..}
     *     or a NUL-free name that is not under {@code root}, {@link HgfsStatus#NO_SUCH_FILE_OR_DIR}
     *     for another share
     */
    public String toPath() throws HgfsProtocolException {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start) {
                    parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        if (parts.isEmpty()) {
            throw new HgfsProtocolException(HgfsStatus.INVALID_NAME, "empty name");
        }
        if (!parts.get(0).equals(ROOT_SHARE)) {
            throw new HgfsProtocolException(HgfsStatus.NO_SUCH_FILE_OR_DIR, "unknown share " + parts.get(0));
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts.subList(1, parts.size())) {
            if (part.equals(".") || part.equals("..")) {
                throw new HgfsProtocolException(HgfsStatus.INVALID_NAME, "dot component in name");
            }
            if (part.indexOf('/') >= 0) {
                throw new HgfsProtocolException(HgfsStatus.INVALID_NAME, "slash inside a component");
            }
            sb.append('/').append(part);
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpName other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text().replace('\0', '|');
    }
}
