package io.github.guesttools.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of vmware-toolbox/README.md "Embedding" are code that compiles and runs: each
 * is found, line by line in order (whitespace aside, {@code ...} marking left-out code), in one
 * source file of this module or of vmware-toolbox-tour's tests, which the reactor compiles and runs.
 */
class ReadmeExamplesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyEmbeddingExampleIsInACompiledSource() throws IOException {
        List<List<String>> blocks = javaBlocks(embeddingSection());
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
        List<String> sources = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("examples/src"), ROOT.resolve("vmware-toolbox-tour/src/test/java"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    sources.add(squeeze(Files.readString(f)));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (List<String> block : blocks) {
            if (sources.stream().noneMatch(source -> containsInOrder(source, block))) {
                missing.add(String.join("\n", block));
            }
        }
        assertThat(missing).as("README examples found in no compiled source").isEmpty();
    }

    private static String embeddingSection() throws IOException {
        String readme = Files.readString(ROOT.resolve("vmware-toolbox/README.md"));
        int start = readme.indexOf("\n## Embedding");
        assertThat(start).isPositive();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<List<String>> javaBlocks(String text) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (line.strip().equals("```") && current != null) {
                blocks.add(current);
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Each line's code, without whitespace, found after the previous one; a {@code ...} line is skipped. */
    private static boolean containsInOrder(String squeezedSource, List<String> block) {
        int from = 0;
        for (String line : block) {
            String code = squeeze(line);
            if (code.equals("...")) {
                continue;
            }
            int at = squeezedSource.indexOf(code, from);
            if (at < 0) {
                return false;
            }
            from = at + code.length();
        }
        return true;
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
