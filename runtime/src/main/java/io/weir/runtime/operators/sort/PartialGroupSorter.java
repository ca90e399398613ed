package io.weir.runtime.operators.sort;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import java.io.IOException;
import java.util.Objects;

/**
 * Groups as many records as the memory budget holds, never spilling: the records are sorted in one
 * buffer, and when it is full (and at the end) its groups are handed on and the buffer emptied. So
 * a key may come out in several groups, one per buffer-full that held it — what a partial
 * pre-aggregation (Flink's {@code combineGroup}) wants: one pass, no disk, the memory decides how
 * much is combined. A record larger than the whole budget is a group of its own.
 *
 * @param <T> the record type
 */
public final class PartialGroupSorter<T> implements AutoCloseable {

    /** Takes the groups of one buffer-full. */
    @FunctionalInterface
    public interface GroupConsumer<T> {
        void accept(GroupIterator<T> groups) throws Exception;
    }

    private final TypeComparator<T> groupKey;
    private final OperatorResources resources;
    private final GroupConsumer<T> consumer;
    private final SortBuffer<T> buffer;
    private final TypeSerializer<T> serializer;
    private long added;

    /**
     * @param sortKey the order in the buffer: the group key, then any order within groups
     * @param groupKey what makes records one group
     */
    public PartialGroupSorter(
            TypeSerializer<T> serializer,
            TypeComparator<T> sortKey,
            TypeComparator<T> groupKey,
            OperatorResources resources,
            GroupConsumer<T> consumer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.groupKey = Objects.requireNonNull(groupKey, "groupKey is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
        this.consumer = Objects.requireNonNull(consumer, "consumer is null");
        PageBudget pool = resources.budget(ExternalSorter.MIN_PAGES);
        this.buffer = new SortBuffer<>(serializer, sortKey, pool, resources.pageSize());
    }

    /** Adds a record; may hand on the groups of a full buffer first. */
    public void add(T record) throws Exception {
        if ((++added & 0xFF) == 0) {
            resources.metrics().addRecordsIn(256);
            resources.checkCancelled();
        }
        if (add(buffer, record)) {
            return;
        }
        flush();
        if (!add(buffer, record)) {
            T copy = serializer.copy(record);
            consumer.accept(new GroupIterator<>(single(copy), groupKey));
        }
    }

    private boolean add(SortBuffer<T> target, T record) {
        try {
            return target.add(record);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while grouping a record", e);
        }
    }

    /** Hands on the groups of what the buffer holds. */
    public void finish() throws Exception {
        resources.metrics().addRecordsIn(added & 0xFF);
        added = 0;
        flush();
    }

    private void flush() throws Exception {
        if (buffer.isEmpty()) {
            return;
        }
        resources.metrics().addBytesIn(buffer.recordBytes());
        resources.metrics().observePages(buffer.pagesHeld());
        buffer.sort();
        consumer.accept(new GroupIterator<>(buffer.sortedRecords(), groupKey));
        buffer.reset();
    }

    private static <T> RecordIterator<T> single(T record) {
        return new RecordIterator<>() {
            private boolean done;

            @Override
            public T next() {
                if (done) {
                    return null;
                }
                done = true;
                return record;
            }
        };
    }

    /** Gives back every page. */
    @Override
    public void close() {
        buffer.reset();
        resources.close();
    }
}
