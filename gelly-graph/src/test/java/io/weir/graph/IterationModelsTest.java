package io.weir.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.aggregators.LongSumAggregator;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.gsa.ApplyFunction;
import io.weir.graph.gsa.GatherSumApplyIteration;
import io.weir.graph.gsa.Neighbor;
import io.weir.graph.gsa.SumFunction;
import io.weir.graph.pregel.ComputeFunction;
import io.weir.graph.pregel.MessageCombiner;
import io.weir.graph.pregel.VertexCentricIteration;
import io.weir.graph.spargel.GatherFunction;
import io.weir.graph.spargel.ScatterFunction;
import io.weir.graph.spargel.ScatterGatherIteration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three iteration models, each running single-source shortest paths (and scatter-gather also
 * connected components) checked against Dijkstra and union-find in plain Java, with aggregators and
 * broadcast sets, at parallelism 1 and 4 and with memory small enough to spill.
 */
class IterationModelsTest {

    static final double INFINITY = Double.POSITIVE_INFINITY;

    record TestGraph(List<Vertex<Long, Double>> vertices, List<Edge<Long, Double>> edges) {}

    /** A directed graph with ids above 2^40 for odd indices, weights multiples of 0.5 from 0, isolated vertices. */
    static TestGraph graph(int n, int m, long seed) {
        Random random = new Random(seed);
        long[] ids = new long[n];
        List<Vertex<Long, Double>> vertices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids[i] = i % 2 == 0 ? i : (1L << 40) + i;
            vertices.add(new Vertex<>(ids[i], i == 0 ? 0.0 : INFINITY));
        }
        List<Edge<Long, Double>> edges = new ArrayList<>();
        int connected = n - n / 10;
        for (int k = 0; k < m; k++) {
            edges.add(new Edge<>(
                    ids[random.nextInt(connected)], ids[random.nextInt(connected)], random.nextInt(8) / 2.0));
        }
        return new TestGraph(vertices, edges);
    }

    static Map<Long, Double> dijkstra(TestGraph graph, long source) {
        Map<Long, List<Edge<Long, Double>>> out = new HashMap<>();
        graph.edges()
                .forEach(e ->
                        out.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e));
        Map<Long, Double> distance = new HashMap<>();
        graph.vertices().forEach(v -> distance.put(v.id(), INFINITY));
        distance.put(source, 0.0);
        PriorityQueue<Map.Entry<Long, Double>> queue = new PriorityQueue<>(Map.Entry.comparingByValue());
        queue.add(Map.entry(source, 0.0));
        while (!queue.isEmpty()) {
            Map.Entry<Long, Double> head = queue.poll();
            if (head.getValue() > distance.get(head.getKey())) {
                continue;
            }
            for (Edge<Long, Double> edge : out.getOrDefault(head.getKey(), List.of())) {
                double candidate = head.getValue() + edge.value();
                if (candidate < distance.get(edge.target())) {
                    distance.put(edge.target(), candidate);
                    queue.add(Map.entry(edge.target(), candidate));
                }
            }
        }
        return distance;
    }

    static <V> Map<Long, V> values(Graph<Long, V, ?> graph) {
        Map<Long, V> result = new HashMap<>();
        for (Vertex<Long, V> vertex : graph.getVertices().collect()) {
            assertThat(result.put(vertex.id(), vertex.value()))
                    .as("vertex %d once", vertex.id())
                    .isNull();
        }
        return result;
    }

    /** Pregel shortest paths: the source (from a broadcast set) starts; updates are counted in an aggregator. */
    static final class ShortestPathCompute extends ComputeFunction<Long, Double, Double, Double> {
        @Override
        public void preSuperstep() {
            if (getSuperstepNumber() > 1 && getPreviousIterationAggregate("updates") == null) {
                throw new IllegalStateException("no aggregate of superstep " + (getSuperstepNumber() - 1));
            }
        }

        @Override
        public void compute(Vertex<Long, Double> vertex, Iterable<Double> messages) {
            long source = (Long) getBroadcastSet("source").iterator().next();
            double best = vertex.getId() == source ? 0.0 : vertex.getValue();
            double smallest = INFINITY;
            for (double message : messages) {
                smallest = Math.min(smallest, message);
            }
            if (smallest < best) {
                best = smallest;
                setNewVertexValue(best);
                this.<LongSumAggregator>getIterationAggregator("updates").aggregate(1L);
            } else if (getSuperstepNumber() > 1 || vertex.getId() != source) {
                return;
            }
            for (Edge<Long, Double> edge : getEdges()) {
                sendMessageTo(edge.getTarget(), best + edge.getValue());
            }
        }
    }

    static final class MinCombiner extends MessageCombiner<Long, Double> {
        @Override
        public void combineMessages(Iterable<Double> messages) {
            double smallest = INFINITY;
            for (double message : messages) {
                smallest = Math.min(smallest, message);
            }
            sendCombinedMessage(smallest);
        }
    }

    static final class DistanceScatter extends ScatterFunction<Long, Double, Double, Double> {
        @Override
        public void sendMessages(Vertex<Long, Double> vertex) {
            if (vertex.getValue() < INFINITY) {
                for (Edge<Long, Double> edge : getEdges()) {
                    sendMessageTo(edge.getTarget(), vertex.getValue() + edge.getValue());
                }
            }
        }
    }

    static final class MinDistanceGather extends GatherFunction<Long, Double, Double> {
        @Override
        public void updateVertex(Vertex<Long, Double> vertex, Iterable<Double> inMessages) {
            double smallest = INFINITY;
            for (double message : inMessages) {
                smallest = Math.min(smallest, message);
            }
            if (smallest < vertex.getValue()) {
                setNewVertexValue(smallest);
            }
        }
    }

    static final class PathLength extends io.weir.graph.gsa.GatherFunction<Double, Double, Double> {
        @Override
        public Double gather(Neighbor<Double, Double> neighbor) {
            return neighbor.getNeighborValue() + neighbor.getEdgeValue();
        }
    }

    static final class Shortest extends SumFunction<Double, Double, Double> {
        @Override
        public Double sum(Double first, Double second) {
            return Math.min(first, second);
        }
    }

    static final class TakeIfShorter extends ApplyFunction<Long, Double, Double> {
        @Override
        public void apply(Double newValue, Double currentValue) {
            if (newValue < currentValue) {
                setResult(newValue);
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 4m"})
    void shortestPathsInEveryModelMatchDijkstra(int parallelism, String memory) throws Exception {
        ExecutionEnvironment env = GraphTest.environment(parallelism, memory);
        boolean small = memory.equals("4m");
        TestGraph test = graph(small ? 20_000 : 400, small ? 60_000 : 1_200, parallelism);
        Graph<Long, Double, Double> graph = Graph.fromCollection(test.vertices(), test.edges(), env);
        Map<Long, Double> expected = dijkstra(test, 0L);

        IterationConfiguration pregel = new IterationConfiguration()
                .setName("pregel sssp")
                .registerAggregator("updates", new LongSumAggregator())
                .addBroadcastSet("source", env.fromElements(0L));
        assertThat(values(graph.run(new VertexCentricIteration<>(
                        new ShortestPathCompute(), new MinCombiner(), 1_000, pregel, null))))
                .as("vertex-centric")
                .isEqualTo(expected);
        if (small) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
        assertThat(values(
                        graph.run(new ScatterGatherIteration<>(new DistanceScatter(), new MinDistanceGather(), 1_000))))
                .as("scatter-gather")
                .isEqualTo(expected);
        assertThat(values(graph.run(
                        new GatherSumApplyIteration<>(new PathLength(), new Shortest(), new TakeIfShorter(), 1_000))))
                .as("gather-sum-apply")
                .isEqualTo(expected);
    }

    /** Scatter-gather components: each vertex sends its label both ways; a smaller one is taken. */
    static final class SendLabel extends ScatterFunction<Long, Long, Long, Double> {
        @Override
        public void sendMessages(Vertex<Long, Long> vertex) {
            sendMessageToAllNeighbors(vertex.getValue());
        }
    }

    static final class SmallestLabel extends GatherFunction<Long, Long, Long> {
        @Override
        public void updateVertex(Vertex<Long, Long> vertex, Iterable<Long> inMessages) {
            long smallest = vertex.getValue();
            for (long label : inMessages) {
                smallest = Math.min(smallest, label);
            }
            if (smallest < vertex.getValue()) {
                setNewVertexValue(smallest);
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void scatterGatherAlongAllEdgesFindsTheComponents(int parallelism) throws Exception {
        ExecutionEnvironment env = GraphTest.environment(parallelism, "64m");
        TestGraph test = graph(500, 300, 11);
        Graph<Long, Long, Double> graph =
                Graph.fromCollection(test.vertices(), test.edges(), env).mapVertices(vertex -> vertex.getId());

        Map<Long, Long> labels = values(graph.run(new ScatterGatherIteration<>(
                new SendLabel(),
                new SmallestLabel(),
                1_000,
                new IterationConfiguration().setDirection(EdgeDirection.ALL),
                null)));

        Map<Long, Long> parent = new HashMap<>();
        test.vertices().forEach(v -> parent.put(v.id(), v.id()));
        for (Edge<Long, Double> edge : test.edges()) {
            long a = root(parent, edge.source());
            long b = root(parent, edge.target());
            parent.put(Math.max(a, b), Math.min(a, b));
        }
        Map<Long, Long> expected = new HashMap<>();
        parent.keySet().forEach(v -> expected.put(v, root(parent, v)));
        assertThat(labels).isEqualTo(expected);
    }

    static long root(Map<Long, Long> parent, long v) {
        while (parent.get(v) != v) {
            v = parent.get(v);
        }
        return v;
    }

    @Test
    void maxIterationsBoundsTheSupersteps() throws Exception {
        // a path 0 -> 1 -> ... -> 9: after 3 supersteps of scatter-gather only 3 hops are known
        List<Vertex<Long, Double>> vertices = new ArrayList<>();
        List<Edge<Long, Double>> edges = new ArrayList<>();
        for (long i = 0; i < 10; i++) {
            vertices.add(new Vertex<>(i, i == 0 ? 0.0 : INFINITY));
            if (i > 0) {
                edges.add(new Edge<>(i - 1, i, 1.0));
            }
        }
        Graph<Long, Double, Double> graph = Graph.fromCollection(vertices, edges, GraphTest.environment(2, "32m"));

        Map<Long, Double> distances =
                values(graph.run(new ScatterGatherIteration<>(new DistanceScatter(), new MinDistanceGather(), 3)));

        double[] expected = new double[10];
        Arrays.fill(expected, INFINITY);
        for (int i = 0; i <= 3; i++) {
            expected[i] = i;
        }
        for (long i = 0; i < 10; i++) {
            assertThat(distances.get(i)).as("vertex %d", i).isEqualTo(expected[(int) i]);
        }
    }

    /** A compute function that sends to a vertex that does not exist. */
    static final class SendToNowhere extends ComputeFunction<Long, Double, Double, Double> {
        @Override
        public void compute(Vertex<Long, Double> vertex, Iterable<Double> messages) {
            getEdges().forEach(edge -> {});
            sendMessageToAllNeighbors(1.0);
        }
    }

    @Test
    void readingTheEdgesTwiceIsAnErrorNamingTheVertex() throws Exception {
        TestGraph test = graph(20, 40, 3);
        Graph<Long, Double, Double> graph =
                Graph.fromCollection(test.vertices(), test.edges(), GraphTest.environment(1, "32m"));

        assertThatThrownBy(() -> graph.run(new VertexCentricIteration<>(new SendToNowhere(), null, 5))
                        .getVertices()
                        .collect())
                .hasStackTraceContaining("are read once per superstep");
    }
}
