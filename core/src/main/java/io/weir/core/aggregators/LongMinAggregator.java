package io.weir.core.aggregators;

/** The smallest long added; {@link Long#MAX_VALUE} when none was. */
public final class LongMinAggregator implements Aggregator<Long> {

    private static final long serialVersionUID = 1L;

    private long min = Long.MAX_VALUE;

    @Override
    public Long getAggregate() {
        return min;
    }

    @Override
    public void aggregate(Long value) {
        aggregate(value.longValue());
    }

    public void aggregate(long value) {
        min = Math.min(min, value);
    }

    @Override
    public void reset() {
        min = Long.MAX_VALUE;
    }
}
