package io.weir.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the module map of ARCHITECTURE.md over the compiled classes of every module: each module's
 * classes live under its own package root, use only the Weir modules its arrows (followed
 * transitively) allow, use no third-party library the map does not give it, and no two packages
 * depend on each other in a cycle.
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importWeir() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.weir");
    }

    private static WeirModule moduleOf(JavaClass javaClass) {
        return javaClass
                .getSource()
                .map(source -> WeirModule.fromLocation(source.getUri().toString()))
                .orElse(null);
    }

    @Test
    void theModulesWithCodeAreFound() {
        Set<WeirModule> found = EnumSet.noneOf(WeirModule.class);
        for (JavaClass javaClass : classes) {
            WeirModule module = moduleOf(javaClass);
            assertThat(module).as("module of %s", javaClass.getSource()).isNotNull();
            found.add(module);
        }
        assertThat(found).contains(WeirModule.MEMORY_MANAGER, WeirModule.CORE);
    }

    @Test
    void everyClassLivesUnderItsModulesPackageRoot() {
        List<String> violations = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            WeirModule module = moduleOf(javaClass);
            if (module != null && !inPackage(javaClass.getPackageName(), module.packageRoot)) {
                violations.add(javaClass.getName() + " is in module " + module.directory + ", whose package root is "
                        + module.packageRoot);
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void modulesUseOnlyTheModulesAndLibrariesTheirArrowsAllow() {
        List<String> violations = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            WeirModule module = moduleOf(javaClass);
            if (module == null) {
                continue;
            }
            Set<WeirModule> allowed = module.reachable();
            for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                String targetPackage = target.getPackageName();
                if (target.isPrimitive() || target.isArray() || targetPackage.isEmpty() || isJdk(targetPackage)) {
                    continue;
                }
                if (inPackage(targetPackage, "io.weir")) {
                    WeirModule targetModule = moduleOfPackage(targetPackage);
                    if (targetModule == null || !allowed.contains(targetModule)) {
                        violations.add(dependency.getDescription() + " — " + module.directory + " may not use "
                                + (targetModule == null ? targetPackage : targetModule.directory));
                    }
                } else if (module.libraries.stream().noneMatch(library -> inPackage(targetPackage, library))) {
                    violations.add(dependency.getDescription() + " — " + module.directory + " may not use the library "
                            + targetPackage);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theRuntimeNeverSeesTheDataSetApi() {
        // implied by the arrows above; stated on its own because ARCHITECTURE.md states it
        assertThat(WeirModule.RUNTIME.reachable()).doesNotContain(WeirModule.DATASET_API, WeirModule.OPTIMIZER);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.weir.(**)")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(true)
                .check(classes);
    }

    private static WeirModule moduleOfPackage(String packageName) {
        for (WeirModule module : WeirModule.values()) {
            if (inPackage(packageName, module.packageRoot)) {
                return module;
            }
        }
        return null;
    }

    private static boolean inPackage(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }

    private static boolean isJdk(String packageName) {
        return packageName.startsWith("java.")
                || packageName.startsWith("javax.")
                || packageName.startsWith("jdk.")
                || packageName.startsWith("sun.")
                || packageName.startsWith("com.sun.");
    }
}
