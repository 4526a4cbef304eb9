package io.github.guesttools.process.xml;

import io.github.guesttools.process.ProcessInfo;
import java.util.List;

/**
 * The ListProcessesEx reply body ({@code docs/protocols/vix.md} §8.3): one {@code <proc>} per row, concatenated,
 * every string field escaped. Paging of large replies (key/offset) is the VIX layer's job.
 */
public final class ProcessXml {
    private ProcessXml() {}

    /** All rows, in order. */
    public static String format(List<ProcessInfo> rows) {
        StringBuilder xml = new StringBuilder(rows.size() * 160);
        for (ProcessInfo row : rows) {
            append(xml, row);
        }
        return xml.toString();
    }

    /** Appends one {@code <proc>} element; {@code <cmd>} is omitted when the short name is empty. */
    public static void append(StringBuilder xml, ProcessInfo row) {
        xml.append("<proc>");
        if (!row.command().isEmpty()) {
            xml.append("<cmd>").append(VixEscape.escape(row.command())).append("</cmd>");
        }
        xml.append("<name>")
                .append(VixEscape.escape(row.commandLine()))
                .append("</name>")
                .append("<pid>")
                .append(row.pid())
                .append("</pid>")
                .append("<user>")
                .append(VixEscape.escape(row.owner()))
                .append("</user>")
                .append("<start>")
                .append(row.startTime())
                .append("</start>")
                .append("<eCode>")
                .append(row.exitCode())
                .append("</eCode>")
                .append("<eTime>")
                .append(row.endTime())
                .append("</eTime>")
                .append("</proc>");
    }
}
