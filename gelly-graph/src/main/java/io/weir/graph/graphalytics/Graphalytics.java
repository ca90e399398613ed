package io.weir.graph.graphalytics;

import static io.weir.graph.graphalytics.GraphalyticsGraph.LONG_PAIR;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.RichMapPartitionFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DeltaIteration;
import io.weir.dataset.IterativeDataSet;
import io.weir.graph.library.ConnectedComponents;
import io.weir.graph.library.PageRank;
import java.util.Arrays;

/**
 * The LDBC Graphalytics algorithms, each following the published definition exactly (see the module
 * README): BFS, PageRank, weakly connected components, community detection by label propagation,
 * local clustering coefficient and single-source shortest paths. Each returns one {@code (vertex,
 * value)} pair per vertex of the graph's vertex set.
 */
public final class Graphalytics {

    private Graphalytics() {}

    /** The depth of a vertex BFS does not reach. */
    public static final long UNREACHABLE = Long.MAX_VALUE;

    static final TypeInfo<Tuple2<Long, Double>> LONG_DOUBLE = Types.TUPLE(Types.LONG, Types.DOUBLE);
    static final TypeInfo<Tuple3<Long, Long, Long>> LONG_TRIPLE = Types.TUPLE(Types.LONG, Types.LONG, Types.LONG);
    static final TypeInfo<Tuple2<Long, long[]>> NEIGHBOURHOOD =
            Types.TUPLE(Types.LONG, Types.PRIMITIVE_ARRAY(long[].class));

    // ------------------------------------------------------------------------------------------
    // BFS
    // ------------------------------------------------------------------------------------------

