package io.github.guesttools.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * vmware-rpctool and vmware-guestinfo run with only the jars the vmware-toolbox launcher names
 * ({@code rpcjars}; a class-path scan at start opens every jar of the class path): every class
 * they can reach, by static dependencies from their main classes and from the SLF4J provider the
 * class path carries, must be in one of those jars.
 */
class LauncherClassPathTest {
    private static final Path ROOT =
            Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    private static final List<String> STARTS = List.of(
            "io.github.guesttools.rpc.tool.RpcTool",
            "io.github.guesttools.toolbox.cli.GuestInfoTool",
            "io.github.guesttools.toolbox.logging.JournalServiceProvider");

    @Test
    void everyClassTheCliToolsReachIsOnTheirClassPath() throws IOException {
        String script = Files.readString(ROOT.resolve("vmware-toolbox/src/main/scripts/vmware-toolbox"));
        Matcher m = Pattern.compile("(?m)^rpcjars=\"([\\w. -]+)\"").matcher(script);
        assertThat(m.find())
                .as("vmware-toolbox names the tools' jars in rpcjars")
                .isTrue();
        Set<String> named = new TreeSet<>(List.of(m.group(1).split(" ")));
        assertThat(Files.readString(ROOT.resolve("vmware-toolbox-logging/src/main/resources/META-INF/services/"
                                + "org.slf4j.spi.SLF4JServiceProvider"))
                        .strip())
                .as("the provider vmware-toolbox-logging names")
                .isEqualTo(STARTS.get(2));

        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.github.guesttools", "org.slf4j", "com.sun.jna");
        Set<String> needed = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<JavaClass> todo = new ArrayDeque<>();
        for (String start : STARTS) {
            todo.add(classes.get(start));
        }
        while (!todo.isEmpty()) {
            JavaClass c = todo.removeFirst();
            if (!seen.add(c.getName())) {
                continue;
            }
            String pkg = c.getPackageName();
            if (pkg.startsWith("io.github.guesttools")) {
                needed.add(Modules.of(pkg).orElse("(no module) " + pkg));
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    if (!target.isPrimitive() && !seen.contains(target.getName())) {
                        todo.add(target);
                    }
                }
            } else if (!pkg.startsWith("java.")
                    && !pkg.startsWith("javax.")
                    && !pkg.startsWith("jdk.")
                    && !pkg.startsWith("sun.")) {
                needed.add(Modules.artifactOf(pkg).orElse("(unknown library) " + pkg));
            }
        }
        // the provider's jar names it; its classes are in vmware-toolbox
        needed.add("vmware-toolbox-logging");
        assertThat(named).as("rpcjars against what the tools reach").isEqualTo(needed);
    }
}
