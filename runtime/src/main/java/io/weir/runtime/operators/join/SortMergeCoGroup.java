package io.weir.runtime.operators.join;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.Collector;
import io.weir.core.serialization.PairComparator;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.sort.ExternalSorter;
import io.weir.runtime.operators.sort.GroupIterator;
import java.io.IOException;
import java.util.Collections;
import java.util.Objects;

/**
 * CoGroups two inputs sorted on their keys: for every key on either side, the function sees the left
 * group and the right group (either may be empty). Each group is read straight from its sorted input,
 * so nothing is buffered and groups of any size pass; each can be traversed once, in any order.
 * {@link #sortAndRun} sorts unsorted inputs first with two {@link ExternalSorter}s.
 */
public final class SortMergeCoGroup<L, R, O> {

    private final PairComparator<L, R> keys;
    private final OperatorResources resources;
    /** -1: every key; 0 or 1: only the keys that input has. */
    private int onlyKeysOf = -1;

    public SortMergeCoGroup(PairComparator<L, R> keys, OperatorResources resources) {
        this.keys = Objects.requireNonNull(keys, "keys is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
    }

    /** Calls the function only for the keys input {@code input} (0 = left) has: a lookup into the other. */
    public SortMergeCoGroup<L, R, O> onlyKeysOf(int input) {
        if (input != 0 && input != 1) {
            throw new IllegalArgumentException("input 0 or 1, not " + input);
        }
        this.onlyKeysOf = input;
        return this;
    }

    public void run(
            RecordIterator<L> sortedLeft,
            RecordIterator<R> sortedRight,
            CoGroupFunction<L, R, O> function,
            Collector<O> out)
            throws IOException {
        Counting counting = new Counting();
        Collector<O> counted = counting.output(out);
        try {
            GroupIterator<L> left = new GroupIterator<>(counting.input(sortedLeft), keys.left());
            GroupIterator<R> right = new GroupIterator<>(counting.input(sortedRight), keys.right());
            boolean hasLeft = left.nextGroup();
            boolean hasRight = right.nextGroup();
            while (hasLeft || hasRight) {
                resources.checkCancelled();
                int order = !hasLeft ? 1 : !hasRight ? -1 : keys.compare(left.first(), right.first());
                Iterable<L> leftGroup = order <= 0 ? left : Collections.emptyList();
                Iterable<R> rightGroup = order >= 0 ? right : Collections.emptyList();
                try {
                    if ((onlyKeysOf != 0 || order <= 0) && (onlyKeysOf != 1 || order >= 0)) {
                        function.coGroup(leftGroup, rightGroup, counted);
                    }
                } catch (Exception e) {
                    throw resources.failure("in the coGroup function", e);
                }
                if (order <= 0) {
                    hasLeft = left.nextGroup();
                }
                if (order >= 0) {
                    hasRight = right.nextGroup();
                }
            }
            counting.publish(resources);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while co-grouping", e);
        } finally {
            resources.close();
        }
    }

    /**
     * Sorts both inputs with an external sorter each (half the budget apiece) and coGroups them. A
     * sort key may extend the grouping key with an order within groups; the groups follow the
     * grouping keys of this coGroup's {@link PairComparator}.
     */
    public void sortAndRun(
            TypeSerializer<L> leftSerializer,
            TypeComparator<L> leftSortKey,
            RecordIterator<L> left,
            TypeSerializer<R> rightSerializer,
            TypeComparator<R> rightSortKey,
            RecordIterator<R> right,
            CoGroupFunction<L, R, O> function,
            Collector<O> out)
            throws IOException {
        int half = Math.max(ExternalSorter.MIN_PAGES, resources.pages() / 2);
        try (ExternalSorter<L> leftSorter = new ExternalSorter<>(
                        leftSerializer, leftSortKey, resources.split("sorter of the left side", half));
                ExternalSorter<R> rightSorter = new ExternalSorter<>(
                        rightSerializer, rightSortKey, resources.split("sorter of the right side", half))) {
            for (L record = left.next(); record != null; record = left.next()) {
                leftSorter.add(record);
            }
            for (R record = right.next(); record != null; record = right.next()) {
                rightSorter.add(record);
            }
            run(leftSorter.finish(), rightSorter.finish(), function, out);
        } finally {
            resources.close();
        }
    }
}
