package io.weir.graph.library;

import io.weir.core.aggregators.ConvergenceCriterion;
import io.weir.core.aggregators.DoubleSumAggregator;
import io.weir.core.functions.Collector;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichCoGroupFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.IterativeDataSet;
import io.weir.graph.Graph;
import io.weir.graph.GraphAlgorithm;
import io.weir.graph.blocks.BlockGraph;
import java.util.Arrays;

/**
 * PageRank with damping, a maximum number of iterations and a convergence threshold: {@code PR0(v)
 * = 1/|V|}; each iteration {@code PR(v) = (1-d)/|V| + d·Σ_{u→v} PR(u)/out(u) + d/|V|·Σ_{w dangling}
 * PR(w)}, where a dangling vertex has no out-edges (its rank is spread over all vertices, so the
 * ranks keep summing to 1). It stops after the iteration in which the ranks changed by less than the
 * threshold in total (sum of absolute changes), or after the maximum. The result has one {@code
 * (id, rank)} per vertex.
 *
 * <p>A bulk iteration over the ranks of the {@link BlockGraph}'s chunks: each chunk's ranks are
 * joined with the blocks of edges leaving it (a hash join whose table of blocks is kept across
 * supersteps), each block sums the contributions to its distinct targets, and the sums for a chunk
 * are added up into its next ranks; the dangling vertices' rank is an iteration aggregator read in
 * the next superstep.
 */
public final class PageRank<K, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple2<K, Double>>> {

    private static final String DANGLING = "dangling rank";
    private static final String CHANGE = "rank change";
    private static final String COUNTS = "dangling vertices";
    private static final String VERTICES = "vertex count";

    private final double damping;
    private final int maxIterations;
    private final double threshold;

    /**
     * @param damping the probability of following an edge, in [0, 1]
     * @param maxIterations at most this many iterations (at least 0)
     * @param threshold stop once the total change of an iteration is below it (0: run all iterations)
     */
    public PageRank(double damping, int maxIterations, double threshold) {
        if (!(damping >= 0 && damping <= 1)) {
            throw new IllegalArgumentException("the damping factor is a probability in [0, 1], not " + damping);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException(
                    "PageRank needs a non-negative number of iterations, not " + maxIterations);
        }
        if (!(threshold >= 0)) {
            throw new IllegalArgumentException("the convergence threshold must be non-negative, not " + threshold);
        }
        this.damping = damping;
        this.maxIterations = maxIterations;
        this.threshold = threshold;
    }

    @Override
    public DataSet<Tuple2<K, Double>> run(Graph<K, VV, EV> graph) {
        return ranks(
                graph.getVertexIds(), graph.getEdgeIds(), graph.getKeyType(), false, damping, maxIterations, threshold);
    }

    /**
     * The ranks of the vertices {@code vertices} (or, when {@code null}, of the ids the edges name) of
     * the graph of edges {@code (source, target)} ({@code threshold} 0: exactly {@code iterations}
     * iterations). Edges whose ends are not both vertices are left out.
     *
     * @param bothWays whether each edge is followed in both directions (an undirected graph)
     */
    public static <K> DataSet<Tuple2<K, Double>> ranks(
            DataSet<K> vertices,
            DataSet<Tuple2<K, K>> edges,
            TypeInfo<K> keyType,
            boolean bothWays,
            double damping,
            int iterations,
            double threshold) {
        return ranks(BlockGraph.of(vertices, edges, keyType, bothWays), damping, iterations, threshold);
    }

    /** The ranks of the vertices of a block graph ({@code threshold} 0: exactly {@code iterations} iterations). */
    public static <K> DataSet<Tuple2<K, Double>> ranks(
            BlockGraph<K> graph, double damping, int iterations, double threshold) {
        DataSet<Long> vertexCount = graph.vertexCount();
        DataSet<BlockGraph.IntChunk> degrees = graph.outDegrees();
        DataSet<Long> dangling = BlockGraph.sum(
                degrees.map(chunk -> {
                            long zeros = 0;
                            for (int degree : chunk.values()) {
                                zeros += degree == 0 ? 1 : 0;
                            }
                            return zeros;
                        })
                        .returns(Types.LONG)
                        .name("dangling vertices of a chunk"),
                "dangling vertices");
        DataSet<RankChunk> state = degrees.map(new InitialRanks())
                .returns(RankChunk.class)
                .withBroadcastSet(vertexCount, VERTICES)
                .name("initial ranks");
        if (iterations > 0) {
            IterativeDataSet<RankChunk> iteration = state.iterate(iterations)
                    .registerAggregator(DANGLING, new DoubleSumAggregator())
                    .name("pagerank");
            if (threshold > 0) {
                iteration.registerAggregationConvergenceCriterion(
                        CHANGE, new DoubleSumAggregator(), new ChangeBelow(threshold));
            }
            DataSet<BlockGraph.DoubleMessage> contributions = iteration
                    .join(graph.blocks(), JoinHint.REPARTITION_HASH_SECOND)
                    .where("chunk")
                    .equalTo("sourceChunk")
                    .with(new Spread())
                    .returns(BlockGraph.DoubleMessage.class)
                    .name("contributions");
            DataSet<RankChunk> next = iteration
                    .coGroup(contributions)
                    .where("chunk")
                    .equalTo("chunk")
                    .with(new UpdateRanks(damping, threshold > 0))
                    .returns(RankChunk.class)
                    .withBroadcastSet(vertexCount, VERTICES)
                    .withBroadcastSet(dangling, COUNTS)
                    .name("new ranks");
            state = iteration.closeWith(next);
        }
        return graph.values(state, "chunk", (chunk, offset) -> chunk.ranks()[offset], Types.DOUBLE, "ranks");
    }

