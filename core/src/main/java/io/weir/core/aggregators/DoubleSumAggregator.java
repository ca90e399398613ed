package io.weir.core.aggregators;

/** Sums doubles. */
public final class DoubleSumAggregator implements Aggregator<Double> {

    private static final long serialVersionUID = 1L;

    private double sum;

    @Override
    public Double getAggregate() {
        return sum;
    }

    @Override
    public void aggregate(Double value) {
        sum += value;
    }

    /** Adds a value without boxing. */
    public void aggregate(double value) {
        sum += value;
    }

    @Override
    public void reset() {
        sum = 0;
    }
}
