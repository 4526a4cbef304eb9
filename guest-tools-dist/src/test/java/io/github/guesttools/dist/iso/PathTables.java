package io.github.guesttools.dist.iso;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an image's path tables independently of the writer, for comparison with isoinfo. */
final class PathTables {
    private static final Pattern DOT = Pattern.compile("\\[\\s*(\\d+) 02]\\s+\\. $");

    private PathTables() {}

    /** Directory path ("" for the root) to extent, from the L or M table of the descriptor at {@code block}. */
    static Map<String, Long> read(byte[] image, int block, boolean littleEndian) {
        ByteBuffer descriptor =
                ByteBuffer.wrap(image, block * 2048, 2048).slice().order(ByteOrder.LITTLE_ENDIAN);
        boolean joliet = descriptor.get(0) == 2;
        int size = descriptor.getInt(132);
        int location = littleEndian
                ? descriptor.getInt(140)
                : descriptor.order(ByteOrder.BIG_ENDIAN).getInt(148);
        ByteBuffer table = ByteBuffer.wrap(image, location * 2048, size)
                .slice()
                .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        List<String> paths = new ArrayList<>();
        Map<String, Long> extents = new TreeMap<>();
        while (table.hasRemaining()) {
            int length = table.get() & 0xFF;
            table.get();
            long extent = table.getInt() & 0xFFFF_FFFFL;
            int parent = table.getShort() & 0xFFFF;
            byte[] id = new byte[length];
            table.get(id);
            if (length % 2 == 1) {
                table.get();
            }
            String path;
            if (paths.isEmpty()) {
                path = "";
            } else {
                String name = new String(id, joliet ? StandardCharsets.UTF_16BE : StandardCharsets.US_ASCII);
                String up = paths.get(parent - 1);
                path = up.isEmpty() ? name : up + "/" + name;
            }
            paths.add(path);
            extents.put(path, extent);
        }
        return extents;
    }

    /** Adds each listed directory's extent (from its "." line) of an {@code isoinfo -l} listing. */
    static void dotExtents(String listing, Map<String, Long> into) {
        String dir = null;
        for (String line : listing.split("\n")) {
            if (line.startsWith("Directory listing of ")) {
                dir = line.substring("Directory listing of /".length()).trim();
                dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
            }
            Matcher m = DOT.matcher(line);
            if (dir != null && m.find()) {
                into.put(dir, Long.parseLong(m.group(1)));
            }
        }
    }
}