    /**
     * The ranks of the vertices at the offsets of {@code chunk}, with their out-degrees.
     *
     * @param chunk a chunk of the {@link BlockGraph}
     */
    public record RankChunk(int chunk, double[] ranks, int[] outDegrees) {}

    /** Out-degrees → ranks {@code 1/|V|}. */
    static final class InitialRanks extends RichMapFunction<BlockGraph.IntChunk, RankChunk> {
        private static final long serialVersionUID = 1L;
        private transient long vertices;

        @Override
        public void open(OpenContext context) {
            vertices = getRuntimeContext().<Long>getBroadcastVariable(VERTICES).get(0);
        }

        @Override
        public RankChunk map(BlockGraph.IntChunk degrees) {
            double[] ranks = new double[degrees.values().length];
            Arrays.fill(ranks, 1.0 / vertices);
            return new RankChunk(degrees.chunk(), ranks, degrees.values());
        }
    }

    /** A chunk's ranks and a block from it → the sum of the contributions to each of the block's targets. */
    static final class Spread implements JoinFunction<RankChunk, BlockGraph.Block, BlockGraph.DoubleMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public BlockGraph.DoubleMessage join(RankChunk chunk, BlockGraph.Block block) {
            double[] ranks = chunk.ranks();
            int[] degrees = chunk.outDegrees();
            int[] sources = block.sources();
            int[] ends = block.ends();
            int[] positions = block.positions();
            double[] sums = new double[block.targets().length];
            int e = 0;
            for (int i = 0; i < sources.length; i++) {
                int source = sources[i];
                double share = ranks[source] / degrees[source];
                for (int end = ends[i]; e < end; e++) {
                    sums[positions[e]] += share;
                }
            }
            return new BlockGraph.DoubleMessage(block.targetChunk(), block.targets(), sums);
        }
    }

    /** Converged when an iteration's total change is below the threshold. */
    static final class ChangeBelow implements ConvergenceCriterion<Double> {
        private static final long serialVersionUID = 1L;
        private final double threshold;

        ChangeBelow(double threshold) {
            this.threshold = threshold;
        }

        @Override
        public boolean isConverged(int superstep, Double change) {
            return change < threshold;
        }
    }

    /** One step for the vertices of a chunk; adds dangling vertices' new ranks (and, if asked, the change) to the aggregators. */
    static final class UpdateRanks extends RichCoGroupFunction<RankChunk, BlockGraph.DoubleMessage, RankChunk> {
        private static final long serialVersionUID = 1L;
        private final double damping;
        private final boolean measureChange;
        private transient double base;
        private transient double danglingShare;
        private transient DoubleSumAggregator dangling;
        private transient DoubleSumAggregator change;

        UpdateRanks(double damping, boolean measureChange) {
            this.damping = damping;
            this.measureChange = measureChange;
        }

        @Override
        public void open(OpenContext context) {
            double vertices =
                    getRuntimeContext().<Long>getBroadcastVariable(VERTICES).get(0);
            long danglingVertices =
                    getRuntimeContext().<Long>getBroadcastVariable(COUNTS).get(0);
            // the dangling vertices' rank of the previous step: all start at 1/|V|
            Double previous = getRuntimeContext().getPreviousIterationAggregate(DANGLING);
            double danglingRank = previous != null ? previous : danglingVertices / vertices;
            base = (1 - damping) / vertices;
            danglingShare = damping * danglingRank / vertices;
            dangling = getRuntimeContext().getIterationAggregator(DANGLING);
            change = measureChange ? getRuntimeContext().getIterationAggregator(CHANGE) : null;
        }

        @Override
        public void coGroup(
                Iterable<RankChunk> states, Iterable<BlockGraph.DoubleMessage> messages, Collector<RankChunk> out) {
            RankChunk state = null;
            for (RankChunk only : states) {
                state = only;
            }
            double[] old = state.ranks();
            double[] sums = new double[old.length];
            for (BlockGraph.DoubleMessage message : messages) {
                int[] targets = message.targets();
                double[] values = message.values();
                for (int i = 0; i < targets.length; i++) {
                    sums[targets[i]] += values[i];
                }
            }
            int[] degrees = state.outDegrees();
            double[] ranks = new double[old.length];
            double danglingSum = 0;
            double changeSum = 0;
            for (int i = 0; i < ranks.length; i++) {
                double rank = base + damping * sums[i] + danglingShare;
                ranks[i] = rank;
                if (degrees[i] == 0) {
                    danglingSum += rank;
                }
                changeSum += Math.abs(rank - old[i]);
            }
            dangling.aggregate(danglingSum);
            if (change != null) {
                change.aggregate(changeSum);
            }
            out.collect(new RankChunk(state.chunk(), ranks, degrees));
        }
    }
}
