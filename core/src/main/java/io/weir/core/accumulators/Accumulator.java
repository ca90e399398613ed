package io.weir.core.accumulators;

import java.io.Serializable;

/**
 * A value that parallel instances add to locally and the runtime merges over all instances when the
 * job ends (counters, sums, histograms). {@code V} is what is added, {@code R} the result.
 */
public interface Accumulator<V, R extends Serializable> extends Serializable {

    void add(V value);

    /** The local result so far. */
    R getLocalValue();

    /** Resets to the initial state. */
    void resetLocal();

    /** Merges another instance's accumulator of the same kind into this one. */
    void merge(Accumulator<V, R> other);

    /** A copy, for handing the local state to the runtime. */
    Accumulator<V, R> clone();
}
