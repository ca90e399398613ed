package io.weir.core.accumulators;

/** A sum of ints. */
public final class IntCounter implements Accumulator<Integer, Integer> {

    private int value;

    public IntCounter() {}

    public IntCounter(int value) {
        this.value = value;
    }

    @Override
    public void add(Integer increment) {
        value += increment;
    }

    /** Adds without boxing. */
    public void add(int increment) {
        value += increment;
    }

    @Override
    public Integer getLocalValue() {
        return value;
    }

    @Override
    public void resetLocal() {
        value = 0;
    }

    @Override
    public void merge(Accumulator<Integer, Integer> other) {
        value += other.getLocalValue();
    }

    @Override
    public IntCounter clone() {
        return new IntCounter(value);
    }

    @Override
    public String toString() {
        return "IntCounter " + value;
    }
}
