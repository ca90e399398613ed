package io.weir.architecture;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The modules of ARCHITECTURE.md: directory, package root, the Weir modules each may use (its arrows,
 * followed transitively), and the third-party packages it may use besides the JDK.
 */
enum WeirModule {
    MEMORY_MANAGER("memory-manager", "io.weir.memory", List.of(), List.of()),
    CORE(
            "core",
            "io.weir.core",
            List.of(MEMORY_MANAGER),
            // ASM: the generated serializers and key functions of composite types (FieldCodecs)
            List.of("com.esotericsoftware", "org.objenesis", "org.slf4j", "org.objectweb.asm")),
    RUNTIME("runtime", "io.weir.runtime", List.of(CORE), List.of("io.netty", "org.slf4j")),
    OPTIMIZER("optimizer", "io.weir.optimizer", List.of(CORE, RUNTIME), List.of("org.slf4j")),
    DATASET_API("dataset-api", "io.weir.dataset", List.of(CORE, OPTIMIZER, RUNTIME), List.of("org.slf4j")),
    FORMATS(
            "formats",
            "io.weir.formats",
            List.of(CORE, DATASET_API),
            List.of("org.apache.parquet", "org.apache.arrow", "org.apache.hadoop", "io.netty", "org.slf4j")),
    GELLY_GRAPH("gelly-graph", "io.weir.graph", List.of(DATASET_API), List.of("org.slf4j")),
    ML("ml", "io.weir.ml", List.of(DATASET_API), List.of("org.apache.commons.math3", "org.slf4j")),
    YARN_DEPLOY("yarn-deploy", "io.weir.yarn", List.of(RUNTIME), List.of("org.apache.hadoop", "org.slf4j")),
    EXAMPLES(
            "examples",
            "io.weir.examples",
            List.of(DATASET_API, GELLY_GRAPH, FORMATS),
            // the TPC-H data generator of the TPC-H examples
            List.of("org.slf4j", "io.trino.tpch")),
    CLI(
            "cli",
            "io.weir.cli",
            List.of(EXAMPLES, DATASET_API, FORMATS, GELLY_GRAPH, ML, YARN_DEPLOY),
            List.of("picocli", "org.slf4j")),
    BENCHMARKS("benchmarks", "io.weir.benchmarks", List.of(), List.of("org.openjdk.jmh", "com.esotericsoftware"));

    final String directory;
    final String packageRoot;
    private final List<WeirModule> dependencies;
    final List<String> libraries;

    WeirModule(String directory, String packageRoot, List<WeirModule> dependencies, List<String> libraries) {
        this.directory = directory;
        this.packageRoot = packageRoot;
        this.dependencies = dependencies;
        this.libraries = libraries;
    }

    /** This module and every module it may use, directly or through others. */
    Set<WeirModule> reachable() {
        if (this == BENCHMARKS) {
            return EnumSet.allOf(WeirModule.class); // "everything"
        }
        Set<WeirModule> result = EnumSet.of(this);
        for (WeirModule dependency : dependencies) {
            result.addAll(dependency.reachable());
        }
        return result;
    }

    /** The module a class file comes from, by its location in the build; {@code null} if none. */
    static WeirModule fromLocation(String uri) {
        for (WeirModule module : values()) {
            if (uri.contains("/" + module.directory + "/target/") || uri.contains("/weir-" + module.directory + "-")) {
                return module;
            }
        }
        return null;
    }
}
