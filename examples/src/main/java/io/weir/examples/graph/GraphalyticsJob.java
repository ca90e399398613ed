package io.weir.examples.graph;

import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.graph.graphalytics.Graphalytics;
import io.weir.graph.graphalytics.GraphalyticsGraph;
import io.weir.graph.graphalytics.GraphalyticsOutput;
import java.util.Locale;

/**
 * Runs one LDBC Graphalytics algorithm over an edge file (and optional vertex file) as Graphalytics
 * ships them, or over a generated R-MAT graph, and writes {@code id value} lines.
 */
public final class GraphalyticsJob {

    private GraphalyticsJob() {}

    /** The algorithms, by their Graphalytics names. */
    public enum Algorithm {
        BFS,
        PAGERANK,
        WCC,
        CDLP,
        LCC,
        SSSP;

        public String command() {
            return name().toLowerCase(Locale.ROOT);
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
        };
        write(result, output, overwrite);
        return env.execute(algorithm.command());
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
