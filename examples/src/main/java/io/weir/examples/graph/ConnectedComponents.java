package io.weir.examples.graph;

import io.weir.core.functions.FlatMapFunction;
import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.TypeHint;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.graph.generator.RMatGenerator;

/**
 * The weakly connected components of a graph by a delta iteration: every vertex starts with its own
 * id as its label; each superstep the vertices whose label changed send it to their neighbours, and a
 * vertex that hears of a smaller label takes it. The solution set holds each vertex's label, the
 * workset the vertices that changed; the iteration ends when no label changes. Edges are undirected
 * (each is used both ways); a component's label is its smallest vertex id.
 *
 * <p>Input: one edge per line, two integer vertex ids separated by the delimiter (a space by
 * default; lines starting with {@code #} are comments) — or an R-MAT graph (Graph500's parameters)
 * generated in the job. Output: {@code vertex,component} lines in part files.
 */
public final class ConnectedComponents {

    private ConnectedComponents() {}

    static final TypeHint<Tuple2<Long, Long>> PAIR = new TypeHint<>() {};

    /** Each vertex of the edges with the smallest vertex id of its component. */
    public static DataSet<Tuple2<Long, Long>> components(DataSet<Tuple2<Long, Long>> edges, int maxIterations) {
        DataSet<Tuple2<Long, Long>> undirected = edges.flatMap(
                        (FlatMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>>) (edge, out) -> {
                            out.collect(edge);
                            out.collect(Tuple2.of(edge.f1, edge.f0));
                        })
                .returns(PAIR)
                .name("both directions");
        DataSet<Tuple2<Long, Long>> vertices = undirected
                .map(edge -> Tuple2.of(edge.f0, edge.f0))
                .returns(PAIR)
                .name("vertices")
                .distinct(0)
                .name("distinct vertices");
        return io.weir.graph.library.ConnectedComponents.labels(vertices, undirected, maxIterations);
    }

    /** The edges of a file: two ids per line separated by {@code delimiter}. */
    public static DataSet<Tuple2<Long, Long>> readEdges(ExecutionEnvironment env, String input, String delimiter) {
        return env.readCsvFile(input)
                .fieldDelimiter(delimiter)
                .ignoreComments("#")
                .<Tuple2<Long, Long>>types(Long.class, Long.class)
                .name("read " + input);
    }

    /** Graph500's R-MAT graph of {@code scale}: {@code 2^scale} vertices, {@code edgeFactor · 2^scale} edges. */
    public static DataSet<Tuple2<Long, Long>> rmatEdges(
            ExecutionEnvironment env, int scale, int edgeFactor, long seed) {
        return RMatGenerator.graph500(env, scale, edgeFactor).setSeed(seed).edges();
    }

    /** Computes the components of {@code edges} and writes them into directory {@code output}. */
    public static JobExecutionResult run(
            ExecutionEnvironment env, DataSet<Tuple2<Long, Long>> edges, String output, boolean overwrite) {
        components(edges, Integer.MAX_VALUE)
                .writeAsCsv(output, overwrite ? WriteMode.OVERWRITE : WriteMode.NO_OVERWRITE)
                .name("write " + output);
        return env.execute("connected components");
    }

    /** {@code ConnectedComponents EDGES OUTPUT}: for {@code weir run}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ConnectedComponents EDGES OUTPUT");
            System.exit(2);
        }
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
        System.out.println(run(env, readEdges(env, args[0], " "), args[1], false));
    }
}
