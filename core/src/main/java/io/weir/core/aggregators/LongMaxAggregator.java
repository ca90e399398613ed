package io.weir.core.aggregators;

/** The largest long added; {@link Long#MIN_VALUE} when none was. */
public final class LongMaxAggregator implements Aggregator<Long> {

    private static final long serialVersionUID = 1L;

    private long max = Long.MIN_VALUE;

    @Override
    public Long getAggregate() {
        return max;
    }

    @Override
    public void aggregate(Long value) {
        aggregate(value.longValue());
    }

    public void aggregate(long value) {
        max = Math.max(max, value);
    }

    @Override
    public void reset() {
        max = Long.MIN_VALUE;
    }
}
