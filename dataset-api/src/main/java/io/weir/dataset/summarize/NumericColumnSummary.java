package io.weir.dataset.summarize;

/**
 * The summary of a numeric field. Null, NaN and infinite values are counted apart ("missing") and
 * left out of every statistic: minimum, maximum, sum, mean and variance describe the others.
 *
 * @param <T> the field's type: {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code
 *     Float}, {@code Double}, {@code BigInteger} or {@code BigDecimal}
 */
public final class NumericColumnSummary<T extends Number> extends ColumnSummary {

    private static final long serialVersionUID = 1L;

    private final long nonMissingCount;
    private final long nanCount;
    private final long infinityCount;
    private final T min;
    private final T max;
    private final Number sum;
    private final Double mean;
    private final Double variance;

    NumericColumnSummary(
            long totalCount,
            long nullCount,
            long nanCount,
            long infinityCount,
            long nonMissingCount,
            T min,
            T max,
            Number sum,
            Double mean,
            Double variance) {
        super(totalCount, nullCount);
        this.nonMissingCount = nonMissingCount;
        this.nanCount = nanCount;
        this.infinityCount = infinityCount;
        this.min = min;
        this.max = max;
        this.sum = sum;
        this.mean = mean;
        this.variance = variance;
    }

    /** The values that are neither null, NaN nor infinite. */
    public long getNonMissingCount() {
        return nonMissingCount;
    }

    /** Null, NaN and infinite values. */
    public long getMissingCount() {
        return getTotalCount() - nonMissingCount;
    }

    public long getNanCount() {
        return nanCount;
    }

    public long getInfinityCount() {
        return infinityCount;
    }

    /** The smallest value; {@code null} when none is there. */
    public T getMin() {
        return min;
    }

    /** The largest value; {@code null} when none is there. */
    public T getMax() {
        return max;
    }

    /**
     * The sum: exact for the integral types (a {@code Long}, or a {@code BigInteger} where a long
     * would overflow) and for {@code BigDecimal}; a compensated (Kahan) {@code Double} sum for
     * {@code Float} and {@code Double}. Zero when no value is there.
     */
    public Number getSum() {
        return sum;
    }

    /** The arithmetic mean, as a double; {@code null} when no value is there. */
    public Double getMean() {
        return mean;
    }

    /** The sample variance (divided by n - 1); {@code null} for fewer than two values. */
    public Double getVariance() {
        return variance;
    }

    /** The square root of the sample variance; {@code null} for fewer than two values. */
    public Double getStandardDeviation() {
        return variance == null ? null : Math.sqrt(variance);
    }

    @Override
    public String toString() {
        return "NumericColumnSummary{totalCount=" + getTotalCount() + ", nullCount=" + getNullCount()
                + ", nanCount=" + nanCount + ", infinityCount=" + infinityCount + ", min=" + min + ", max=" + max
                + ", sum=" + sum + ", mean=" + mean + ", standardDeviation=" + getStandardDeviation() + "}";
    }
}
