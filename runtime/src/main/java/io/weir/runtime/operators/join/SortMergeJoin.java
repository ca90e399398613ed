package io.weir.runtime.operators.join;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.serialization.PairComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.operators.sort.ExternalSorter;
import io.weir.runtime.operators.sort.GroupIterator;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Joins two inputs sorted on their keys by walking both in step, group by group. For a key present
 * on both sides, the right group is buffered ({@link SpillableRecordBuffer}: it spills when a key has
 * more records than memory holds) and the left group is loaded a block at a time (a quarter of the
 * budget), the right group being read once per block: a block-nested-loop join within the key.
 * Unmatched groups are dropped or, for outer joins, joined with {@code null}.
 *
 * <pre>
 *   left:   a a b   d d d     (sorted)        key a: left 2 × right 1
 *   right:  a   c c d d       (sorted)        key b: left only  → (b, null) if left/full outer
 *                                             key c: right only → (null, c) if right/full outer
 *                                             key d: left 3 × right 2, right group buffered
 * </pre>
 *
 * {@link #sortAndRun} sorts unsorted inputs first with two {@link ExternalSorter}s.
 */
public final class SortMergeJoin<L, R, O> {

    private final TypeSerializer<L> leftSerializer;
    private final TypeSerializer<R> rightSerializer;
    private final PairComparator<L, R> keys;
    private final JoinType type;
    private final OperatorResources resources;

    public SortMergeJoin(
            TypeSerializer<L> leftSerializer,
            TypeSerializer<R> rightSerializer,
            PairComparator<L, R> keys,
            JoinType type,
            OperatorResources resources) {
        this.leftSerializer = Objects.requireNonNull(leftSerializer, "leftSerializer is null");
        this.rightSerializer = Objects.requireNonNull(rightSerializer, "rightSerializer is null");
        this.keys = Objects.requireNonNull(keys, "keys is null");
        this.type = Objects.requireNonNull(type, "type is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
    }

    /** Joins two inputs already sorted on their keys; then releases all memory and files. */
    public void run(
            RecordIterator<L> sortedLeft,
            RecordIterator<R> sortedRight,
            FlatJoinFunction<L, R, O> function,
            Collector<O> out)
            throws IOException {
        resources.requirePages(SpillableRecordBuffer.MIN_PAGES + 1);
        Counting counting = new Counting();
        Collector<O> counted = counting.output(out);
        int blockPages =
                Math.max(1, Math.min(resources.pages() / 4, resources.pages() - SpillableRecordBuffer.MIN_PAGES));
        try (SpillableRecordBuffer<R> rightGroup = new SpillableRecordBuffer<>(
                rightSerializer, resources.split("right group buffer", resources.pages() - blockPages))) {
            PageBudget blockBudget = resources.split("left block", blockPages).budget(1);
            List<MemorySegment> block = new ArrayList<>(blockBudget.take(1));
            GroupIterator<L> left = new GroupIterator<>(counting.input(sortedLeft), keys.left());
            GroupIterator<R> right = new GroupIterator<>(counting.input(sortedRight), keys.right());
            boolean hasLeft = left.nextGroup();
            boolean hasRight = right.nextGroup();
            while (hasLeft || hasRight) {
                resources.checkCancelled();
                int order = !hasLeft ? 1 : !hasRight ? -1 : keys.compare(left.first(), right.first());
                if (order < 0) {
                    if (type.keepLeft) {
                        for (L record : left) {
                            join(function, record, null, counted);
                        }
                    }
                    hasLeft = left.nextGroup();
                } else if (order > 0) {
                    if (type.keepRight) {
                        for (R record : right) {
                            join(function, null, record, counted);
                        }
                    }
                    hasRight = right.nextGroup();
                } else {
                    rightGroup.reset();
                    for (R record : right) {
                        rightGroup.add(record);
                    }
                    rightGroup.finishWriting();
                    joinGroups(left.iterator(), rightGroup, block, blockBudget, function, counted);
                    hasLeft = left.nextGroup();
                    hasRight = right.nextGroup();
                }
            }
            counting.publish(resources);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while joining", e);
        } finally {
            resources.close();
        }
    }

    /**
     * Joins one key's left group with its buffered right group: left records are loaded a block at a
     * time, and the right group is read once per block (once in all, unless the left group is larger
     * than the block).
     */
    private void joinGroups(
            Iterator<L> leftGroup,
            SpillableRecordBuffer<R> rightGroup,
            List<MemorySegment> block,
            PageBudget blockBudget,
            FlatJoinFunction<L, R, O> function,
            Collector<O> out)
            throws IOException {
        L pending = null;
        while (pending != null || leftGroup.hasNext()) {
            RandomAccessOutputView blockOut = new RandomAccessOutputView(block, blockBudget::poll);
            int count = 0;
            L oversized = null;
            while (pending != null || leftGroup.hasNext()) {
                L record = pending != null ? pending : leftGroup.next();
                pending = null;
                long start = blockOut.position();
                try {
                    leftSerializer.serialize(record, blockOut);
                    count++;
                } catch (EOFException full) {
                    blockOut.seek(start);
                    if (count == 0) {
                        oversized = record; // larger than the block: joined on its own
                    } else {
                        pending = record;
                    }
                    break;
                }
            }
            RandomAccessInputView blockIn = count == 0 ? null : new RandomAccessInputView(block, blockOut.position());
            RecordIterator<R> matches = rightGroup.read();
            for (R match = matches.next(); match != null; match = matches.next()) {
                if (oversized != null) {
                    join(function, oversized, match, out);
                    continue;
                }
                blockIn.seek(0);
                for (int i = 0; i < count; i++) {
                    join(function, leftSerializer.deserialize(blockIn), match, out);
                }
            }
        }
    }

    /**
     * Sorts both inputs (each sorter gets a third of the budget) and joins them: the sort-merge
     * strategy on unsorted inputs.
     */
    public void sortAndRun(
            RecordIterator<L> left, RecordIterator<R> right, FlatJoinFunction<L, R, O> function, Collector<O> out)
            throws IOException {
        int third = Math.max(ExternalSorter.MIN_PAGES, resources.pages() / 3);
        try (ExternalSorter<L> leftSorter = new ExternalSorter<>(
                        leftSerializer, keys.left(), resources.split("sorter of the left side", third));
                ExternalSorter<R> rightSorter = new ExternalSorter<>(
                        rightSerializer, keys.right(), resources.split("sorter of the right side", third))) {
            for (L record = left.next(); record != null; record = left.next()) {
                leftSorter.add(record);
            }
            for (R record = right.next(); record != null; record = right.next()) {
                rightSorter.add(record);
            }
            new SortMergeJoin<L, R, O>(
                            leftSerializer,
                            rightSerializer,
                            keys,
                            type,
                            resources.split(
                                    "merge", Math.max(SpillableRecordBuffer.MIN_PAGES, resources.pages() - 2 * third)))
                    .run(leftSorter.finish(), rightSorter.finish(), function, out);
        } finally {
            resources.close();
        }
    }

    private void join(FlatJoinFunction<L, R, O> function, L left, R right, Collector<O> out) {
        try {
            function.join(left, right, out);
        } catch (Exception e) {
            throw resources.failure("in the join function", e);
        }
    }
}
