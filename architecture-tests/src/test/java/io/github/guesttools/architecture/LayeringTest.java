package io.github.guesttools.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the VMware stack (transport, channel, rpc, operations, agent; a lower one never
 * uses a higher one), the SmartOS stack beside it, no package cycles, and {@code .internal}
 * packages used only inside their own module. Production classes of every module, no tests.
 */
class LayeringTest {
    private static final String BASE = "io.github.guesttools";

    /**
     * Uses of another module's {@code .internal} package that are deliberate, with the reason.
     * guest-identity's {@code internal.Posix} is the project's one libc binding (issue #17 part 1:
     * one binding, not one per module); it is internal to the project, not to guest-identity, until
     * guest-identity publishes those calls as API.
     */
    private static final Map<String, Set<String>> SHARED_INTERNALS =
            Map.of(BASE + ".identity.internal", Set.of("process-manager", "vmware-toolbox"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(BASE);
    }

    @Test
    void everyModuleIsImported() {
        Set<String> modules = new TreeSet<>();
        for (JavaClass c : classes) {
            modules.add(Modules.of(c.getPackageName()).orElse("(none) " + c.getPackageName()));
        }
        assertThat(modules).containsExactlyInAnyOrderElementsOf(new TreeSet<>(Modules.ROOTS.values()));
    }

    @Test
    void lowerLayersNeverUseHigherOnes() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Transport")
                .definedBy(
                        BASE + ".backdoor",
                        BASE + ".backdoor.bridge..",
                        BASE + ".backdoor.hardware..",
                        BASE + ".backdoor.location..")
                .layer("Channel")
                .definedBy(BASE + ".backdoor.channel..", BASE + ".backdoor.vmcheck..")
                .layer("Simulator")
                .definedBy(BASE + ".backdoor.simulator..")
                .layer("Rpc")
                .definedBy(BASE + ".rpc..")
                .layer("Operations")
                .definedBy(BASE + ".identity..", BASE + ".hgfs..", BASE + ".process..")
                .layer("Agent")
                .definedBy(BASE + ".toolbox..")
                .layer("Metadata")
                .definedBy(BASE + ".mdata..")
                .whereLayer("Transport")
                .mayOnlyBeAccessedByLayers("Channel", "Simulator", "Rpc", "Operations", "Agent")
                .whereLayer("Channel")
                .mayOnlyBeAccessedByLayers("Simulator", "Rpc", "Operations", "Agent")
                .whereLayer("Simulator")
                .mayOnlyBeAccessedByLayers("Agent")
                .whereLayer("Rpc")
                .mayOnlyBeAccessedByLayers("Operations", "Agent")
                .whereLayer("Operations")
                .mayOnlyBeAccessedByLayers("Agent")
                .whereLayer("Agent")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Metadata")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Metadata")
                .mayNotAccessAnyLayer()
                .check(classes);
    }

    @Test
    void onlyTheTourUsesTheSimulator() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".toolbox..")
                .and()
                .resideOutsideOfPackages(BASE + ".toolbox.tour..", BASE + ".toolbox.hostsim..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".backdoor.simulator..")
                .check(classes);
    }

    @Test
    void processesAndFileSharingStandAlone() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".process..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".hgfs..")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage(BASE + ".hgfs..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".process..")
                .check(classes);
    }

    /**
     * Per module: across modules Maven already forbids cycles, and ArchUnit run once over all
     * classes reported only some of the cycles it found.
     */
    @Test
    void noPackageCycles() {
        List<String> failures = new ArrayList<>();
        for (String module : new TreeSet<>(Modules.ROOTS.values())) {
            JavaClasses own = classes.that(new DescribedPredicate<JavaClass>("in " + module) {
                @Override
                public boolean test(JavaClass c) {
                    return Modules.of(c.getPackageName()).equals(Optional.of(module));
                }
            });
            EvaluationResult result =
                    slices().matching(BASE + ".(**)").should().beFreeOfCycles().evaluate(own);
            failures.addAll(result.getFailureReport().getDetails().stream()
                    .map(d -> module + ": "
                            + d.lines()
                                    .takeWhile(l -> !l.contains("Dependencies of"))
                                    .reduce("", (a, b) -> a + b.strip() + " "))
                    .toList());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void internalPackagesStayInTheirModule() {
        classes()
                .should(new ArchCondition<JavaClass>("use only their own module's .internal packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<String> from = Modules.of(origin.getPackageName());
                        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                            String target = d.getTargetClass().getPackageName();
                            if (!isInternal(target)) {
                                continue;
                            }
                            Optional<String> to = Modules.of(target);
                            boolean allowed = to.equals(from)
                                    || SHARED_INTERNALS.entrySet().stream()
                                            .anyMatch(e ->
                                                    (target.equals(e.getKey()) || target.startsWith(e.getKey() + "."))
                                                            && from.isPresent()
                                                            && e.getValue().contains(from.get()));
                            if (!allowed) {
                                events.add(SimpleConditionEvent.violated(
                                        d,
                                        d.getDescription() + " (" + from.orElse("?") + " uses " + to.orElse("?")
                                                + "'s internals)"));
                            }
                        }
                    }
                })
                .check(classes);
    }

    private static boolean isInternal(String packageName) {
        return packageName.startsWith(BASE + ".")
                && (packageName.contains(".internal.") || packageName.endsWith(".internal"));
    }
}
