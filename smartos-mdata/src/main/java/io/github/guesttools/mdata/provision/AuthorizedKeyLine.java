package io.github.guesttools.mdata.provision;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Checks one {@code authorized_keys} line: optional options, a key type, the base64 key blob and
 * an optional comment. The blob must parse as an OpenSSH public key ({@link OpenSshPublicKey}) and
 * name the same type as the line.
 */
final class AuthorizedKeyLine {
    private AuthorizedKeyLine() {}

    /** Returns null when the line is a valid key, else the reason it is not. */
    static String problem(String line) {
        List<String> tokens = tokens(line);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (isKeyType(t)) {
                if (i + 1 >= tokens.size()) {
                    return "no key data after " + t;
                }
                return checkBlob(t, tokens.get(i + 1));
            }
        }
        return "no known key type";
    }

    private static boolean isKeyType(String t) {
        return t.equals("ssh-rsa")
                || t.equals("ssh-dss")
                || t.equals("ssh-ed25519")
                || t.startsWith("ecdsa-sha2-")
                || t.startsWith("sk-ecdsa-sha2-")
                || t.startsWith("sk-ssh-ed25519");
    }

    private static String checkBlob(String type, String base64) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return "key data is not base64";
        }
        if (blob.length < 4) {
            return "key data too short";
        }
        int n = ByteBuffer.wrap(blob).getInt();
        if (n < 0 || n > blob.length - 4 || !type.equals(new String(blob, 4, n, StandardCharsets.US_ASCII))) {
            return "key data does not match its type " + type;
        }
        String problem = OpenSshPublicKey.problem(blob);
        return problem == null ? null : "invalid " + type + " key: " + problem;
    }

    /** Splits on spaces and tabs, keeping double-quoted option values (which may hold spaces) whole. */
    private static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && (c == ' ' || c == '\t')) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
