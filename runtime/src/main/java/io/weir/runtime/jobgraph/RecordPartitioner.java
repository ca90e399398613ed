package io.weir.runtime.jobgraph;

import java.io.Serializable;

/**
 * Picks the consumer instance of each record on a {@link ShipStrategy#CUSTOM} edge: a user's
 * partitioner applied to the record's key, or the key ranges of a range partitioning. Each producer
 * instance gets its own copy.
 */
public interface RecordPartitioner<T> extends Serializable {

    /**
     * The instance, from 0 to {@code numPartitions - 1}, that receives {@code record}.
     *
     * @throws IllegalStateException with a message naming what to fix, when the partitioner's answer
     *     is out of range
     */
    int partition(T record, int numPartitions);
}
