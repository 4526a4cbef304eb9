package io.github.guesttools.apicheck;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Run in every deployable module (surefire's {@code dependenciesToScan}, configured in the root
 * pom): the module's public API must equal its committed {@code api/<artifactId>.api}, so that a
 * change to the API is a visible decision in a review. {@code -Dapi.update=true} rewrites the file
 * instead of comparing.
 */
class ApiSignatureTest {

    @Test
    void publicApiEqualsTheCommittedApiFile() throws IOException {
        String classes = System.getProperty("api.classes");
        String file = System.getProperty("api.file");
        assumeTrue(
                classes != null && file != null,
                "api.classes and api.file are set by the root pom's surefire configuration; run through Maven");
        Path apiFile = Path.of(file);
        List<String> actual =
                ApiSignature.of(Path.of(classes), Thread.currentThread().getContextClassLoader());
        if (Boolean.getBoolean("api.update")) {
            Files.createDirectories(apiFile.getParent());
            Files.write(apiFile, actual, StandardCharsets.UTF_8);
            return;
        }
        String module = System.getProperty("api.module", "<module>");
        String regenerate = "If the change is intended, regenerate the file and commit it:\n"
                + "  mvn -pl " + module + " test -Dtest=ApiSignatureTest -Dapi.update=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n"
                + "(after `mvn -pl " + module + " -am install -DskipTests` if its dependencies changed;"
                + " every module at once: the same test command without -pl.)";
        if (!Files.exists(apiFile)) {
            fail("No API file " + apiFile + " for this module.\n" + regenerate);
        }
        List<String> expected = Files.readAllLines(apiFile, StandardCharsets.UTF_8);
        List<String> diff = ApiDiff.of(expected, actual);
        if (!diff.isEmpty() || !expected.equals(actual)) {
            fail("The public API of " + module + " differs from " + apiFile + " (- file, + classes):\n"
                    + String.join("\n", diff) + "\n" + regenerate);
        }
    }
}
