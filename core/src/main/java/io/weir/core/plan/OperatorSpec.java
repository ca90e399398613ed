package io.weir.core.plan;

import io.weir.core.aggregators.IterationAggregators;
import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.CrossFunction;
import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.Partitioner;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.io.InputFormat;
import io.weir.core.io.OutputFormat;
import io.weir.core.types.Keys;
import java.util.Objects;

/**
 * What a logical operator does, one record per kind, with the user function and the settings that
 * kind needs. The node around it ({@link Operator}) holds what all kinds share: inputs, output type,
 * name, parallelism, hints. A spec says how many inputs it takes; {@link Operator} checks it.
 */
public sealed interface OperatorSpec {

    /** The number of inputs, or -1 for two or more (union). */
    int inputCount();

    /** A short name of the kind, for plans and messages. */
    String kind();

    // ---- sources and sinks --------------------------------------------------------------------

    record Source(InputFormat<?, ?> format) implements OperatorSpec {
        public Source {
            Objects.requireNonNull(format, "format is null");
        }

        public int inputCount() {
            return 0;
        }

        public String kind() {
            return "source";
        }
    }

    record Sink(OutputFormat<?> format) implements OperatorSpec {
        public Sink {
            Objects.requireNonNull(format, "format is null");
        }

        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "sink";
        }
    }

    // ---- record-at-a-time -----------------------------------------------------------------------

    record Map(MapFunction<?, ?> function) implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "map";
        }
    }

    record FlatMap(FlatMapFunction<?, ?> function) implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "flatMap";
        }
    }

    record Filter(FilterFunction<?> function) implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "filter";
        }
    }

    record MapPartition(MapPartitionFunction<?, ?> function) implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "mapPartition";
        }
    }

    // ---- grouping -----------------------------------------------------------------------------

    /** How a reduce may pre-aggregate before shuffling. */
    enum CombineHint {
        OPTIMIZER_CHOOSES,
        SORT,
        HASH,
        NONE
    }

    /** @param keys the grouping, or {@code null} to reduce the whole data set */
    record Reduce(Keys<?> keys, ReduceFunction<?> function, CombineHint combineHint) implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "reduce";
        }
    }

    /**
     * @param keys the grouping, or {@code null} for the whole data set
     * @param combiner a combiner that pre-aggregates before shuffling, or {@code null}
     * @param groupOrder the order of records within each group, or {@code null}
     */
    record GroupReduce(
            Keys<?> keys, GroupReduceFunction<?, ?> function, GroupCombineFunction<?, ?> combiner, Ordering groupOrder)
            implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "groupReduce";
        }
    }

    record GroupCombine(Keys<?> keys, GroupCombineFunction<?, ?> function, Ordering groupOrder)
            implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "combineGroup";
        }
    }

    /** @param keys the fields that make records distinct, or {@code null} for whole records */
    record Distinct(Keys<?> keys) implements OperatorSpec {
        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "distinct";
        }
    }

    /** The first {@code n} records, per group when {@code keys} is given, in {@code order} if given. */
    record FirstN(int n, Keys<?> keys, Ordering order) implements OperatorSpec {
        public FirstN {
            if (n < 1) {
                throw new IllegalArgumentException("first(n) needs n >= 1, not " + n);
            }
        }

        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "first";
        }
    }

    // ---- two inputs ---------------------------------------------------------------------------

    enum JoinType {
        INNER,
        LEFT_OUTER,
        RIGHT_OUTER,
        FULL_OUTER;

        /** Whether records of the left (first) input without a match are kept, joined with null. */
        public boolean keepsLeft() {
            return this == LEFT_OUTER || this == FULL_OUTER;
        }

        /** Whether records of the right (second) input without a match are kept, joined with null. */
        public boolean keepsRight() {
            return this == RIGHT_OUTER || this == FULL_OUTER;
        }

        /** "join", "left outer join", ...: how plans and messages name the operation. */
        public String describe() {
            return this == INNER
                    ? "join"
                    : name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " join";
        }
    }

    /**
     * The user's say in how a join runs; the optimizer decides when it is {@code OPTIMIZER_CHOOSES}.
     * Broadcasting sends a whole input to every instance of the join (best when it is small); the
     * hash hints name the input the hash table is built from; sort-merge sorts both inputs.
     */
    enum JoinHint {
        OPTIMIZER_CHOOSES,
        BROADCAST_HASH_FIRST,
        BROADCAST_HASH_SECOND,
        REPARTITION_HASH_FIRST,
        REPARTITION_HASH_SECOND,
        REPARTITION_SORT_MERGE;

        /**
         * Fails unless this hint can run a join of {@code type}: an outer join cannot broadcast an input
         * whose unmatched records it keeps, since each instance would emit them again.
         */
        public void checkFor(JoinType type) {
            boolean first = this == BROADCAST_HASH_FIRST && type.keepsLeft();
            boolean second = this == BROADCAST_HASH_SECOND && type.keepsRight();
            if (first || second) {
                throw new InvalidPlanException("a " + type.describe() + " cannot broadcast its "
                        + (first ? "first" : "second") + " input (" + this + "): every instance would emit the"
                        + " input's unmatched records. Broadcast the other input, or use a REPARTITION_ hint.");
            }
        }
    }

    record Join(JoinType type, Keys<?> leftKeys, Keys<?> rightKeys, FlatJoinFunction<?, ?, ?> function, JoinHint hint)
            implements OperatorSpec {
        public Join {
            Objects.requireNonNull(type, "type is null");
            Objects.requireNonNull(leftKeys, "leftKeys is null");
            Objects.requireNonNull(rightKeys, "rightKeys is null");
            Objects.requireNonNull(hint, "hint is null");
            hint.checkFor(type);
        }

        public int inputCount() {
            return 2;
        }

        public String kind() {
            return type.describe();
        }
    }

    record CoGroup(
            Keys<?> leftKeys,
            Keys<?> rightKeys,
            CoGroupFunction<?, ?, ?> function,
            Ordering leftGroupOrder,
            Ordering rightGroupOrder)
            implements OperatorSpec {
        public int inputCount() {
            return 2;
        }

        public String kind() {
            return "coGroup";
        }
    }

    enum CrossHint {
        OPTIMIZER_CHOOSES,
        FIRST_IS_SMALL,
        SECOND_IS_SMALL
    }

    record Cross(CrossFunction<?, ?, ?> function, CrossHint hint) implements OperatorSpec {
        public int inputCount() {
            return 2;
        }

        public String kind() {
            return "cross";
        }
    }

    record Union() implements OperatorSpec {
        public int inputCount() {
            return -1;
        }

        public String kind() {
            return "union";
        }
    }

    // ---- partitioning and order ---------------------------------------------------------------

    enum PartitionMethod {
        HASH,
        RANGE,
        CUSTOM,
        REBALANCE
    }

    /** @param partitioner the user's partitioner for {@code CUSTOM}, else {@code null} */
    record Partition(PartitionMethod method, Keys<?> keys, Partitioner<?> partitioner) implements OperatorSpec {
        public Partition {
            if ((method == PartitionMethod.REBALANCE) != (keys == null)) {
                throw new IllegalArgumentException("rebalance takes no keys; every other partitioning needs them");
            }
            if ((method == PartitionMethod.CUSTOM) != (partitioner != null)) {
                throw new IllegalArgumentException("a custom partitioning needs a partitioner, and only it");
            }
        }

        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "partition (" + method.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }
    }

    record SortPartition(Ordering order) implements OperatorSpec {
        public SortPartition {
            Objects.requireNonNull(order, "order is null");
        }

        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "sortPartition";
        }
    }

    // ---- iterations ---------------------------------------------------------------------------

    /** Where a step function reads the iteration's state. */
    enum PlaceholderRole {
        PARTIAL_SOLUTION,
        WORKSET,
        SOLUTION_SET
    }

    /** The input of a step function: the partial solution, the workset, or the solution set. */
    record IterationPlaceholder(PlaceholderRole role) implements OperatorSpec {
        public int inputCount() {
            return 0;
        }

        public String kind() {
            return role.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A bulk iteration: the step function maps the partial solution to the next one, up to {@code
     * maxIterations} times, or until {@code terminationCriterion} (if given) is empty. The input is the
     * initial partial solution.
     */
    record BulkIteration(
            Operator<?> partialSolution,
            Operator<?> nextPartialSolution,
            Operator<?> terminationCriterion,
            int maxIterations,
            IterationAggregators aggregators)
            implements OperatorSpec {
        public BulkIteration {
            Objects.requireNonNull(partialSolution, "partialSolution is null");
            Objects.requireNonNull(nextPartialSolution, "nextPartialSolution is null");
            if (maxIterations < 1) {
                throw new IllegalArgumentException("an iteration needs at least one superstep, not " + maxIterations);
            }
            aggregators = aggregators == null ? IterationAggregators.NONE : aggregators;
        }

        public BulkIteration(
                Operator<?> partialSolution,
                Operator<?> nextPartialSolution,
                Operator<?> terminationCriterion,
                int maxIterations) {
            this(partialSolution, nextPartialSolution, terminationCriterion, maxIterations, null);
        }

        public int inputCount() {
            return 1;
        }

        public String kind() {
            return "bulk iteration";
        }
    }

    /**
     * A delta iteration over a solution set keyed by {@code solutionSetKeys} and a workset: each step
     * computes a delta merged into the solution set and the next workset; it ends after {@code
     * maxIterations} or when the workset is empty. The inputs are the initial solution set and the
     * initial workset.
     */
    record DeltaIteration(
            Operator<?> solutionSet,
            Operator<?> workset,
            Operator<?> solutionSetDelta,
            Operator<?> nextWorkset,
            Keys<?> solutionSetKeys,
            int maxIterations,
            IterationAggregators aggregators)
            implements OperatorSpec {
        public DeltaIteration {
            Objects.requireNonNull(solutionSet, "solutionSet is null");
            Objects.requireNonNull(workset, "workset is null");
            Objects.requireNonNull(solutionSetDelta, "solutionSetDelta is null");
            Objects.requireNonNull(nextWorkset, "nextWorkset is null");
            Objects.requireNonNull(solutionSetKeys, "solutionSetKeys is null");
            if (maxIterations < 1) {
                throw new IllegalArgumentException("an iteration needs at least one superstep, not " + maxIterations);
            }
            aggregators = aggregators == null ? IterationAggregators.NONE : aggregators;
        }

        public DeltaIteration(
                Operator<?> solutionSet,
                Operator<?> workset,
                Operator<?> solutionSetDelta,
                Operator<?> nextWorkset,
                Keys<?> solutionSetKeys,
                int maxIterations) {
            this(solutionSet, workset, solutionSetDelta, nextWorkset, solutionSetKeys, maxIterations, null);
        }

        public int inputCount() {
            return 2;
        }

        public String kind() {
            return "delta iteration";
        }
    }
}
