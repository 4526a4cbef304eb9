package io.github.guesttools.process.xml;

import java.util.Map;

/**
 * The ReadEnvironmentVariables reply body ({@code docs/protocols/vix.md} §8.4): {@code <ev>NAME=VALUE</ev>} per
 * variable, name and value each escaped.
 */
public final class EnvironmentXml {
    private EnvironmentXml() {}

    /** All variables, in the map's order. */
    public static String format(Map<String, String> variables) {
        StringBuilder xml = new StringBuilder();
        variables.forEach((name, value) -> xml.append("<ev>")
                .append(VixEscape.escape(name))
                .append('=')
                .append(VixEscape.escape(value))
                .append("</ev>"));
        return xml.toString();
    }
}
