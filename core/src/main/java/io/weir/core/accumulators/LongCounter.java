package io.weir.core.accumulators;

/** A sum of longs, such as a count of records. */
public final class LongCounter implements Accumulator<Long, Long> {

    private long value;

    public LongCounter() {}

    public LongCounter(long value) {
        this.value = value;
    }

    @Override
    public void add(Long increment) {
        value += increment;
    }

    /** Adds without boxing. */
    public void add(long increment) {
        value += increment;
    }

    @Override
    public Long getLocalValue() {
        return value;
    }

    @Override
    public void resetLocal() {
        value = 0;
    }

    @Override
    public void merge(Accumulator<Long, Long> other) {
        value += other.getLocalValue();
    }

    @Override
    public LongCounter clone() {
        return new LongCounter(value);
    }

    @Override
    public String toString() {
        return "LongCounter " + value;
    }
}
