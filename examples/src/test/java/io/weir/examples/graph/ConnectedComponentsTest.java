package io.weir.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.tuple.Tuple2;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectedComponentsTest {

    static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    /** The smallest vertex of each vertex's component, by union-find over the same edges. */
    static Map<Long, Long> unionFind(List<Tuple2<Long, Long>> edges) {
        Map<Long, Long> parent = new HashMap<>();
        for (Tuple2<Long, Long> edge : edges) {
            parent.putIfAbsent(edge.f0, edge.f0);
            parent.putIfAbsent(edge.f1, edge.f1);
            long a = root(parent, edge.f0);
            long b = root(parent, edge.f1);
            parent.put(Math.max(a, b), Math.min(a, b));
        }
        Map<Long, Long> result = new HashMap<>();
        for (long v : parent.keySet()) {
            result.put(v, root(parent, v));
        }
        return result;
    }

    private static long root(Map<Long, Long> parent, long v) {
        while (parent.get(v) != v) {
            v = parent.get(v);
        }
        return v;
    }

    static Map<Long, Long> readOutput(Path directory) throws IOException {
        Map<Long, Long> components = new HashMap<>();
        try (Stream<Path> parts = Files.list(directory)) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] fields = line.split(",");
                    assertThat(components.put(Long.parseLong(fields[0]), Long.parseLong(fields[1])))
                            .as("vertex %s twice", fields[0])
                            .isNull();
                }
            }
        }
        return components;
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 4m"})
    void theComponentsOfAnRMatGraphMatchUnionFind(int parallelism, String memory, @TempDir Path directory)
            throws IOException {
        ExecutionEnvironment env = environment(parallelism, memory);
        // scale 14 with edge factor 2: a giant component and many small ones
        List<Tuple2<Long, Long>> edges =
                ConnectedComponents.rmatEdges(environment(2, "32m"), 14, 2, 5).collect();

        JobExecutionResult result = ConnectedComponents.run(
                env,
                ConnectedComponents.rmatEdges(env, 14, 2, 5),
                directory.resolve("out").toString(),
                false);

        Map<Long, Long> expected = unionFind(edges);
        assertThat(readOutput(directory.resolve("out"))).isEqualTo(expected);
        assertThat(expected.values().stream().distinct().count())
                .as("several components")
                .isGreaterThan(10);
        if (memory.equals("4m")) {
            assertThat(result.getOperatorMetrics("connected components").bytesSpilled())
                    .as("the solution set spills")
                    .isPositive();
        }
    }

    @Test
    void anEdgeFileWithCommentsIsRead(@TempDir Path directory) throws IOException {
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        StringBuilder text = new StringBuilder("# a comment\n");
        for (long i = 0; i < 200; i++) {
            long a = (i * 7919) % 150 + (1L << 45);
            long b = (i * 104729) % 150 + (1L << 45);
            edges.add(Tuple2.of(a, b));
            text.append(a).append(' ').append(b).append('\n');
        }
        Files.writeString(directory.resolve("edges.txt"), text);
        ExecutionEnvironment env = environment(2, "32m");

        ConnectedComponents.run(
                env,
                ConnectedComponents.readEdges(
                        env, directory.resolve("edges.txt").toString(), " "),
                directory.resolve("out").toString(),
                false);

        assertThat(readOutput(directory.resolve("out"))).isEqualTo(unionFind(edges));
    }

    @Test
    void aMalformedEdgeLineFailsNamingTheFileAndLine(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("edges.txt"), "1 2\n2 three\n");
        ExecutionEnvironment env = environment(1, "32m");

        assertThatThrownBy(() -> ConnectedComponents.run(
                        env,
                        ConnectedComponents.readEdges(
                                env, directory.resolve("edges.txt").toString(), " "),
                        directory.resolve("out").toString(),
                        false))
                .hasStackTraceContaining("edges.txt")
                .hasStackTraceContaining("line 2");
        assertThat(directory.resolve("out")).doesNotExist();
    }
}
