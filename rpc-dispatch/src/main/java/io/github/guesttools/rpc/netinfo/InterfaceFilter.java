package io.github.guesttools.rpc.netinfo;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Interface names not to report, as shell-style globs ({@code *} and {@code ?}). The default list
 * extends open-vm-tools' {@code docker*,veth*,virbr*,antrea-*,cali*} with other container and overlay
 * devices, which otherwise fill the 16-NIC cap and can become the primary IP.
 */
public final class InterfaceFilter {
    /** The default exclusions. */
    public static final List<String> DEFAULT_EXCLUDES =
            List.of("docker*", "veth*", "virbr*", "br-*", "cali*", "flannel*", "cni*", "vxlan*", "antrea-*");

    private final List<String> globs;
    private final Pattern pattern;

    /** Excludes names matching any of {@code globs}. */
    public InterfaceFilter(List<String> globs) {
        this.globs = List.copyOf(globs);
        StringBuilder re = new StringBuilder();
        for (String g : this.globs) {
            if (re.length() > 0) {
                re.append('|');
            }
            for (char c : g.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(re.length() == 0 ? "(?!)" : re.toString());
    }

    /** The default filter. */
    public static InterfaceFilter defaults() {
        return new InterfaceFilter(DEFAULT_EXCLUDES);
    }

    /** Whether {@code name} is excluded. */
    public boolean excludes(String name) {
        return pattern.matcher(name).matches();
    }

    /** The globs. */
    public List<String> globs() {
        return globs;
    }
}
