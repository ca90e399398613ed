package io.weir.graph.library;

import io.weir.core.aggregators.ConvergenceCriterion;
import io.weir.core.aggregators.DoubleSumAggregator;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichJoinFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.IterativeDataSet;
import io.weir.graph.Graph;
import io.weir.graph.GraphAlgorithm;

/**
 * PageRank with damping, a maximum number of iterations and a convergence threshold: {@code PR0(v)
 * = 1/|V|}; each iteration {@code PR(v) = (1-d)/|V| + d·Σ_{u→v} PR(u)/out(u) + d/|V|·Σ_{w dangling}
 * PR(w)}, where a dangling vertex has no out-edges (its rank is spread over all vertices, so the
 * ranks keep summing to 1). It stops after the iteration in which the ranks changed by less than the
 * threshold in total (sum of absolute changes), or after the maximum. The result has one {@code
 * (id, rank)} per vertex.
 *
 * <p>A bulk iteration over {@code (id, rank, out-degree)}: contributions go along the edges (a hash
 * join with the edges, whose table is kept across supersteps) and are summed per target with a
 * combiner; the dangling vertices' rank is an iteration aggregator read in the next superstep.
 */
public final class PageRank<K, VV, EV> implements GraphAlgorithm<K, VV, EV, DataSet<Tuple2<K, Double>>> {

    private static final String DANGLING = "dangling rank";
    private static final String CHANGE = "rank change";
    private static final String COUNTS = "vertex counts";

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
        return ranks(graph.getVertexIds(), graph.getEdgeIds(), graph.getKeyType(), damping, maxIterations, threshold);
    }

    /**
     * The ranks of the vertices {@code vertices} of the graph of edges {@code (source, target)}
     * ({@code threshold} 0: exactly {@code iterations} iterations).
     */
    public static <K> DataSet<Tuple2<K, Double>> ranks(
            DataSet<K> vertices,
            DataSet<Tuple2<K, K>> edges,
            TypeInfo<K> keyType,
            double damping,
            int iterations,
            double threshold) {
        TypeInfo<Tuple2<K, Long>> degreeType = Types.TUPLE(keyType, Types.LONG);
        TypeInfo<Tuple3<K, Double, Long>> stateType = Types.TUPLE(keyType, Types.DOUBLE, Types.LONG);
        TypeInfo<Tuple2<K, Double>> rankType = Types.TUPLE(keyType, Types.DOUBLE);
        DataSet<Tuple2<K, Long>> outDegrees = edges.map(edge -> Tuple2.of(edge.f0, 1L))
                .returns(degreeType)
                .name("out-edge")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .name("out-degrees");
        DataSet<Tuple2<K, Long>> degrees = vertices.leftOuterJoin(outDegrees)
                .where("*")
                .equalTo(0)
                .with((vertex, degree) -> Tuple2.of(vertex, degree == null ? 0L : degree.f1))
                .returns(degreeType)
                .name("vertices with out-degrees");
        // (|V|, number of dangling vertices)
        TypeInfo<Tuple2<Long, Long>> countType = Types.TUPLE(Types.LONG, Types.LONG);
        DataSet<Tuple2<Long, Long>> counts = degrees.map(v -> Tuple2.of(1L, v.f1 == 0 ? 1L : 0L))
                .returns(countType)
                .name("count")
                .reduce((a, b) -> Tuple2.of(a.f0 + b.f0, a.f1 + b.f1))
                .name("count vertices");
        DataSet<Tuple3<K, Double, Long>> initial = degrees.map(new InitialRank<K>())
                .returns(stateType)
                .withBroadcastSet(counts, COUNTS)
                .name("initial ranks");
        if (iterations == 0) {
            return initial.map(state -> Tuple2.of(state.f0, state.f1))
                    .returns(rankType)
                    .name("ranks");
        }
        IterativeDataSet<Tuple3<K, Double, Long>> iteration = initial.iterate(iterations)
                .registerAggregator(DANGLING, new DoubleSumAggregator())
                .name("pagerank");
        if (threshold > 0) {
            iteration.registerAggregationConvergenceCriterion(
                    CHANGE, new DoubleSumAggregator(), new ChangeBelow(threshold));
        }
        DataSet<Tuple2<K, Double>> contributions = iteration
                .filter(state -> state.f2 > 0)
                .name("vertices with out-edges")
                .join(edges)
                .where(0)
                .equalTo(0)
                .with((state, edge) -> Tuple2.of(edge.f1, state.f1 / state.f2))
                .returns(rankType)
                .name("contributions")
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .name("sum contributions");
        DataSet<Tuple3<K, Double, Long>> next = iteration
                .leftOuterJoin(contributions)
                .where(0)
                .equalTo(0)
                .with(new UpdateRank<K>(damping, threshold > 0))
                .returns(stateType)
                .withBroadcastSet(counts, COUNTS)
                .name("new ranks");
        return iteration
                .closeWith(next)
                .map(state -> Tuple2.of(state.f0, state.f1))
                .returns(rankType)
                .name("ranks");
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

    /** {@code (vertex, out-degree)} → {@code (vertex, 1/|V|, out-degree)}. */
    static final class InitialRank<K> extends RichMapFunction<Tuple2<K, Long>, Tuple3<K, Double, Long>> {
        private static final long serialVersionUID = 1L;
        private transient double initial;

        @Override
        public void open(OpenContext context) {
            Tuple2<Long, Long> counts = getRuntimeContext()
                    .<Tuple2<Long, Long>>getBroadcastVariable(COUNTS)
                    .get(0);
            initial = 1.0 / counts.f0;
        }

        @Override
        public Tuple3<K, Double, Long> map(Tuple2<K, Long> vertex) {
            return Tuple3.of(vertex.f0, initial, vertex.f1);
        }
    }

    /** One step for a vertex; adds dangling vertices' new ranks (and, if asked, the change) to the aggregators. */
    static final class UpdateRank<K>
            extends RichJoinFunction<Tuple3<K, Double, Long>, Tuple2<K, Double>, Tuple3<K, Double, Long>> {
        private static final long serialVersionUID = 1L;
        private final double damping;
        private final boolean measureChange;
        private transient double base;
        private transient double danglingShare;
        private transient DoubleSumAggregator dangling;
        private transient DoubleSumAggregator change;

        UpdateRank(double damping, boolean measureChange) {
            this.damping = damping;
            this.measureChange = measureChange;
        }

        @Override
        public void open(OpenContext context) {
            Tuple2<Long, Long> counts = getRuntimeContext()
                    .<Tuple2<Long, Long>>getBroadcastVariable(COUNTS)
                    .get(0);
            double vertices = counts.f0;
            // the dangling vertices' rank of the previous step: all start at 1/|V|
            Double previous = getRuntimeContext().getPreviousIterationAggregate(DANGLING);
            double danglingRank = previous != null ? previous : counts.f1 / vertices;
            base = (1 - damping) / vertices;
            danglingShare = damping * danglingRank / vertices;
            dangling = getRuntimeContext().getIterationAggregator(DANGLING);
            change = measureChange ? getRuntimeContext().getIterationAggregator(CHANGE) : null;
        }

        @Override
        public Tuple3<K, Double, Long> join(Tuple3<K, Double, Long> state, Tuple2<K, Double> contribution) {
            double sum = contribution == null ? 0.0 : contribution.f1;
            double rank = base + damping * sum + danglingShare;
            if (state.f2 == 0) {
                dangling.aggregate(rank);
            }
            if (change != null) {
                change.aggregate(Math.abs(rank - state.f1));
            }
            return Tuple3.of(state.f0, rank, state.f2);
        }
    }
}
