package io.weir.examples.graph;

import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.Vertex;
import io.weir.graph.graphalytics.Graphalytics;
import io.weir.graph.graphalytics.GraphalyticsGraph;
import io.weir.graph.graphalytics.GraphalyticsOutput;
import io.weir.graph.library.LabelPropagation;
import io.weir.graph.library.PageRank;
import java.util.Locale;

/**
 * Runs one LDBC Graphalytics algorithm, or a Gelly-style library algorithm, over an edge file (and
 * optional vertex file) as Graphalytics ships them, or over a generated R-MAT graph, and writes
 * {@code id value} lines.
 */
public final class GraphalyticsJob {

    private GraphalyticsJob() {}

    /** The algorithms: Graphalytics' by their names, and the Gelly-style library algorithms. */
    public enum Algorithm {
        BFS,
        PAGERANK,
        WCC,
        CDLP,
        LCC,
        SSSP,
        /** The library's PageRank, with a convergence threshold. */
        GELLY_PAGERANK,
        /** Gelly's label propagation (ties to the greatest label; stops when no label changes). */
        LABEL_PROPAGATION,
        /** The library's connected components. */
        CONNECTED_COMPONENTS;

        /** The name of the {@code weir example} subcommand. */
        public String command() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * What to run on.
     *
     * @param edges the edge file, or {@code null} to generate an R-MAT graph of {@code scale}
     * @param vertices the vertex file, or {@code null}: then the vertices are those the edges name
     * @param source the source of BFS and SSSP ({@code null}: required with an edge file, 0 on a
     *     generated graph)
     */
    public record Parameters(
            String edges,
            String vertices,
            boolean directed,
            int iterations,
            double damping,
            Long source,
            double threshold,
            int scale,
            int edgeFactor,
            long seed) {}

    /** Builds the job, runs it, and returns its result. */
    public static JobExecutionResult run(
            ExecutionEnvironment env, Algorithm algorithm, Parameters parameters, String output, boolean overwrite) {
        if (parameters.vertices() != null && parameters.edges() == null) {
            throw new IllegalArgumentException("--vertices needs --edges: a generated graph has no vertex file");
        }
        GraphalyticsGraph graph = parameters.edges() != null
                ? GraphalyticsGraph.read(
                        env,
                        parameters.edges(),
                        parameters.vertices(),
                        parameters.directed(),
                        algorithm == Algorithm.SSSP)
                : GraphalyticsGraph.rmat(
                        env, parameters.scale(), parameters.edgeFactor(), parameters.seed(), parameters.directed());
        DataSet<? extends Tuple2<Long, ?>> result = switch (algorithm) {
            case BFS -> Graphalytics.bfs(graph, source(algorithm, parameters));
            case PAGERANK -> Graphalytics.pageRank(graph, parameters.damping(), parameters.iterations());
            case WCC -> Graphalytics.wcc(graph);
            case CDLP -> Graphalytics.cdlp(graph, parameters.iterations());
            case LCC -> Graphalytics.lcc(graph);
            case SSSP -> Graphalytics.sssp(graph, source(algorithm, parameters));
            case GELLY_PAGERANK ->
                new PageRank<Long, Long, Double>(parameters.damping(), parameters.iterations(), parameters.threshold())
                        .run(gellyGraph(graph));
            case LABEL_PROPAGATION ->
                asPairs(new LabelPropagation<Long, Long, Double>(parameters.iterations()).run(gellyGraph(graph)));
            case CONNECTED_COMPONENTS ->
                asPairs(new io.weir.graph.library.ConnectedComponents<Long, Long, Double>(Integer.MAX_VALUE)
                        .run(gellyGraph(graph)));
        };
        write(result, output, overwrite);
        return env.execute(algorithm.command());
    }

    /**
     * The graph as the Gelly-style algorithms take it: each vertex valued with its id, the edges with
     * their weights, and each undirected edge in both directions.
     */
    static Graph<Long, Long, Double> gellyGraph(GraphalyticsGraph input) {
        ExecutionEnvironment env = input.edges().getExecutionEnvironment();
        DataSet<Vertex<Long, Long>> vertices = input.vertices()
                .map(id -> new Vertex<>(id, id))
                .returns(Graph.vertexType(Types.LONG, Types.LONG))
                .name("vertices");
        DataSet<Edge<Long, Double>> edges = input.edges()
                .map(edge -> new Edge<>(edge.f0, edge.f1, edge.f2))
                .returns(Graph.edgeType(Types.LONG, Types.DOUBLE))
                .name("edges");
        Graph<Long, Long, Double> graph = Graph.fromDataSet(vertices, edges, env);
        return input.directed() ? graph : graph.getUndirected();
    }

    private static DataSet<Tuple2<Long, Long>> asPairs(DataSet<Vertex<Long, Long>> vertices) {
        return vertices.map(vertex -> Tuple2.of(vertex.id(), vertex.value()))
                .returns(Types.TUPLE(Types.LONG, Types.LONG))
                .name("labels");
    }

    @SuppressWarnings("unchecked")
    private static void write(DataSet<? extends Tuple2<Long, ?>> result, String output, boolean overwrite) {
        GraphalyticsOutput.write(
                (DataSet<Tuple2<Long, Object>>) result,
                output,
                overwrite ? WriteMode.OVERWRITE : WriteMode.NO_OVERWRITE);
    }

    private static long source(Algorithm algorithm, Parameters parameters) {
        if (parameters.source() != null) {
            return parameters.source();
        }
        if (parameters.edges() != null) {
            throw new IllegalArgumentException(
                    algorithm.command() + " needs --source: the id of the vertex to start at");
        }
        return 0;
    }
}
