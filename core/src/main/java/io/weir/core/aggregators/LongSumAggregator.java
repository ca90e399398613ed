package io.weir.core.aggregators;

/** Sums longs; a count when each element adds 1. */
public final class LongSumAggregator implements Aggregator<Long> {

    private static final long serialVersionUID = 1L;

    private long sum;

    @Override
    public Long getAggregate() {
        return sum;
    }

    @Override
    public void aggregate(Long value) {
        sum += value;
    }

    /** Adds a value without boxing. */
    public void aggregate(long value) {
        sum += value;
    }

    @Override
    public void reset() {
        sum = 0;
    }
}
