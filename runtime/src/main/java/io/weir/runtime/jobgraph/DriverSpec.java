package io.weir.runtime.jobgraph;

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
import io.weir.core.functions.ReduceFunction;
import io.weir.core.io.InputFormat;
import io.weir.core.io.OutputFormat;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.operators.hash.HashAggregation;
import io.weir.runtime.operators.hash.HybridHashJoin;
import io.weir.runtime.operators.hash.SolutionSet;
import io.weir.runtime.operators.join.BlockNestedLoopCross;
import io.weir.runtime.operators.join.JoinType;
import io.weir.runtime.operators.sort.ExternalSorter;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one stage of a vertex does: the physical operator with its user function and the
 * serializers and comparators it needs. Everything in a spec is serializable, so a job graph can be
 * shipped to another process; each parallel instance runs its own deserialized copy.
 *
 * <p>Single-input drivers consume records one at a time and may run chained behind another stage
 * (they see the end of their input as a call, not as an event on a channel). {@link Source}, {@link
 * MapPartition}, {@link AllGroupReduce} and the two-input drivers ({@link HashJoin}, {@link
 * SortMergeJoin}, {@link CoGroup}, {@link Cross}) pull their inputs and run only at the head of a
 * vertex.
 */
public sealed interface DriverSpec extends Serializable {

    /** How many inputs the driver reads (0 for a source). */
    default int inputCount() {
        return 1;
    }

    /** Whether the driver can run behind another stage in the same task. */
    default boolean chainable() {
        return true;
    }

    /** The driver's share of managed memory relative to the other drivers; 0 if it needs none. */
    default int memoryWeight() {
        return 0;
    }

    /** The fewest managed-memory pages the driver runs with, when {@link #memoryWeight()} is positive. */
    default int minPages() {
        return 0;
    }

    /** A short description for plans and messages. */
    String describe();

    record Source(InputFormat<?, ?> format) implements DriverSpec {
        public Source {
            Objects.requireNonNull(format, "format is null");
        }

        public int inputCount() {
            return 0;
        }

        public boolean chainable() {
            return false;
        }

        public String describe() {
            return "source " + format.description();
        }
    }

    record Sink(OutputFormat<?> format) implements DriverSpec {
        public Sink {
            Objects.requireNonNull(format, "format is null");
        }

        public String describe() {
            return "sink " + format.description();
        }
    }

    record Map(MapFunction<?, ?> function) implements DriverSpec {
        public String describe() {
            return "map";
        }
    }

    record FlatMap(FlatMapFunction<?, ?> function) implements DriverSpec {
        public String describe() {
            return "flatMap";
        }
    }

    record Filter(FilterFunction<?> function) implements DriverSpec {
        public String describe() {
            return "filter";
        }
    }

    /** Passes its input on: the records of all edges feeding its input, merged. */
    record Union() implements DriverSpec {
        public String describe() {
            return "union";
        }
    }

    /** The user function over an iterator of all the instance's records. */
    record MapPartition(MapPartitionFunction<?, ?> function) implements DriverSpec {
        public boolean chainable() {
            return false;
        }

        public String describe() {
            return "mapPartition";
        }
    }

    /**
     * A reduce by key in a hash table over managed memory: a combiner ({@code combine}) emits its
     * table when full; the final reduce spills partitions and finishes them recursively.
     */
    record HashReduce(TypeSerializer<?> serializer, TypeComparator<?> key, ReduceFunction<?> function, boolean combine)
            implements DriverSpec {
        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return HashAggregation.MIN_PAGES;
        }

