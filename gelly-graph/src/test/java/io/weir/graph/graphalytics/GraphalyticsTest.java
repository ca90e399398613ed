package io.weir.graph.graphalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Graphalytics algorithm against {@link GraphalyticsOracle} on generated graphs with isolated and
 * dangling vertices, reciprocal edges, ids above 2^40, several components and zero weights — directed
 * and undirected, at parallelism 1 and 4 and with memory small enough to spill — read from and
 * written to files in the Graphalytics formats.
 */
class GraphalyticsTest {

    @TempDir
    Path directory;

    static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    /**
     * A graph of {@code n} vertices in three components plus isolated vertices (the last tenth);
     * every vertex of even index has an id above 2^40; about a fifth of the edges are reciprocated;
     * weights are multiples of 0.5 from 0.
     */
    static GraphalyticsOracle generate(long seed, int n, int edgesPerVertex, boolean directed) {
        Random random = new Random(seed);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i % 2 == 0 ? (1L << 41) + i * 1_000_003L : i;
        }
        int connected = n - n / 10;
        Set<Long> seen = new HashSet<>();
        List<int[]> edges = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int k = 0; k < connected * edgesPerVertex; k++) {
            int component = random.nextInt(3);
            int a = pick(random, connected, component);
            int b = pick(random, connected, component);
            boolean reciprocal = directed && random.nextInt(5) == 0;
            if (a == b || !add(seen, a, b, directed)) {
                continue;
            }
            edges.add(new int[] {a, b});
            weights.add(random.nextInt(6) / 2.0);
            if (reciprocal && add(seen, b, a, true)) {
                edges.add(new int[] {b, a});
                weights.add(random.nextInt(6) / 2.0);
            }
        }
        double[] weightArray = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new GraphalyticsOracle(ids, edges.toArray(int[][]::new), weightArray, directed);
    }

    /** A vertex of the component: the connected vertices dealt round-robin into three, skewed to low ones. */
    private static int pick(Random random, int connected, int component) {
        int perComponent = connected / 3;
        int offset = (int) (perComponent * Math.pow(random.nextDouble(), 2));
        return Math.min(connected - 1, offset * 3 + component);
    }

    private static boolean add(Set<Long> seen, int a, int b, boolean directed) {
        long key = directed || a < b ? (long) a << 32 | b : (long) b << 32 | a;
        return seen.add(key);
    }

    /** Writes the graph's edge file ({@code src dst weight}, with varied spacing) and vertex file. */
    GraphalyticsGraph write(ExecutionEnvironment env, GraphalyticsOracle graph, boolean withVertices, boolean weighted)
            throws IOException {
        StringBuilder edges = new StringBuilder("# an LDBC-style edge list\n");
        for (int e = 0; e < graph.edges.length; e++) {
            edges.append(graph.ids[graph.edges[e][0]])
                    .append(e % 7 == 0 ? "\t" : " ")
                    .append(graph.ids[graph.edges[e][1]])
                    .append(' ')
                    .append(graph.weights[e])
                    .append(e % 11 == 0 ? "  \n" : "\n");
        }
        Path edgeFile = directory.resolve("graph.e");
        Files.writeString(edgeFile, edges);
        String vertexFile = null;
        if (withVertices) {
            StringBuilder vertices = new StringBuilder();
            for (long id : graph.ids) {
                vertices.append(id).append('\n');
            }
            vertexFile =
                    Files.writeString(directory.resolve("graph.v"), vertices).toString();
        }
        return GraphalyticsGraph.read(env, edgeFile.toString(), vertexFile, graph.directed, weighted);
    }

    /** Runs the result into files as {@code weir example} does and reads them back. */
    <V> Map<Long, V> run(DataSet<Tuple2<Long, V>> result, Function<String, V> parse) throws IOException {
        Path output = directory.resolve("output");
        GraphalyticsOutput.write(result, output.toString(), WriteMode.OVERWRITE);
        result.getExecutionEnvironment().execute("graphalytics test");
        Map<Long, V> values = new HashMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] fields = line.split(" ");
                    assertThat(fields).as("line '%s'", line).hasSize(2);
                    assertThat(values.put(Long.parseLong(fields[0]), parse.apply(fields[1])))
                            .as("vertex %s once", fields[0])
                            .isNull();
                }
            }
        }
        return values;
    }

    static double parseDouble(String text) {
        return text.equals("infinity") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
    }

    /** Values equal up to a relative error from another order of summation. */
    static void assertClose(Map<Long, Double> actual, Map<Long, Double> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (Map.Entry<Long, Double> entry : expected.entrySet()) {
            double want = entry.getValue();
            double got = actual.get(entry.getKey());
            if (Double.isInfinite(want)) {
                assertThat(got).as("vertex %d", entry.getKey()).isEqualTo(want);
            } else {
                assertThat(got).as("vertex %d", entry.getKey()).isCloseTo(want, within(1e-9 * Math.abs(want) + 1e-15));
            }
        }
    }

    @ParameterizedTest(name = "directed {0}, parallelism {1}, memory {2}")
    @CsvSource({"true, 1, 64m", "false, 1, 64m", "true, 4, 64m", "false, 4, 64m", "true, 2, 6m", "false, 2, 6m"})
    void everyAlgorithmMatchesThePlainJavaDefinition(boolean directed, int parallelism, String memory)
            throws IOException {
        boolean small = memory.equals("6m");
        GraphalyticsOracle graph = generate(directed ? 1 : 2, small ? 6_000 : 400, small ? 5 : 3, directed);
        long source = graph.ids[4];

        ExecutionEnvironment env = environment(parallelism, memory);
        assertThat(run(Graphalytics.bfs(write(env, graph, true, false), source), Long::parseLong))
                .as("BFS")
                .isEqualTo(graph.bfs(source));
        assertThat(run(Graphalytics.wcc(write(env, graph, true, false)), Long::parseLong))
                .as("WCC")
                .isEqualTo(graph.wcc());
        if (small) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled())
                    .as("the components spill")
                    .isPositive();
        }
        assertThat(run(Graphalytics.cdlp(write(env, graph, true, false), 5), Long::parseLong))
                .as("CDLP")
                .isEqualTo(graph.cdlp(5));
        assertClose(
                run(Graphalytics.pageRank(write(env, graph, true, false), 0.85, 10), GraphalyticsTest::parseDouble),
                graph.pageRank(0.85, 10));
        assertClose(
                run(Graphalytics.sssp(write(env, graph, true, true), source), GraphalyticsTest::parseDouble),
                graph.sssp(source));
        assertClose(run(Graphalytics.lcc(write(env, graph, true, false)), GraphalyticsTest::parseDouble), graph.lcc());
    }

    @Test
    void withoutAVertexFileTheVerticesAreThoseTheEdgesName() throws IOException {
        GraphalyticsOracle graph = generate(3, 200, 2, true);
        ExecutionEnvironment env = environment(2, "64m");
        Set<Long> named = new HashSet<>();
        for (int[] edge : graph.edges) {
            named.add(graph.ids[edge[0]]);
            named.add(graph.ids[edge[1]]);
        }

        Map<Long, Long> labels = run(Graphalytics.wcc(write(env, graph, false, false)), Long::parseLong);

        assertThat(labels.keySet()).isEqualTo(named).hasSizeLessThan(graph.n());
        Map<Long, Long> expected = new HashMap<>(graph.wcc());
        expected.keySet().retainAll(named);
        assertThat(labels).isEqualTo(expected);
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 6m"})
    void wccLeavesOutTheEdgesThatNameAnIdOutsideTheVertexFile(int parallelism, String memory) throws IOException {
        // every seventh vertex left out of the vertex file: its edges must not join the components
        // (a hub among them would join many), whatever the forests that follow the edges did
        GraphalyticsOracle graph = generate(4, memory.equals("6m") ? 3_000 : 400, 3, false);
        int[] kept = new int[graph.n()];
        List<Long> keptIds = new ArrayList<>();
        for (int i = 0; i < graph.n(); i++) {
            kept[i] = i % 7 == 3 ? -1 : keptIds.size();
            if (kept[i] >= 0) {
                keptIds.add(graph.ids[i]);
            }
        }
        List<int[]> keptEdges = new ArrayList<>();
        for (int[] edge : graph.edges) {
            if (kept[edge[0]] >= 0 && kept[edge[1]] >= 0) {
                keptEdges.add(new int[] {kept[edge[0]], kept[edge[1]]});
            }
        }
        GraphalyticsOracle valid = new GraphalyticsOracle(
                keptIds.stream().mapToLong(Long::longValue).toArray(),
                keptEdges.toArray(int[][]::new),
                new double[keptEdges.size()],
                false);
        ExecutionEnvironment env = environment(parallelism, memory);
        write(env, graph, false, false); // the edge file, graph.e
        String edgeFile = directory.resolve("graph.e").toString();
        StringBuilder vertices = new StringBuilder();
        keptIds.forEach(id -> vertices.append(id).append('\n'));
        String vertexFile =
                Files.writeString(directory.resolve("kept.v"), vertices).toString();

        Map<Long, Long> labels =
                run(Graphalytics.wcc(GraphalyticsGraph.read(env, edgeFile, vertexFile, false, false)), Long::parseLong);

        assertThat(labels).isEqualTo(valid.wcc()).isNotEqualTo(restrictedTo(graph.wcc(), keptIds));
    }

    /** The entries of {@code map} whose keys are in {@code keys}. */
    private static Map<Long, Long> restrictedTo(Map<Long, Long> map, List<Long> keys) {
        Map<Long, Long> restricted = new HashMap<>(map);
        restricted.keySet().retainAll(new HashSet<>(keys));
        return restricted;
    }

    @Test
    void aMalformedLineNamesTheFileAndTheLine() throws IOException {
        Path edges = Files.writeString(directory.resolve("bad.e"), "1 2\n2 3\n3 x\n");
        ExecutionEnvironment env = environment(1, "16m");

        assertThatThrownBy(() -> run(
                        Graphalytics.wcc(GraphalyticsGraph.read(env, edges.toString(), null, false, false)),
                        Long::parseLong))
                .hasStackTraceContaining("line 3 of")
                .hasStackTraceContaining("bad.e")
                .hasStackTraceContaining("'3 x'");
    }

    @Test
    void shortestPathsRejectANegativeWeightNamingItsLine() throws IOException {
        Path edges = Files.writeString(directory.resolve("negative.e"), "1 2 0.5\n2 3 -1.5\n");
        ExecutionEnvironment env = environment(1, "16m");

        assertThatThrownBy(() -> run(
                        Graphalytics.sssp(GraphalyticsGraph.read(env, edges.toString(), null, true, true), 1),
                        GraphalyticsTest::parseDouble))
                .hasStackTraceContaining("line 2 of")
                .hasStackTraceContaining("-1.5 is not a finite non-negative number");
        assertThat(directory.resolve("output")).doesNotExist();
    }

    @Test
    void aSourceThatIsNotAVertexFailsBeforeTheSearch() throws IOException {
        Path edges = Files.writeString(directory.resolve("graph.e"), "1 2\n2 3\n");
        ExecutionEnvironment env = environment(2, "16m");

        assertThatThrownBy(() -> run(
                        Graphalytics.bfs(GraphalyticsGraph.read(env, edges.toString(), null, true, false), 7),
                        Long::parseLong))
                .hasStackTraceContaining("the source vertex 7 is not a vertex of the graph");
        assertThat(directory.resolve("output")).doesNotExist();
    }

    /** The digits themselves are checked against an exact oracle in {@code DoubleFormatTest}. */
    @Test
    void doublesArePrintedInTheShortestFormThatReadsBackAndInfinityInWords() {
        Random random = new Random(9);
        for (int i = 0; i < 1_000; i++) {
            double value = random.nextDouble() / (1 + random.nextInt(1_000_000));
            assertThat(Double.parseDouble(GraphalyticsOutput.format(value))).isEqualTo(value);
            assertThat(GraphalyticsOutput.format((Object) value)).isEqualTo(GraphalyticsOutput.format(value));
        }
        assertThat(GraphalyticsOutput.format(2.0E-3)).isEqualTo("0.002");
        assertThat(GraphalyticsOutput.format(1.0)).isEqualTo("1.0");
        assertThat(GraphalyticsOutput.format(2.82879384806159E17)).isEqualTo("2.82879384806159E17");
        assertThat(GraphalyticsOutput.format(Double.POSITIVE_INFINITY)).isEqualTo("infinity");
        assertThat(GraphalyticsOutput.format((Object) 42L)).isEqualTo("42");
    }
}