    /**
     * Breadth-first search from {@code source}: the fewest hops from the source along out-edges (any
     * edge when undirected); {@link #UNREACHABLE} for vertices it does not reach.
     *
     * @throws IllegalArgumentException (failing the job before the first superstep) if the source is
     *     not a vertex
     */
    public static DataSet<Tuple2<Long, Long>> bfs(GraphalyticsGraph graph, long source) {
        DataSet<Long> vertices = graph.vertices();
        DataSet<Tuple2<Long, Long>> initial = vertices.map(v -> Tuple2.of(v, v == source ? 0L : UNREACHABLE))
                .returns(LONG_PAIR)
                .name("initial depths");
        DataSet<Tuple2<Long, Long>> start = requireSource(vertices, source)
                .map(v -> Tuple2.of(v, 0L))
                .returns(LONG_PAIR)
                .name("source");
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration =
                initial.iterateDelta(start, Integer.MAX_VALUE, 0).name("bfs");
        DataSet<Tuple2<Long, Long>> reached = iteration
                .getWorkset()
                .join(graph.outEdges())
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1 + 1))
                .returns(LONG_PAIR)
                .name("visit neighbours")
                .groupBy(0)
                .reduce((a, b) -> a.f1 <= b.f1 ? a : b)
                .name("fewest hops")
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with(new ConnectedComponents.KeepIfLess<Long, Long>())
                .returns(LONG_PAIR)
                .name("newly reached");
        return iteration.closeWith(reached, reached);
    }

    // ------------------------------------------------------------------------------------------
    // SSSP
    // ------------------------------------------------------------------------------------------

    /**
     * Single-source shortest paths from {@code source} over non-negative weights: the smallest sum of
     * weights along out-edges (any edge when undirected); positive infinity where unreachable. Read
     * the edges with weights ({@link GraphFiles#edges} with {@code weighted}), which rejects a
     * negative weight naming its line.
     *
     * @throws IllegalArgumentException (failing the job before the first superstep) if the source is
     *     not a vertex, or at the edge with a negative weight
     */
    public static DataSet<Tuple2<Long, Double>> sssp(GraphalyticsGraph graph, long source) {
        DataSet<Long> vertices = graph.vertices();
        DataSet<Tuple2<Long, Double>> initial = vertices.map(
                        v -> Tuple2.of(v, v == source ? 0.0 : Double.POSITIVE_INFINITY))
                .returns(LONG_DOUBLE)
                .name("initial distances");
        DataSet<Tuple2<Long, Double>> start = requireSource(vertices, source)
                .map(v -> Tuple2.of(v, 0.0))
                .returns(LONG_DOUBLE)
                .name("source");
        DataSet<Tuple3<Long, Long, Double>> edges = graph.weightedOutEdges()
                .map(edge -> {
                    if (!(edge.f2 >= 0)) {
                        throw new IllegalArgumentException("the edge " + edge.f0 + " -> " + edge.f1 + " has weight "
                                + edge.f2 + "; shortest paths need non-negative weights");
                    }
                    return edge;
                })
                .returns(GraphFiles.EDGE)
                .name("check weights");
        DeltaIteration<Tuple2<Long, Double>, Tuple2<Long, Double>> iteration =
                initial.iterateDelta(start, Integer.MAX_VALUE, 0).name("sssp");
        DataSet<Tuple2<Long, Double>> improved = iteration
                .getWorkset()
                .join(edges)
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1 + edge.f2))
                .returns(LONG_DOUBLE)
                .name("relax edges")
                .groupBy(0)
                .reduce((a, b) -> a.f1 <= b.f1 ? a : b)
                .name("shortest candidate")
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with(new ConnectedComponents.KeepIfLess<Long, Double>())
                .returns(LONG_DOUBLE)
                .name("shorter distances");
        return iteration.closeWith(improved, improved);
    }

    /** The source vertex, or a failure naming it when the vertex set does not hold it. */
    private static DataSet<Long> requireSource(DataSet<Long> vertices, long source) {
        return vertices.filter(v -> v == source)
                .name("find source")
                .mapPartition(new RequireSource(source))
                .returns(Types.LONG)
                .setParallelism(1)
                .name("require source " + source);
    }

    static final class RequireSource extends RichMapPartitionFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private final long source;

        RequireSource(long source) {
            this.source = source;
        }

        @Override
        public void mapPartition(Iterable<Long> values, Collector<Long> out) {
            if (!values.iterator().hasNext()) {
                throw new IllegalArgumentException("the source vertex " + source + " is not a vertex of the graph;"
                        + " give a source that the vertex file (or, without one, the edge file) names");
            }
            out.collect(source);
        }
    }

    // ------------------------------------------------------------------------------------------
    // WCC
    // ------------------------------------------------------------------------------------------

    /**
     * Weakly connected components: each vertex with the smallest vertex id of its component, edge
     * directions ignored. A delta iteration: vertices whose label changed send it to their neighbours;
     * it ends when no label changes.
     */
    public static DataSet<Tuple2<Long, Long>> wcc(GraphalyticsGraph graph) {
        DataSet<Tuple2<Long, Long>> own =
                graph.vertices().map(v -> Tuple2.of(v, v)).returns(LONG_PAIR).name("own labels");
        return ConnectedComponents.labels(own, graph.bothDirections(), Integer.MAX_VALUE);
    }

    // ------------------------------------------------------------------------------------------
    // PageRank
    // ------------------------------------------------------------------------------------------

    /**
     * PageRank as Graphalytics defines it: {@code PR0(v) = 1/|V|}, then exactly {@code iterations}
     * times {@code PR(v) = (1-d)/|V| + d·Σ_{u→v} PR(u)/out(u) + d/|V|·Σ_{w dangling} PR(w)}, where a
     * dangling vertex has no out-edges (isolated vertices included). Undirected edges go both ways.
     */
    public static DataSet<Tuple2<Long, Double>> pageRank(GraphalyticsGraph graph, double damping, int iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("PageRank needs a non-negative number of iterations, not " + iterations);
        }
        return PageRank.ranks(graph.vertices(), graph.outEdges(), Types.LONG, damping, iterations, 0);
    }

    // ------------------------------------------------------------------------------------------
    // CDLP
    // ------------------------------------------------------------------------------------------

    /**
     * Community detection by label propagation: {@code L0(v) = v}; then exactly {@code iterations}
     * times, synchronously, each vertex takes the most frequent label among its neighbours' — in-
     * and out-neighbours both counted, so a neighbour that is both counts twice — ties going to the
     * smallest label. A vertex without neighbours keeps its label.
     */
    public static DataSet<Tuple2<Long, Long>> cdlp(GraphalyticsGraph graph, int iterations) {
        if (iterations < 0) {
            throw new IllegalArgumentException("CDLP needs a non-negative number of iterations, not " + iterations);
        }
        DataSet<Tuple2<Long, Long>> neighbours = graph.bothDirections();
        DataSet<Tuple2<Long, Long>> labels = neighbours
                .map(edge -> Tuple2.of(edge.f0, edge.f0))
                .returns(LONG_PAIR)
                .name("own labels")
                .distinct(0)
                .name("vertices with neighbours");
        if (iterations > 0) {
            IterativeDataSet<Tuple2<Long, Long>> iteration =
                    labels.iterate(iterations).name("label propagation");
            DataSet<Tuple2<Long, Long>> next = iteration
                    .join(neighbours)
                    .where(0)
                    .equalTo(0)
                    .with((vertex, edge) -> Tuple3.of(edge.f1, vertex.f1, 1L))
                    .returns(LONG_TRIPLE)
                    .name("send labels")
                    .groupBy(0, 1)
                    .reduce((a, b) -> Tuple3.of(a.f0, a.f1, a.f2 + b.f2))
                    .name("count labels")
                    .groupBy(0)
                    .reduce((a, b) -> a.f2 > b.f2 || (a.f2.equals(b.f2) && a.f1 < b.f1) ? a : b)
                    .name("most frequent label")
                    .map(count -> Tuple2.of(count.f0, count.f1))
                    .returns(LONG_PAIR)
                    .name("labels");
            labels = iteration.closeWith(next);
        }
        return withDefault(graph.vertices(), labels, vertex -> Tuple2.of(vertex, vertex), LONG_PAIR);
    }

    // ------------------------------------------------------------------------------------------
    // LCC
    // ------------------------------------------------------------------------------------------

    /**
     * The local clustering coefficient: with {@code N(v)} the neighbours of {@code v} (in and out),
     * {@code d = |N(v)|}, the number of edges {@code (u, w)} with both ends in {@code N(v)} —
     * directed edges counted separately, an undirected edge in both directions — divided by {@code
     * d·(d-1)}; 0 when {@code d <= 1}. Each edge's ends' neighbourhoods are intersected: every vertex
     * in both is a neighbour of both ends.
     */
    public static DataSet<Tuple2<Long, Double>> lcc(GraphalyticsGraph graph) {
        DataSet<Tuple2<Long, long[]>> neighbourhoods = graph.bothDirections()
                .distinct()
                .name("neighbour pairs")
                .groupBy(0)
                .reduceGroup(new Neighbourhood())
                .returns(NEIGHBOURHOOD)
                .name("neighbourhoods");
        long perEdge = graph.directed() ? 1 : 2;
        DataSet<Tuple2<Long, Long>> closing = graph.pairs()
                .join(neighbourhoods)
                .where(0)
                .equalTo(0)
                .with((edge, source) -> Tuple2.of(edge.f1, source.f1))
                .returns(NEIGHBOURHOOD)
                .name("source neighbourhoods")
                .join(neighbourhoods)
                .where(0)
                .equalTo(0)
                .with((FlatJoinFunction<Tuple2<Long, long[]>, Tuple2<Long, long[]>, Tuple2<Long, Long>>)
                        (source, target, out) -> intersect(source.f1, target.f1, perEdge, out))
                .returns(LONG_PAIR)
                .name("common neighbours")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .name("edges between neighbours");
        DataSet<Tuple2<Long, Double>> coefficients = neighbourhoods
                .leftOuterJoin(closing)
                .where(0)
                .equalTo(0)
                .with((vertex, edges) -> {
                    long d = vertex.f1.length;
                    double value = d <= 1 || edges == null ? 0.0 : edges.f1 / ((double) d * (d - 1));
                    return Tuple2.of(vertex.f0, value);
                })
                .returns(LONG_DOUBLE)
                .name("coefficients");
        return withDefault(graph.vertices(), coefficients, vertex -> Tuple2.of(vertex, 0.0), LONG_DOUBLE);
    }

    /** {@code (v, w)} pairs of one {@code v} → {@code (v, sorted distinct w)}. */
    static final class Neighbourhood implements GroupReduceFunction<Tuple2<Long, Long>, Tuple2<Long, long[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<Tuple2<Long, Long>> pairs, Collector<Tuple2<Long, long[]>> out) {
            long vertex = 0;
            long[] neighbours = new long[8];
            int count = 0;
            for (Tuple2<Long, Long> pair : pairs) {
                vertex = pair.f0;
                if (count == neighbours.length) {
                    neighbours = Arrays.copyOf(neighbours, count * 2);
                }
                neighbours[count++] = pair.f1;
            }
            long[] sorted = Arrays.copyOf(neighbours, count);
            Arrays.sort(sorted);
            out.collect(Tuple2.of(vertex, sorted));
        }
    }

    /** Emits {@code (v, weight)} for every {@code v} in both sorted arrays. */
    static void intersect(long[] a, long[] b, long weight, Collector<Tuple2<Long, Long>> out) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                out.collect(Tuple2.of(a[i], weight));
                i++;
                j++;
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Common
    // ------------------------------------------------------------------------------------------

    /** What a vertex without a computed value gets. */
    interface Default<V> extends java.io.Serializable {
        Tuple2<Long, V> of(Long vertex);
    }

    /**
     * Exactly one {@code (vertex, value)} per vertex of {@code vertices}: its computed value, or the
     * default where none was computed (vertices without edges).
     */
    static <V> DataSet<Tuple2<Long, V>> withDefault(
            DataSet<Long> vertices,
            DataSet<Tuple2<Long, V>> values,
            Default<V> defaultValue,
            TypeInfo<Tuple2<Long, V>> type) {
        return vertices.leftOuterJoin(values)
                .where("*")
                .equalTo(0)
                .with((vertex, value) -> value != null ? value : defaultValue.of(vertex))
                .returns(type)
                .name("every vertex");
    }
}
