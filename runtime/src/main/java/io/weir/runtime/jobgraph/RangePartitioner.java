package io.weir.runtime.jobgraph;

import io.weir.core.serialization.TypeComparator;
import java.util.List;
import java.util.Objects;

/**
 * Range partitioning: instance {@code i} receives the keys above boundary {@code i - 1} up to and
 * including boundary {@code i}, so that the instances, in order, hold the keys in order. The
 * boundaries are learnt while the job runs (from a sample of the keys) and handed to each producer
 * instance's copy before its first record.
 */
public final class RangePartitioner<T> implements RecordPartitioner<T> {

    private static final long serialVersionUID = 1L;

    private final TypeComparator<T> key;
    private transient List<T> boundaries;

    public RangePartitioner(TypeComparator<T> key) {
        this.key = Objects.requireNonNull(key, "key is null");
    }

    /** The ascending upper bounds of the instances but the last (fewer when the sample was small). */
    @SuppressWarnings("unchecked")
    public void setBoundaries(List<?> ascendingBoundaries) {
        this.boundaries = (List<T>) List.copyOf(ascendingBoundaries);
    }

    @Override
    public int partition(T record, int numPartitions) {
        if (boundaries == null) {
            throw new IllegalStateException("the range boundaries were not set before the first record");
        }
        int low = 0;
        int high = Math.min(boundaries.size(), numPartitions - 1);
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (key.compare(record, boundaries.get(middle)) <= 0) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
