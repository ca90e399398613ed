package io.weir.graph.graphalytics;

import io.weir.core.functions.FlatMapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.graph.blocks.BlockGraph;
import io.weir.graph.generator.RMatGenerator;
import java.util.Objects;

/**
 * A graph as the LDBC Graphalytics algorithms see it: edges {@code (source, target, weight)}, an
 * optional explicit vertex set, and whether the edges are directed. An undirected edge is listed once
 * and used in both directions.
 *
 * @param edges the edges as listed (a repeated edge counts as often as it is listed)
 * @param vertexList the vertex set, or {@code null} for the vertices the edges name; with a vertex set,
 *     the results have exactly its vertices (isolated ones included)
 * @param directed whether an edge goes only from its source to its target
 * @param edgeBatches the same edges without weights, in batches: what the block-graph algorithms
 *     (PageRank, WCC) read — from the file directly when the graph is {@linkplain #read read}
 */
public record GraphalyticsGraph(
        DataSet<Tuple3<Long, Long, Double>> edges,
        DataSet<Long> vertexList,
        boolean directed,
        DataSet<BlockGraph.EdgeBatch> edgeBatches) {

    static final TypeInfo<Tuple2<Long, Long>> LONG_PAIR = Types.TUPLE(Types.LONG, Types.LONG);

    public GraphalyticsGraph {
        Objects.requireNonNull(edges, "edges is null");
        Objects.requireNonNull(edgeBatches, "edgeBatches is null");
    }

    /** The graph of these edges, batched for the block graph from the edges themselves. */
    public GraphalyticsGraph(DataSet<Tuple3<Long, Long, Double>> edges, DataSet<Long> vertexList, boolean directed) {
        this(edges, vertexList, directed, BlockGraph.batches(withoutWeights(edges)));
    }

    /** The graph of an edge file and an optional vertex file ({@code null} for none), read by {@link GraphFiles}. */
    public static GraphalyticsGraph read(
            io.weir.dataset.ExecutionEnvironment env,
            String edgeFile,
            String vertexFile,
            boolean directed,
            boolean weighted) {
        return new GraphalyticsGraph(
                GraphFiles.edges(env, edgeFile, weighted),
                vertexFile == null ? null : GraphFiles.vertices(env, vertexFile),
                directed,
                GraphFiles.edgeBatches(env, edgeFile));
    }

    /**
     * A simple graph from Graphalytics' usual generator: Graph500's R-MAT graph of {@code scale}
     * ({@code 2^scale} vertex ids, {@code edgeFactor · 2^scale} edges drawn) without self-loops and
     * repeated edges (undirected: each pair once), weighted uniformly in [0, 1) by a hash of the edge
     * and the seed. Its vertices are those the edges name.
     */
    public static GraphalyticsGraph rmat(
            io.weir.dataset.ExecutionEnvironment env, int scale, int edgeFactor, long seed, boolean directed) {
        DataSet<Tuple3<Long, Long, Double>> edges = RMatGenerator.graph500(env, scale, edgeFactor)
                .setSeed(seed)
                .edges()
                .filter(edge -> !edge.f0.equals(edge.f1))
                .name("drop self-loops")
                .map(edge -> directed || edge.f0 < edge.f1 ? edge : Tuple2.of(edge.f1, edge.f0))
                .returns(LONG_PAIR)
                .name(directed ? "edges" : "undirected edges")
                .distinct()
                .name("drop repeated edges")
                .map(edge -> Tuple3.of(edge.f0, edge.f1, weight(edge.f0, edge.f1, seed)))
                .returns(GraphFiles.EDGE)
                .name("weights");
        return new GraphalyticsGraph(edges, null, directed);
    }

    /** A weight in [0, 1) that depends only on the edge and the seed. */
    static double weight(long source, long target, long seed) {
        long z = source * 0x9E3779B97F4A7C15L + target + seed * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    /** The vertex set: the given one, or every id the edges name. */
    public DataSet<Long> vertices() {
        if (vertexList != null) {
            return vertexList;
        }
        return edges.flatMap((FlatMapFunction<Tuple3<Long, Long, Double>, Long>) (edge, out) -> {
                    out.collect(edge.f0);
                    out.collect(edge.f1);
                })
                .returns(Types.LONG)
                .name("endpoints")
                .distinct()
                .name("vertices");
    }

    /** The edges as {@code (source, target)}. */
    DataSet<Tuple2<Long, Long>> pairs() {
        return withoutWeights(edges);
    }

    private static DataSet<Tuple2<Long, Long>> withoutWeights(DataSet<Tuple3<Long, Long, Double>> edges) {
        return edges.map(edge -> Tuple2.of(edge.f0, edge.f1)).returns(LONG_PAIR).name("edges without weights");
    }

    /** The graph as blocks: each edge as listed, and reversed too with {@code bothWays}. */
    BlockGraph<Long> blocks(boolean bothWays) {
        return BlockGraph.ofBatches(vertexList, edgeBatches, bothWays);
    }

    /** Each edge in the directions it can be followed: as listed, and reversed too when undirected. */
    DataSet<Tuple2<Long, Long>> outEdges() {
        return directed ? pairs() : bothDirections();
    }

    /** Each edge as listed and reversed: the neighbour relation, with a neighbour that is both in and out twice. */
    DataSet<Tuple2<Long, Long>> bothDirections() {
        return edges.flatMap((FlatMapFunction<Tuple3<Long, Long, Double>, Tuple2<Long, Long>>) (edge, out) -> {
                    out.collect(Tuple2.of(edge.f0, edge.f1));
                    out.collect(Tuple2.of(edge.f1, edge.f0));
                })
                .returns(LONG_PAIR)
                .name("edges both ways");
    }

    /** Like {@link #outEdges()} with the weights. */
    DataSet<Tuple3<Long, Long, Double>> weightedOutEdges() {
        if (directed) {
            return edges;
        }
        return edges.flatMap((FlatMapFunction<Tuple3<Long, Long, Double>, Tuple3<Long, Long, Double>>) (edge, out) -> {
                    out.collect(edge);
                    out.collect(Tuple3.of(edge.f1, edge.f0, edge.f2));
                })
                .returns(GraphFiles.EDGE)
                .name("edges both ways");
    }
}
