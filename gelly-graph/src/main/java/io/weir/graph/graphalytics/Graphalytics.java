package io.weir.graph.graphalytics;

import static io.weir.graph.graphalytics.GraphalyticsGraph.LONG_PAIR;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.RichMapPartitionFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.tuple.Tuple4;
import io.weir.core.tuple.Tuple5;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DeltaIteration;
import io.weir.dataset.IterativeDataSet;
import io.weir.graph.library.ConnectedComponents;
import io.weir.graph.library.PageRank;
import io.weir.graph.library.SmallestIdComponents;
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
     * directions ignored ({@link SmallestIdComponents}: the edges are first reduced to spanning
     * forests; labels spread over a block graph until none changes).
     */
    public static DataSet<Tuple2<Long, Long>> wcc(GraphalyticsGraph graph) {
        return SmallestIdComponents.ofBatches(graph.vertexList(), graph.edgeBatches());
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
        return PageRank.ranks(graph.blocks(!graph.directed()), damping, iterations, 0);
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
     * d·(d-1)}; 0 when {@code d <= 1}. Self-loops are no part of it (Graphalytics' graphs have none).
     *
     * <p>Such an edge closes a triangle {@code {v, u, w}} of the neighbour relation, so the triangles
     * are listed — each once, from its lowest vertex by (degree, id), intersecting the sorted sets of
     * higher neighbours of an edge's two ends, which keeps the sets of high-degree vertices small —
     * and each vertex of a triangle is credited with the edges between the other two.
     */
    public static DataSet<Tuple2<Long, Double>> lcc(GraphalyticsGraph graph) {
        // each neighbour pair once, (smaller, larger, edges listed between them either way); an
        // undirected edge counts in both directions
        long perListing = graph.directed() ? 1 : 2;
        DataSet<Tuple3<Long, Long, Long>> pairs = graph.pairs()
                .filter(edge -> !edge.f0.equals(edge.f1))
                .name("without self-loops")
                .map(edge -> Tuple3.of(Math.min(edge.f0, edge.f1), Math.max(edge.f0, edge.f1), perListing))
                .returns(LONG_TRIPLE)
                .name("edge")
                .groupBy(0, 1)
                .reduce((a, b) -> Tuple3.of(a.f0, a.f1, a.f2 + b.f2))
                .name("neighbour pairs");
        DataSet<Tuple2<Long, Long>> degrees = pairs.flatMap(
                        (FlatMapFunction<Tuple3<Long, Long, Long>, Tuple2<Long, Long>>) (pair, out) -> {
                            out.collect(Tuple2.of(pair.f0, 1L));
                            out.collect(Tuple2.of(pair.f1, 1L));
                        })
                .returns(LONG_PAIR)
                .name("neighbour")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .name("degrees");
        // each pair oriented from the end lower by (degree, id) to the higher: (lower, higher, edges)
        DataSet<Tuple3<Long, Long, Long>> oriented = pairs.join(degrees)
                .where(0)
                .equalTo(0)
                .with((pair, degree) -> Tuple4.of(pair.f0, pair.f1, pair.f2, degree.f1))
                .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.LONG, Types.LONG))
                .name("with degree")
                .join(degrees)
                .where(1)
                .equalTo(0)
                .with((pair, degree) -> pair.f3 < degree.f1 || (pair.f3.equals(degree.f1) && pair.f0 < pair.f1)
                        ? Tuple3.of(pair.f0, pair.f1, pair.f2)
                        : Tuple3.of(pair.f1, pair.f0, pair.f2))
                .returns(LONG_TRIPLE)
                .name("oriented pairs");
        DataSet<Tuple3<Long, long[], long[]>> higher = oriented.groupBy(0)
                .reduceGroup(new HigherNeighbours())
                .returns(HIGHER)
                .name("higher neighbours");
        // a triangle {v, u, x} is found once, from its oriented pair (v, u) and x higher than both;
        // each of its vertices gains the edges between the other two
        DataSet<Tuple2<Long, Long>> closing = oriented.join(higher)
                .where(0)
                .equalTo(0)
                .with((pair, low) -> Tuple5.of(pair.f1, pair.f0, pair.f2, low.f1, low.f2))
                .returns(Types.TUPLE(
                        Types.LONG,
                        Types.LONG,
                        Types.LONG,
                        Types.PRIMITIVE_ARRAY(long[].class),
                        Types.PRIMITIVE_ARRAY(long[].class)))
                .name("higher neighbours of the lower end")
                .join(higher)
                .where(0)
                .equalTo(0)
                .with(new CloseTriangles())
                .returns(LONG_PAIR)
                .name("triangles")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .name("edges between neighbours");
        DataSet<Tuple2<Long, Double>> coefficients = degrees.leftOuterJoin(closing)
                .where(0)
                .equalTo(0)
                .with((degree, edges) -> {
                    long d = degree.f1;
                    double value = d <= 1 || edges == null ? 0.0 : edges.f1 / ((double) d * (d - 1));
                    return Tuple2.of(degree.f0, value);
                })
                .returns(LONG_DOUBLE)
                .name("coefficients");
        return withDefault(graph.vertices(), coefficients, vertex -> Tuple2.of(vertex, 0.0), LONG_DOUBLE);
    }

    static final TypeInfo<Tuple3<Long, long[], long[]>> HIGHER =
            Types.TUPLE(Types.LONG, Types.PRIMITIVE_ARRAY(long[].class), Types.PRIMITIVE_ARRAY(long[].class));

    /** {@code (v, higher, edges)} of one {@code v} → {@code (v, sorted higher neighbours, their edge counts)}. */
    static final class HigherNeighbours
            implements GroupReduceFunction<Tuple3<Long, Long, Long>, Tuple3<Long, long[], long[]>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<Tuple3<Long, Long, Long>> pairs, Collector<Tuple3<Long, long[], long[]>> out) {
            long vertex = 0;
            long[] packed = new long[16];
            int count = 0;
            for (Tuple3<Long, Long, Long> pair : pairs) {
                vertex = pair.f0;
                if (2 * count == packed.length) {
                    packed = Arrays.copyOf(packed, packed.length * 2);
                }
                packed[2 * count] = pair.f1;
                packed[2 * count + 1] = pair.f2;
                count++;
            }
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            long[] all = packed;
            Arrays.sort(order, (a, b) -> Long.compare(all[2 * a], all[2 * b]));
            long[] neighbours = new long[count];
            long[] edges = new long[count];
            for (int i = 0; i < count; i++) {
                neighbours[i] = all[2 * order[i]];
                edges[i] = all[2 * order[i] + 1];
            }
            out.collect(Tuple3.of(vertex, neighbours, edges));
        }
    }

    /**
     * {@code (u, v, edges v–u, higher of v, their edges)} with {@code u}'s higher neighbours: for
     * each {@code x} higher than both, credits {@code v} with the edges u–x, {@code u} with v–x and
     * {@code x} with v–u.
     */
    static final class CloseTriangles
            implements FlatJoinFunction<
                    Tuple5<Long, Long, Long, long[], long[]>, Tuple3<Long, long[], long[]>, Tuple2<Long, Long>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void join(
                Tuple5<Long, Long, Long, long[], long[]> pair,
                Tuple3<Long, long[], long[]> high,
                Collector<Tuple2<Long, Long>> out) {
            long u = pair.f0;
            long v = pair.f1;
            long vu = pair.f2;
            long[] a = pair.f3;
            long[] aEdges = pair.f4;
            long[] b = high.f1;
            long[] bEdges = high.f2;
            int i = 0;
            int j = 0;
            while (i < a.length && j < b.length) {
                if (a[i] < b[j]) {
                    i++;
                } else if (a[i] > b[j]) {
                    j++;
                } else {
                    out.collect(Tuple2.of(v, bEdges[j]));
                    out.collect(Tuple2.of(u, aEdges[i]));
                    out.collect(Tuple2.of(a[i], vu));
                    i++;
                    j++;
                }
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
