package io.github.guesttools.mdata.vectors;

import io.github.guesttools.mdata.internal.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One recorded exchange of {@code vectors/exchanges.jsonl}. */
public record Exchange(String name, String source, List<Step> steps) {

    /** One direction's bytes. */
    public record Step(boolean clientToHost, byte[] data) {}

    /** Loads every exchange from the test resources. */
    public static List<Exchange> all() throws Exception {
        List<Exchange> out = new ArrayList<>();
        for (String line : resource("exchanges.jsonl").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> o = (Map<String, Object>) JsonReader.parse(line);
            List<Step> steps = new ArrayList<>();
            for (Object s : (List<?>) o.get("exchange")) {
                Map<?, ?> step = (Map<?, ?>) s;
                steps.add(new Step(
                        "c2h".equals(step.get("dir")),
                        ((String) step.get("data")).getBytes(StandardCharsets.ISO_8859_1)));
            }
            out.add(new Exchange((String) o.get("name"), (String) o.get("source"), steps));
        }
        return out;
    }

    /** Returns the exchange called {@code name}. */
    public static Exchange named(String name) throws Exception {
        for (Exchange e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Reads a file of the vectors directory as UTF-8. */
    public static String resource(String file) throws IOException {
        try (InputStream in = Exchange.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IOException("missing resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