        public String describe() {
            return combine ? "hash combine" : "hash reduce";
        }
    }

    /** A reduce of all records to one, on the heap (one record is all it holds). */
    record ReduceAll(TypeSerializer<?> serializer, ReduceFunction<?> function) implements DriverSpec {
        public String describe() {
            return "reduce all";
        }
    }

    /**
     * A reduce over an input that arrives grouped on {@code key} (equal keys adjacent: behind a
     * sort-merge join, a sort-based grouping or a sort on the key, forwarded): consecutive records of
     * one key are reduced as they come, one record held on the heap, no table, no sort.
     */
    record GroupedReduce(TypeSerializer<?> serializer, TypeComparator<?> key, ReduceFunction<?> function)
            implements DriverSpec {
        public String describe() {
            return "grouped reduce (input already grouped)";
        }
    }

    /**
     * A group reduce over an input that arrives grouped on {@code key}: each run of equal keys is
     * buffered (spilling when a group outgrows the budget) and handed to the function; no sort.
     */
    record GroupedGroupReduce(TypeSerializer<?> serializer, TypeComparator<?> key, GroupReduceFunction<?, ?> function)
            implements DriverSpec {
        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return io.weir.runtime.operators.buffer.SpillableRecordBuffer.MIN_PAGES;
        }

        public String describe() {
            return "grouped group reduce (input already grouped)";
        }
    }

    /**
     * A group reduce: records sorted by {@code sortKey} (the grouping key, then the order within a
     * group) with the external sorter, each group of equal {@code groupKey} handed to the function.
     */
    record SortGroupReduce(
            TypeSerializer<?> serializer,
            TypeComparator<?> sortKey,
            TypeComparator<?> groupKey,
            GroupReduceFunction<?, ?> function)
            implements DriverSpec {
        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return ExternalSorter.MIN_PAGES;
        }

        public String describe() {
            return "sort group reduce";
        }
    }

    /**
     * A group combine (Flink's {@code combineGroup}): as many records as memory holds are sorted and
     * their groups given to the function, again for each buffer-full, without spilling — a key may
     * come out of several groups ({@link io.weir.runtime.operators.sort.PartialGroupSorter}).
     */
    record SortPartialGroupCombine(
            TypeSerializer<?> serializer,
            TypeComparator<?> sortKey,
            TypeComparator<?> groupKey,
            GroupCombineFunction<?, ?> function)
            implements DriverSpec {
        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return ExternalSorter.MIN_PAGES;
        }

        public String describe() {
            return "in-memory group combine";
        }
    }

    /**
     * A combiner before a shuffle: records sorted by key with the combining external sorter, which
     * applies the function to each group before a buffer spills and as the result is read.
     */
    record SortCombine(TypeSerializer<?> serializer, TypeComparator<?> key, GroupCombineFunction<?, ?> function)
            implements DriverSpec {
        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return ExternalSorter.MIN_PAGES;
        }

        public String describe() {
            return "sort combine";
        }
    }

    /** Sorts the records of each instance by {@code key} with the external sorter and emits them in order. */
    record SortPartition(TypeSerializer<?> serializer, TypeComparator<?> key) implements DriverSpec {
        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return ExternalSorter.MIN_PAGES;
        }

        public String describe() {
            return "sort partition";
        }
    }

    /**
     * The boundaries of a range partitioning: collects the sampled records (a few thousand per
     * producer, on the heap), sorts them by {@code key} and emits the {@code partitions - 1} that cut
     * them into equal parts.
     */
    record RangeBoundaries(TypeComparator<?> key, int partitions) implements DriverSpec {
        public String describe() {
            return "range boundaries of " + partitions;
        }
    }

    /**
     * Routes records by key range: reads the boundaries on input 1 first, gives them to the range
     * partitioners of the vertex's outputs, then passes on the records of input 0.
     */
    record RangeRoute() implements DriverSpec {
        public int inputCount() {
            return 2;
        }

        public boolean chainable() {
            return false;
        }

        public String describe() {
            return "route by range";
        }
    }

    /**
     * The head of an iteration, a task of its own: it buffers the initial partial solution (a bulk
     * iteration) or workset (a delta iteration; input 1) in managed memory, then each superstep
     * sends it to the step's vertices (its edges into vertices of the iteration) followed by the
     * end-of-superstep event, and waits at the barrier until every {@link IterationTail} has the next
     * one. After {@code maxIterations} supersteps, when the {@link TerminationCriterion} saw no
     * record, or when a delta iteration's next workset is empty, it sends the result on its other
     * edges — the last partial solution, or the solution set — and ends the step's inputs. Its two
     * spillable buffers (the one being sent, the next one being filled by the tail of the same
     * instance) share its managed memory with the solution set of a delta iteration.
     *
     * @param solutionSet the solution set of a delta iteration (input 0, partitioned by its key), or
     *     {@code null} for a bulk iteration
     * @param aggregators the iteration's aggregators and convergence criterion
     */
    record IterationHead(
            int iteration,
            int maxIterations,
            boolean hasCriterion,
            TypeSerializer<?> serializer,
            SolutionSetSpec solutionSet,
            IterationAggregators aggregators)
            implements DriverSpec {
        public IterationHead {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("an iteration runs at least 1 superstep, not " + maxIterations);
            }
            aggregators = aggregators == null ? IterationAggregators.NONE : aggregators;
        }

        /** The head of a bulk iteration without aggregators. */
        public IterationHead(int iteration, int maxIterations, boolean hasCriterion, TypeSerializer<?> serializer) {
            this(iteration, maxIterations, hasCriterion, serializer, null, null);
        }

        public boolean isDelta() {
            return solutionSet != null;
        }

        public int inputCount() {
            return isDelta() ? 2 : 1;
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return isDelta() ? 4 : 2;
        }

        public int minPages() {
            return 2 * SpillableRecordBuffer.MIN_PAGES
                    + (isDelta() ? SolutionSet.MIN_PAGES + SolutionSet.MIN_WORKING_PAGES : 0);
        }

        public String describe() {
            return (isDelta() ? "delta iteration head" : "iteration head") + " (at most " + maxIterations
                    + " supersteps)";
        }
    }

    /**
     * A coGroup of its input with the solution set of a delta iteration, its input partitioned like
     * the solution set: the input is sorted into groups and each group looks its key up in its
     * instance's solution set (the solution-set side is that record, or empty). Groups whose key is in
     * a spilled partition are buffered and coGrouped at the end with the spilled records. Keys of the
     * solution set without a group in the input are not visited.
     *
     * @param solutionInput which input of the user's function (0 = first) the solution set is
     * @param sortKey the input's key, extended by its order within groups if one is given
     */
    record SolutionSetCoGroup(
            int iteration,
            int solutionInput,
            TypeSerializer<?> serializer,
            TypeComparator<?> sortKey,
            TypeComparator<?> key,
            CoGroupFunction<?, ?, ?> function)
            implements DriverSpec {
        public SolutionSetCoGroup {
            if (solutionInput != 0 && solutionInput != 1) {
                throw new IllegalArgumentException("the solution set is input 0 or 1, not " + solutionInput);
            }
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 2;
        }

        public int minPages() {
            return 4 * ExternalSorter.MIN_PAGES + SpillableRecordBuffer.MIN_PAGES;
        }

        public String describe() {
            return "coGroup with the solution set (lookup)";
        }
    }

    /** The records of a delta iteration's solution set and their key. */
    record SolutionSetSpec(TypeSerializer<?> serializer, TypeComparator<?> key) implements Serializable {
        public SolutionSetSpec {
            Objects.requireNonNull(serializer, "serializer is null");
            Objects.requireNonNull(key, "key is null");
        }
    }

    /**
     * The solution-set delta of a delta iteration, partitioned like the solution set: each superstep
     * it buffers its input and, once every tail has its part of the superstep, merges it into the
     * solution set of its instance (see {@link SolutionSet#update}) before the next superstep starts.
     */
    record SolutionSetDelta(int iteration) implements DriverSpec {
        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 2;
        }

        public int minPages() {
            return SpillableRecordBuffer.MIN_PAGES + SolutionSet.MIN_WORKING_PAGES;
        }

        public String describe() {
            return "solution set update";
        }
    }

    /**
     * A join of its input with the solution set of a delta iteration, its input partitioned like the
     * solution set: each record looks up its key in its instance's solution set. Records whose key is
     * in a spilled partition are buffered and joined at the end of the superstep's input with the
     * spilled records by a {@link HybridHashJoin}.
     *
     * @param solutionInput which input of the user's function (0 = first) the solution set is
     * @param keepUnmatched call the function also for input records without a solution-set record
     *     (with {@code null} for it): an outer join that keeps the input's side
     */
    record SolutionSetJoin(
            int iteration,
            int solutionInput,
            TypeSerializer<?> serializer,
            TypeComparator<?> key,
            FlatJoinFunction<?, ?, ?> function,
            boolean keepUnmatched)
            implements DriverSpec {
        public SolutionSetJoin {
            if (solutionInput != 0 && solutionInput != 1) {
                throw new IllegalArgumentException("the solution set is input 0 or 1, not " + solutionInput);
            }
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 2;
        }

        public int minPages() {
            return SpillableRecordBuffer.MIN_PAGES + HybridHashJoin.MIN_PAGES + 1;
        }

        public String describe() {
            return "join with the solution set (lookup)";
        }
    }

    /** The end of an iteration's step: each superstep, its input is the next partial solution. */
    record IterationTail(int iteration) implements DriverSpec {
        public boolean chainable() {
            return false;
        }

        public String describe() {
            return "iteration tail";
        }
    }

    /** Counts its input each superstep: an iteration ends after a superstep in which it saw none. */
    record TerminationCriterion(int iteration) implements DriverSpec {
        public boolean chainable() {
            return false;
        }

        public String describe() {
            return "termination criterion";
        }
    }

    /** Passes on the first {@code n} records it sees and drops the rest. */
    record Limit(long n) implements DriverSpec {
        public Limit {
            if (n < 1) {
                throw new IllegalArgumentException("a limit keeps at least one record, not " + n);
            }
        }

        public String describe() {
            return "first " + n;
        }
    }

    /** A group reduce of the whole input as one group, streamed from the input. */
    record AllGroupReduce(GroupReduceFunction<?, ?> function) implements DriverSpec {
        public boolean chainable() {
            return false;
        }

        public String describe() {
            return "group reduce all";
        }
    }

    /**
     * A hybrid hash join: input {@code buildInput} (0 or 1) is hashed, the other probes. The
     * function is the user's, with the program's left input first, whichever side builds.
     */
    record HashJoin(
            int buildInput,
            TypeSerializer<?> leftSerializer,
            TypeSerializer<?> rightSerializer,
            TypeComparator<?> leftKey,
            TypeComparator<?> rightKey,
            FlatJoinFunction<?, ?, ?> function,
            JoinType type)
            implements DriverSpec {
        public HashJoin {
            if (buildInput != 0 && buildInput != 1) {
                throw new IllegalArgumentException("the build input is 0 or 1, not " + buildInput);
            }
            Objects.requireNonNull(type, "type is null");
        }

        public int inputCount() {
            return 2;
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 2;
        }

        public int minPages() {
            return HybridHashJoin.MIN_PAGES;
        }

        public String describe() {
            return "hybrid hash join (build " + (buildInput == 0 ? "left" : "right") + ")";
        }
    }

    /**
     * A join that sorts both inputs on their keys with external sorters (spilling) and merges them;
     * equal keys on both sides beyond memory are joined block by block.
     */
    record SortMergeJoin(
            TypeSerializer<?> leftSerializer,
            TypeSerializer<?> rightSerializer,
            TypeComparator<?> leftKey,
            TypeComparator<?> rightKey,
            FlatJoinFunction<?, ?, ?> function,
            JoinType type)
            implements DriverSpec {
        public SortMergeJoin {
            Objects.requireNonNull(type, "type is null");
        }

        public int inputCount() {
            return 2;
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 2;
        }

        public int minPages() {
            return 3 * Math.max(ExternalSorter.MIN_PAGES, SpillableRecordBuffer.MIN_PAGES + 1);
        }

        public String describe() {
            return "sort-merge join";
        }
    }

    /**
     * A coGroup: each input sorted by its sort key (the key, then the order within groups), then the
     * groups of equal key from both sides handed to the function together.
     */
    record CoGroup(
            TypeSerializer<?> leftSerializer,
            TypeSerializer<?> rightSerializer,
            TypeComparator<?> leftSortKey,
            TypeComparator<?> rightSortKey,
            TypeComparator<?> leftKey,
            TypeComparator<?> rightKey,
            CoGroupFunction<?, ?, ?> function)
            implements DriverSpec {
        public int inputCount() {
            return 2;
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 2;
        }

        public int minPages() {
            return 2 * ExternalSorter.MIN_PAGES;
        }

        public String describe() {
            return "sort-merge coGroup";
        }
    }

    /**
     * A cross product by block-nested loops: input {@code blockInput} (0 or 1) is loaded a block at a
     * time, the other streamed past each block. The function is the user's, left input first.
     */
    record Cross(
            int blockInput,
            TypeSerializer<?> leftSerializer,
            TypeSerializer<?> rightSerializer,
            CrossFunction<?, ?, ?> function)
            implements DriverSpec {
        public Cross {
            if (blockInput != 0 && blockInput != 1) {
                throw new IllegalArgumentException("the block input is 0 or 1, not " + blockInput);
            }
        }

        public int inputCount() {
            return 2;
        }

        public boolean chainable() {
            return false;
        }

        public int memoryWeight() {
            return 1;
        }

        public int minPages() {
            return BlockNestedLoopCross.MIN_PAGES;
        }

        public String describe() {
            return "block-nested-loop cross (blocks of the " + (blockInput == 0 ? "left" : "right") + ")";
        }
    }
}
