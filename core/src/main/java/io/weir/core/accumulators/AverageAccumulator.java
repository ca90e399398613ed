package io.weir.core.accumulators;

/** The mean of the values added (0 when none were); merges by sum and count, so it stays exact in parts. */
public final class AverageAccumulator implements Accumulator<Double, Double> {

    private double sum;
    private long count;

    @Override
    public void add(Double value) {
        add(value.doubleValue());
    }

    public void add(double value) {
        sum += value;
        count++;
    }

    public void add(long value) {
        add((double) value);
    }

    @Override
    public Double getLocalValue() {
        return count == 0 ? 0.0 : sum / count;
    }

    @Override
    public void resetLocal() {
        sum = 0;
        count = 0;
    }

    @Override
    public void merge(Accumulator<Double, Double> other) {
        if (!(other instanceof AverageAccumulator average)) {
            throw new IllegalArgumentException("cannot merge " + other + " into an average");
        }
        sum += average.sum;
        count += average.count;
    }

    @Override
    public AverageAccumulator clone() {
        AverageAccumulator copy = new AverageAccumulator();
        copy.sum = sum;
        copy.count = count;
        return copy;
    }

    @Override
    public String toString() {
        return "AverageAccumulator " + getLocalValue() + " of " + count;
    }
}
