package io.weir.runtime.operators.join;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.Collector;
import io.weir.core.serialization.PairComparator;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.sort.GroupIterator;
import java.io.IOException;
import java.util.Collections;
import java.util.Objects;

/**
 * CoGroups two inputs sorted on their keys: for every key on either side, the function sees the left
 * group and the right group (either may be empty). Each group is read straight from its sorted input,
 * so nothing is buffered and groups of any size pass; each can be traversed once, in any order.
 */
public final class SortMergeCoGroup<L, R, O> {

    private final PairComparator<L, R> keys;
    private final OperatorResources resources;

    public SortMergeCoGroup(PairComparator<L, R> keys, OperatorResources resources) {
        this.keys = Objects.requireNonNull(keys, "keys is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
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
                    function.coGroup(leftGroup, rightGroup, counted);
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
}
