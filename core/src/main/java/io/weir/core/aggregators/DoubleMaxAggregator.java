package io.weir.core.aggregators;

/** The largest double added; negative infinity when none was. */
public final class DoubleMaxAggregator implements Aggregator<Double> {

    private static final long serialVersionUID = 1L;

    private double max = Double.NEGATIVE_INFINITY;

    @Override
    public Double getAggregate() {
        return max;
    }

    @Override
    public void aggregate(Double value) {
        aggregate(value.doubleValue());
    }

    public void aggregate(double value) {
        max = Math.max(max, value);
    }

    @Override
    public void reset() {
        max = Double.NEGATIVE_INFINITY;
    }
}
