package io.github.guesttools.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each published artifact's runtime dependency set, transitive, as Maven resolves it for a user
 * (target/runtime-dependencies.txt, written by maven-dependency-plugin's {@code list} in
 * process-classes, see the parent pom), is exactly what its README's "Runtime dependencies"
 * section names: what a user gets is a visible, reviewed decision.
 */
class RuntimeDependenciesTest {
    private static final Path ROOT =
            Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    /** {@code groupId:artifactId:type[:classifier]:version:scope}, possibly followed by module information. */
    private static final Pattern RESOLVED = Pattern.compile("^\\s*([\\w.-]+):([\\w.-]+):[\\w.-]+:.*$");

    private static final Pattern NAME = Pattern.compile("`([\\w.-]+)`");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "backdoor-transport",
                "backdoor-simulator",
                "rpc-dispatch",
                "guest-identity",
                "hgfs",
                "process-manager",
                "vmware-toolbox",
                "vmware-toolbox-logging",
                "smartos-mdata"
            })
    void readmeNamesExactlyTheResolvedRuntimeDependencies(String module) throws IOException {
        assertThat(documented(module))
                .as("%s/README.md \"Runtime dependencies\" against %s/target/runtime-dependencies.txt", module, module)
                .isEqualTo(resolved(module));
    }

    /**
     * smartos-mdata's launcher ({@code mdata-launch}) puts only the module's jar and JNA's on the
     * class path (a guest-tools image's {@code lib/} holds every tool's jars): a new runtime
     * dependency must be added there too.
     */
    @Test
    void theMdataLauncherClassPathHoldsEveryRuntimeDependency() throws IOException {
        assertThat(resolved("smartos-mdata"))
                .as("smartos-mdata's runtime dependencies, each named on mdata-launch's class path")
                .containsExactly("jna");
        assertThat(Files.readString(ROOT.resolve("smartos-mdata/src/main/scripts/mdata-launch")))
                .contains("\"$home\"/lib/smartos-mdata-[0-9]*.jar \"$home\"/lib/jna-[0-9]*.jar");
    }

    private static Set<String> resolved(String module) throws IOException {
        Path list = ROOT.resolve(module).resolve("target/runtime-dependencies.txt");
        assertThat(list)
                .as("written by the build of %s (mvn compile or later)", module)
                .isRegularFile();
        Set<String> artifacts = new TreeSet<>();
        for (String line : Files.readAllLines(list)) {
            Matcher m = RESOLVED.matcher(line);
            if (m.matches()) {
                artifacts.add(m.group(2));
            }
        }
        return artifacts;
    }

    /** The backticked names in the README's "## Runtime dependencies" section. */
    private static Set<String> documented(String module) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(module).resolve("README.md"));
        int start = lines.indexOf("## Runtime dependencies");
        assertThat(start)
                .as("%s/README.md has a \"## Runtime dependencies\" section", module)
                .isNotNegative();
        Set<String> names = new TreeSet<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
            Matcher m = NAME.matcher(lines.get(i));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
