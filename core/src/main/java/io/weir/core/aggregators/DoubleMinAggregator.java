package io.weir.core.aggregators;

/** The smallest double added; positive infinity when none was. */
public final class DoubleMinAggregator implements Aggregator<Double> {

    private static final long serialVersionUID = 1L;

    private double min = Double.POSITIVE_INFINITY;

    @Override
    public Double getAggregate() {
        return min;
    }

    @Override
    public void aggregate(Double value) {
        aggregate(value.doubleValue());
    }

    public void aggregate(double value) {
        min = Math.min(min, value);
    }

    @Override
    public void reset() {
        min = Double.POSITIVE_INFINITY;
    }
}
