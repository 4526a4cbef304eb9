package io.github.guesttools.mdata.provision;

import java.util.regex.Pattern;

/** Checks of address text from metadata before it reaches a file or a command line. */
final class Addresses {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private Addresses() {}

    static boolean isIpLiteral(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (!s.contains(":") || !IPV6.matcher(s).matches()) {
            return false;
        }
        try {
            // A literal with ':' is parsed, never looked up.
            java.net.InetAddress.getByName(s);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** An address or an address/prefix-length. */
    static boolean isDestination(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return isIpLiteral(s);
        }
        String prefix = s.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}")) {
            return false;
        }
        int bits = Integer.parseInt(prefix);
        String addr = s.substring(0, slash);
        return isIpLiteral(addr) && bits <= (addr.contains(":") ? 128 : 32);
    }
}
