package io.weir.graph.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weir.core.tuple.Tuple2;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.GraphTest;
import io.weir.graph.Vertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Gelly-style library algorithms against plain Java loops written from their definitions. */
class LibraryAlgorithmsTest {

    /** A directed graph: ids above 2^40 for odd indices, isolated and dangling vertices, repeated edges. */
    static List<Edge<Long, Double>> edges(long[] ids, int m, long seed) {
        Random random = new Random(seed);
        List<Edge<Long, Double>> edges = new ArrayList<>();
        int connected = ids.length - ids.length / 10;
        for (int k = 0; k < m; k++) {
            edges.add(new Edge<>(ids[random.nextInt(connected)], ids[random.nextInt(connected / 2)], 1.0));
        }
        return edges;
    }

    static long[] ids(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i % 2 == 0 ? i : (1L << 40) + i;
        }
        return ids;
    }

    static <V> List<Vertex<Long, V>> vertices(long[] ids, java.util.function.LongFunction<V> value) {
        List<Vertex<Long, V>> vertices = new ArrayList<>();
        for (long id : ids) {
            vertices.add(new Vertex<>(id, value.apply(id)));
        }
        return vertices;
    }

    @ParameterizedTest(name = "parallelism {0}, threshold {1}")
    @CsvSource({"1, 0", "4, 0", "4, 1e-4", "2, 1e-9"})
    void pageRankMatchesPowerIterationStoppingAtTheSameIteration(int parallelism, double threshold) throws Exception {
        ExecutionEnvironment env = GraphTest.environment(parallelism, "64m");
        long[] ids = ids(300);
        List<Edge<Long, Double>> edges = edges(ids, 900, 1);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices(ids, id -> id), edges, env);

        Map<Long, Double> ranks = new HashMap<>();
        for (Tuple2<Long, Double> rank :
                graph.run(new PageRank<Long, Long, Double>(0.85, 30, threshold)).collect()) {
            ranks.put(rank.f0, rank.f1);
        }

        // power iteration over the same definition
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        int n = ids.length;
        int[] out = new int[n];
        edges.forEach(e -> out[index.get(e.source())]++);
        double[] rank = new double[n];
        java.util.Arrays.fill(rank, 1.0 / n);
        for (int iteration = 0; iteration < 30; iteration++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                dangling += out[v] == 0 ? rank[v] : 0;
            }
            double[] next = new double[n];
            for (Edge<Long, Double> e : edges) {
                int s = index.get(e.source());
                next[index.get(e.target())] += rank[s] / out[s];
            }
            double change = 0;
            for (int v = 0; v < n; v++) {
                next[v] = 0.15 / n + 0.85 * next[v] + 0.85 * dangling / n;
                change += Math.abs(next[v] - rank[v]);
            }
            rank = next;
            if (change < threshold) {
                break;
            }
        }
        assertThat(ranks).hasSize(n);
        double sum = 0;
        for (int v = 0; v < n; v++) {
            assertThat(ranks.get(ids[v])).as("vertex %d", ids[v]).isCloseTo(rank[v], within(1e-12));
            sum += ranks.get(ids[v]);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void labelPropagationFollowsGellysRule(int parallelism) throws Exception {
        ExecutionEnvironment env = GraphTest.environment(parallelism, "64m");
        long[] ids = ids(200);
        List<Edge<Long, Double>> edges = edges(ids, 500, 2);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices(ids, id -> id % 5), edges, env);

        Map<Long, Long> labels = new HashMap<>();
        for (Vertex<Long, Long> vertex :
                graph.run(new LabelPropagation<Long, Long, Double>(7)).collect()) {
            labels.put(vertex.id(), vertex.value());
        }

        // scatter-gather by hand: changed vertices send along out-edges; the most frequent label
        // received wins, ties to the greatest; a vertex changes only to a different label
        Map<Long, Long> label = new HashMap<>();
        for (long id : ids) {
            label.put(id, id % 5);
        }
        Map<Long, Long> changed = new HashMap<>(label);
        for (int superstep = 0; superstep < 7 && !changed.isEmpty(); superstep++) {
            Map<Long, Map<Long, Integer>> received = new HashMap<>();
            for (Edge<Long, Double> e : edges) {
                if (changed.containsKey(e.source())) {
                    received.computeIfAbsent(e.target(), k -> new TreeMap<>())
                            .merge(changed.get(e.source()), 1, Integer::sum);
                }
            }
            Map<Long, Long> next = new HashMap<>();
            received.forEach((vertex, counts) -> {
                long best = 0;
                int bestCount = 0;
                for (Map.Entry<Long, Integer> entry : counts.entrySet()) { // ascending: a tie takes the greater
                    if (entry.getValue() >= bestCount) {
                        best = entry.getKey();
                        bestCount = entry.getValue();
                    }
                }
                if (best != label.get(vertex)) {
                    next.put(vertex, best);
                }
            });
            label.putAll(next);
            changed = next;
        }
        assertThat(labels).isEqualTo(label);
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 4m"})
    void connectedComponentsGiveEachVertexTheSmallestValueOfItsComponent(int parallelism, String memory)
            throws Exception {
        ExecutionEnvironment env = GraphTest.environment(parallelism, memory);
        long[] ids = ids(memory.equals("4m") ? 30_000 : 500);
        List<Edge<Long, Double>> edges = edges(ids, ids.length / 2, 3);
        // values are not the ids: a component is labelled by its smallest value
        Graph<Long, String, Double> graph =
                Graph.fromCollection(vertices(ids, id -> "v" + (id * 7919 % 10007)), edges, env);

        Map<Long, String> labels = new HashMap<>();
        for (Vertex<Long, String> vertex :
                graph.run(new ConnectedComponents<Long, String, Double>(1_000)).collect()) {
            labels.put(vertex.id(), vertex.value());
        }

        Map<Long, Long> parent = new HashMap<>();
        for (long id : ids) {
            parent.put(id, id);
        }
        for (Edge<Long, Double> e : edges) {
            parent.put(root(parent, e.source()), root(parent, e.target()));
        }
        Map<Long, String> smallest = new HashMap<>();
        for (long id : ids) {
            smallest.merge(root(parent, id), "v" + (id * 7919 % 10007), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        Map<Long, String> expected = new HashMap<>();
        for (long id : ids) {
            expected.put(id, smallest.get(root(parent, id)));
        }
        assertThat(labels).isEqualTo(expected);
        if (memory.equals("4m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    static long root(Map<Long, Long> parent, long v) {
        while (parent.get(v) != v) {
            v = parent.get(v);
        }
        return v;
    }
}
