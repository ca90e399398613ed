package io.weir.core.accumulators;

/** A sum of doubles. */
public final class DoubleCounter implements Accumulator<Double, Double> {

    private double value;

    public DoubleCounter() {}

    public DoubleCounter(double value) {
        this.value = value;
    }

    @Override
    public void add(Double increment) {
        value += increment;
    }

    /** Adds without boxing. */
    public void add(double increment) {
        value += increment;
    }

    @Override
    public Double getLocalValue() {
        return value;
    }

    @Override
    public void resetLocal() {
        value = 0;
    }

    @Override
    public void merge(Accumulator<Double, Double> other) {
        value += other.getLocalValue();
    }

    @Override
    public DoubleCounter clone() {
        return new DoubleCounter(value);
    }

    @Override
    public String toString() {
        return "DoubleCounter " + value;
    }
}
