package io.weir.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.functions.Collector;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.Types;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Graph API against plain Java computations over the same generated vertices and edges. */
public class GraphTest {

    public static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    /** Vertices with ids above 2^40 for odd indices, value id mod 7; random edges with repeats and self-loops. */
    static List<Vertex<Long, Long>> vertices(int n) {
        List<Vertex<Long, Long>> vertices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = i % 2 == 0 ? i : (1L << 40) + i;
            vertices.add(new Vertex<>(id, id % 7));
        }
        return vertices;
    }

    static List<Edge<Long, Double>> edges(List<Vertex<Long, Long>> vertices, int count, long seed) {
        Random random = new Random(seed);
        List<Edge<Long, Double>> edges = new ArrayList<>();
        // the last tenth of the vertices has no edges
        int connected = vertices.size() - vertices.size() / 10;
        for (int i = 0; i < count; i++) {
            long source = vertices.get(random.nextInt(connected)).id();
            long target = vertices.get(random.nextInt(connected)).id();
            edges.add(new Edge<>(source, target, (double) random.nextInt(100)));
        }
        return edges;
    }

    static <T> Map<T, Long> multiset(List<T> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    static <V> Map<Long, V> asMap(List<Tuple2<Long, V>> pairs) {
        Map<Long, V> map = new HashMap<>();
        for (Tuple2<Long, V> pair : pairs) {
            assertThat(map.put(pair.f0, pair.f1)).as("vertex %s once", pair.f0).isNull();
        }
        return map;
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 4m"})
    void degreesCountEveryVertexIncludingThoseWithoutEdges(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Vertex<Long, Long>> vertices = vertices(memory.equals("4m") ? 20_000 : 500);
        List<Edge<Long, Double>> edges = edges(vertices, vertices.size() * 3, 1);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices, edges, env);

        Map<Long, Long> in = new HashMap<>();
        Map<Long, Long> out = new HashMap<>();
        for (Vertex<Long, Long> vertex : vertices) {
            in.put(vertex.id(), 0L);
            out.put(vertex.id(), 0L);
        }
        for (Edge<Long, Double> edge : edges) {
            out.merge(edge.source(), 1L, Long::sum);
            in.merge(edge.target(), 1L, Long::sum);
        }
        Map<Long, Long> all = new HashMap<>(in);
        out.forEach((id, count) -> all.merge(id, count, Long::sum));

        assertThat(asMap(graph.inDegrees().collect())).isEqualTo(in);
        assertThat(asMap(graph.outDegrees().collect())).isEqualTo(out);
        assertThat(asMap(graph.getDegrees().collect())).isEqualTo(all);
        assertThat(graph.numberOfVertices()).isEqualTo(vertices.size());
        assertThat(graph.numberOfEdges()).isEqualTo(edges.size());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void transformationsMatchTheirDefinitionsOnCollections(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Vertex<Long, Long>> vertices = vertices(300);
        List<Edge<Long, Double>> edges = edges(vertices, 900, 2);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices, edges, env);

        Graph<Long, String, Long> mapped =
                graph.mapVertices(vertex -> "v" + vertex.getValue()).mapEdges(edge -> Math.round(edge.getValue() * 2));
        assertThat(multiset(mapped.getVertices().collect()))
                .isEqualTo(multiset(vertices.stream()
                        .map(v -> new Vertex<>(v.id(), "v" + v.value()))
                        .toList()));
        assertThat(multiset(mapped.getEdges().collect()))
                .isEqualTo(multiset(edges.stream()
                        .map(e -> new Edge<>(e.source(), e.target(), Math.round(e.value() * 2)))
                        .toList()));

        // filterOnVertices drops the edges of dropped vertices; subgraph filters both
        Graph<Long, Long, Double> kept = graph.filterOnVertices(vertex -> vertex.getValue() != 3);
        Set<Long> keptIds =
                vertices.stream().filter(v -> v.value() != 3).map(Vertex::id).collect(Collectors.toSet());
        assertThat(kept.getVertices().collect()).hasSize(keptIds.size());
        assertThat(multiset(kept.getEdges().collect()))
                .isEqualTo(multiset(edges.stream()
                        .filter(e -> keptIds.contains(e.source()) && keptIds.contains(e.target()))
                        .toList()));
        Graph<Long, Long, Double> sub = graph.subgraph(vertex -> vertex.getValue() != 3, edge -> edge.getValue() < 50);
        assertThat(multiset(sub.getEdges().collect()))
                .isEqualTo(multiset(edges.stream()
                        .filter(e -> keptIds.contains(e.source()) && keptIds.contains(e.target()) && e.value() < 50)
                        .toList()));
        assertThat(multiset(graph.filterOnEdges(edge -> edge.getValue() >= 50)
                        .getEdges()
                        .collect()))
                .isEqualTo(multiset(edges.stream().filter(e -> e.value() >= 50).toList()));

        assertThat(multiset(graph.reverse().getEdges().collect()))
                .isEqualTo(multiset(edges.stream().map(Edge::reverse).toList()));
        List<Edge<Long, Double>> both = new ArrayList<>(edges);
        both.addAll(edges.stream().map(Edge::reverse).toList());
        assertThat(multiset(graph.getUndirected().getEdges().collect())).isEqualTo(multiset(both));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void unionKeepsOneVertexPerIdAndDifferenceRemovesTheOtherGraphsVerticesAndEdges(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Vertex<Long, Long>> vertices = vertices(200);
        List<Edge<Long, Double>> edges = edges(vertices, 600, 3);
        List<Vertex<Long, Long>> otherVertices = vertices.subList(150, 200);
        List<Edge<Long, Double>> otherEdges = new ArrayList<>(edges.subList(0, 100));
        otherEdges.add(new Edge<>(160L, 170L, 1.0));
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices.subList(0, 180), edges, env);
        Graph<Long, Long, Double> other = Graph.fromCollection(otherVertices, otherEdges, env);

        Graph<Long, Long, Double> union = graph.union(other);
        assertThat(multiset(union.getVertices().collect())).isEqualTo(multiset(vertices));
        List<Edge<Long, Double>> allEdges = new ArrayList<>(edges);
        allEdges.addAll(otherEdges);
        assertThat(multiset(union.getEdges().collect())).isEqualTo(multiset(allEdges));

        Graph<Long, Long, Double> difference = graph.difference(other);
        Set<Long> removed = otherVertices.stream().map(Vertex::id).collect(Collectors.toSet());
        Set<List<Long>> removedEdges =
                otherEdges.stream().map(e -> List.of(e.source(), e.target())).collect(Collectors.toSet());
        assertThat(multiset(difference.getVertices().collect()))
                .isEqualTo(multiset(vertices.subList(0, 180).stream()
                        .filter(v -> !removed.contains(v.id()))
                        .toList()));
        assertThat(multiset(difference.getEdges().collect()))
                .isEqualTo(multiset(edges.stream()
                        .filter(e -> !removed.contains(e.source()) && !removed.contains(e.target()))
                        .filter(e -> !removedEdges.contains(List.of(e.source(), e.target())))
                        .toList()));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void joinsChangeTheValuesOfMatchedVerticesAndEdgesOnly(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Vertex<Long, Long>> vertices = vertices(200);
        List<Edge<Long, Double>> edges = edges(vertices, 600, 4);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices, edges, env);
        List<Tuple2<Long, Long>> bonus = new ArrayList<>();
        for (int i = 0; i < vertices.size(); i += 3) {
            bonus.add(Tuple2.of(vertices.get(i).id(), 1000L + i));
        }
        Map<Long, Long> bonusOf = asMap(bonus);

        List<Vertex<Long, Long>> joined = graph.joinWithVertices(
                        env.fromCollection(bonus, Types.TUPLE(Types.LONG, Types.LONG)), Long::sum)
                .getVertices()
                .collect();
        assertThat(multiset(joined))
                .isEqualTo(multiset(vertices.stream()
                        .map(v -> bonusOf.containsKey(v.id()) ? v.withValue(v.value() + bonusOf.get(v.id())) : v)
                        .toList()));

        DataSet<Tuple2<Long, Double>> scale = env.fromCollection(
                List.of(
                        Tuple2.of(vertices.get(0).id(), 10.0),
                        Tuple2.of(vertices.get(1).id(), 100.0)),
                Types.TUPLE(Types.LONG, Types.DOUBLE));
        Map<Long, Double> factor =
                Map.of(vertices.get(0).id(), 10.0, vertices.get(1).id(), 100.0);
        assertThat(multiset(graph.joinWithEdgesOnSource(scale, (value, f) -> value * f)
                        .getEdges()
                        .collect()))
                .isEqualTo(multiset(edges.stream()
                        .map(e -> factor.containsKey(e.source()) ? e.withValue(e.value() * factor.get(e.source())) : e)
                        .toList()));
        assertThat(multiset(graph.joinWithEdgesOnTarget(scale, (value, f) -> value * f)
                        .getEdges()
                        .collect()))
                .isEqualTo(multiset(edges.stream()
                        .map(e -> factor.containsKey(e.target()) ? e.withValue(e.value() * factor.get(e.target())) : e)
                        .toList()));
        Edge<Long, Double> first = edges.get(0);
        DataSet<Tuple3<Long, Long, Double>> exact = env.fromCollection(
                List.of(Tuple3.of(first.source(), first.target(), -1.0)),
                Types.TUPLE(Types.LONG, Types.LONG, Types.DOUBLE));
        assertThat(multiset(graph.joinWithEdges(exact, (value, replacement) -> replacement)
                        .getEdges()
                        .collect()))
                .isEqualTo(multiset(edges.stream()
                        .map(e ->
                                e.source().equals(first.source()) && e.target().equals(first.target())
                                        ? e.withValue(-1.0)
                                        : e)
                        .toList()));
    }

    /** The neighbours of each vertex in a direction, by a plain walk over the edges. */
    static Map<Long, List<Long>> neighbours(List<Edge<Long, Double>> edges, EdgeDirection direction) {
        Map<Long, List<Long>> result = new HashMap<>();
        for (Edge<Long, Double> edge : edges) {
            if (direction != EdgeDirection.IN) {
                result.computeIfAbsent(edge.source(), k -> new ArrayList<>()).add(edge.target());
            }
            if (direction != EdgeDirection.OUT) {
                result.computeIfAbsent(edge.target(), k -> new ArrayList<>()).add(edge.source());
            }
        }
        return result;
    }

    /** Counts a vertex's neighbours and sums their values: {@code (id, count, sum)}. */
    static final class CountAndSum
            implements NeighborsFunctionWithVertexValue<Long, Long, Double, Tuple3<Long, Long, Long>> {
        @Override
        public void iterateNeighbors(
                Vertex<Long, Long> vertex,
                Iterable<Tuple2<Edge<Long, Double>, Vertex<Long, Long>>> neighbors,
                Collector<Tuple3<Long, Long, Long>> out) {
            long count = 0;
            long sum = 0;
            for (Tuple2<Edge<Long, Double>, Vertex<Long, Long>> neighbor : neighbors) {
                count++;
                sum += neighbor.f1.getValue();
            }
            out.collect(Tuple3.of(vertex.getId(), count, sum));
        }
    }

    @ParameterizedTest(name = "{0}, parallelism {1}, memory {2}")
    @CsvSource({"OUT, 1, 64m", "IN, 4, 64m", "ALL, 4, 64m", "ALL, 2, 4m"})
    void neighbourhoodMethodsSeeEachVertexsNeighboursInTheDirection(
            EdgeDirection direction, int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Vertex<Long, Long>> vertices = vertices(memory.equals("4m") ? 10_000 : 400);
        List<Edge<Long, Double>> edges = edges(vertices, vertices.size() * 4, 5);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices, edges, env);
        Map<Long, Long> value = vertices.stream().collect(Collectors.toMap(Vertex::id, Vertex::value));
        Map<Long, List<Long>> neighbours = neighbours(edges, direction);

        Map<Long, Long> sums =
                asMap(graph.reduceOnNeighbors(Long::sum, direction).collect());
        Map<Long, Long> expectedSums = new HashMap<>();
        neighbours.forEach((id, list) ->
                expectedSums.put(id, list.stream().mapToLong(value::get).sum()));
        assertThat(sums).isEqualTo(expectedSums);

        Map<Long, Double> smallest =
                asMap(graph.reduceOnEdges(Math::min, direction).collect());
        Map<Long, Double> expectedSmallest = new HashMap<>();
        for (Edge<Long, Double> edge : edges) {
            if (direction != EdgeDirection.IN) {
                expectedSmallest.merge(edge.source(), edge.value(), Math::min);
            }
            if (direction != EdgeDirection.OUT) {
                expectedSmallest.merge(edge.target(), edge.value(), Math::min);
            }
        }
        assertThat(smallest).isEqualTo(expectedSmallest);

        List<Tuple3<Long, Long, Long>> counted =
                graph.groupReduceOnNeighbors(new CountAndSum(), direction).collect();
        assertThat(counted).hasSize(vertices.size());
        for (Tuple3<Long, Long, Long> row : counted) {
            List<Long> around = neighbours.getOrDefault(row.f0, List.of());
            assertThat(row.f1).as("neighbours of %d", row.f0).isEqualTo(around.size());
            assertThat(row.f2).isEqualTo(expectedSums.getOrDefault(row.f0, 0L));
        }

        io.weir.core.types.TypeInfo<Tuple2<Long, Long>> pair = Types.TUPLE(Types.LONG, Types.LONG);
        List<Tuple2<Long, Long>> edgeCounts = graph.groupReduceOnEdges(
                        (vertex, vertexEdges, out) -> {
                            long count = 0;
                            for (Edge<Long, Double> ignored : vertexEdges) {
                                count++;
                            }
                            out.collect(Tuple2.of(vertex.getId(), count));
                        },
                        direction,
                        pair)
                .collect();
        Map<Long, Long> expectedCounts = new HashMap<>();
        vertices.forEach(v -> expectedCounts.put(
                v.id(), (long) neighbours.getOrDefault(v.id(), List.of()).size()));
        assertThat(asMap(edgeCounts)).isEqualTo(expectedCounts);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void validationFindsEdgesWhoseEndsAreNotVertices(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Vertex<Long, Long>> vertices = vertices(100);
        List<Edge<Long, Double>> edges = edges(vertices, 300, 6);
        assertThat(Graph.fromCollection(vertices, edges, env).validate()).isTrue();

        List<Edge<Long, Double>> invalid = List.of(
                new Edge<>(vertices.get(1).id(), 1L << 50, 1.0),
                new Edge<>(1L << 51, vertices.get(2).id(), 2.0),
                new Edge<>(1L << 52, 1L << 53, 3.0));
        List<Edge<Long, Double>> withInvalid = new ArrayList<>(edges);
        withInvalid.addAll(invalid);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices, withInvalid, env);

        assertThat(graph.validate()).isFalse();
        assertThat(graph.invalidEdges().collect()).containsExactlyInAnyOrderElementsOf(invalid);
        assertThatThrownBy(() -> graph.groupReduceOnNeighbors(new CountAndSum(), EdgeDirection.OUT)
                        .collect())
                .hasStackTraceContaining("is not a vertex of the graph");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void graphsFromTuplesFilesAndInitializersHoldTheSameVerticesAndEdges(int parallelism, @TempDir Path directory)
            throws IOException {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Vertex<Long, Long>> vertices = vertices(100);
        List<Edge<Long, Double>> edges = edges(vertices, 300, 7);
        Set<Long> named = new HashSet<>();
        edges.forEach(e -> {
            named.add(e.source());
            named.add(e.target());
        });

        Graph<Long, Long, Double> fromTuples = Graph.fromTupleDataSet(
                env.fromCollection(
                        vertices.stream().map(v -> Tuple2.of(v.id(), v.value())).toList(),
                        Types.TUPLE(Types.LONG, Types.LONG)),
                env.fromCollection(
                        edges.stream()
                                .map(e -> Tuple3.of(e.source(), e.target(), e.value()))
                                .toList(),
                        Types.TUPLE(Types.LONG, Types.LONG, Types.DOUBLE)),
                env);
        assertThat(multiset(fromTuples.getVertices().collect())).isEqualTo(multiset(vertices));
        assertThat(multiset(fromTuples.getEdges().collect())).isEqualTo(multiset(edges));

        Graph<Long, Long, Double> initialized = Graph.fromDataSet(fromTuples.getEdges(), id -> id % 7, env);
        assertThat(multiset(initialized.getVertices().collect()))
                .isEqualTo(multiset(
                        vertices.stream().filter(v -> named.contains(v.id())).toList()));

        Path edgeFile = directory.resolve("edges.csv");
        Path vertexFile = directory.resolve("vertices.csv");
        Files.write(
                edgeFile,
                edges.stream()
                        .map(e -> e.source() + "," + e.target() + "," + e.value())
                        .toList());
        Files.write(
                vertexFile, vertices.stream().map(v -> v.id() + "," + v.value()).toList());
        Graph<Long, Long, Double> read = Graph.fromCsvReader(vertexFile.toString(), edgeFile.toString(), env)
                .types(Long.class, Long.class, Double.class);
        assertThat(multiset(read.getVertices().collect())).isEqualTo(multiset(vertices));
        assertThat(multiset(read.getEdges().collect())).isEqualTo(multiset(edges));
        Graph<Long, NullValue, NullValue> structure =
                Graph.fromCsvReader(edgeFile.toString(), env).keyType(Long.class);
        assertThat(structure.getVertices().collect()).hasSize(named.size());
        assertThat(structure.numberOfEdges()).isEqualTo(edges.size());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void mutationsAndTripletsFollowGellysRules(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Vertex<Long, Long>> vertices = vertices(200);
        List<Edge<Long, Double>> edges = edges(vertices, 600, 8);
        Graph<Long, Long, Double> graph = Graph.fromCollection(vertices, edges, env);
        Map<Long, Long> valueOf = vertices.stream().collect(Collectors.toMap(Vertex::id, Vertex::value));

        // triplets: every edge with both ends' values
        List<Triplet<Long, Long, Double>> triplets = graph.getTriplets().collect();
        assertThat(multiset(triplets))
                .isEqualTo(multiset(edges.stream()
                        .map(e -> new Triplet<>(
                                e.source(), e.target(), valueOf.get(e.source()), valueOf.get(e.target()), e.value()))
                        .toList()));

        // added vertices: new ids join, an existing id keeps its vertex
        List<Vertex<Long, Long>> added =
                List.of(new Vertex<>(1L << 50, 1L), new Vertex<>(vertices.get(0).id(), -1L));
        List<Vertex<Long, Long>> expectedVertices = new ArrayList<>(vertices);
        expectedVertices.add(added.get(0));
        assertThat(multiset(graph.addVertices(added).getVertices().collect())).isEqualTo(multiset(expectedVertices));

        // removed vertices take their edges with them
        List<Vertex<Long, Long>> removed = vertices.subList(0, 20);
        Set<Long> removedIds = removed.stream().map(Vertex::id).collect(Collectors.toSet());
        Graph<Long, Long, Double> smaller = graph.removeVertices(removed);
        assertThat(smaller.getVertices().collect()).hasSize(vertices.size() - 20);
        assertThat(multiset(smaller.getEdges().collect()))
                .isEqualTo(multiset(edges.stream()
                        .filter(e -> !removedIds.contains(e.source()) && !removedIds.contains(e.target()))
                        .toList()));

        // added edges: only those between vertices of the graph
        Edge<Long, Double> valid =
                new Edge<>(vertices.get(1).id(), vertices.get(2).id(), 7.5);
        Edge<Long, Double> dangling = new Edge<>(vertices.get(1).id(), 1L << 52, 8.5);
        List<Edge<Long, Double>> withAdded = new ArrayList<>(edges);
        withAdded.add(valid);
        assertThat(multiset(graph.addEdges(List.of(valid, dangling)).getEdges().collect()))
                .isEqualTo(multiset(withAdded));

        // removed edges: every edge with the source and target of one removed
        Edge<Long, Double> first = edges.get(0);
        assertThat(multiset(graph.removeEdges(List.of(first)).getEdges().collect()))
                .isEqualTo(multiset(edges.stream()
                        .filter(e -> !(e.source().equals(first.source())
                                && e.target().equals(first.target())))
                        .toList()));
    }
}
