package io.weir.dataset.summarize;

/** The summary of a text field: null and empty counts, and the lengths (in chars) of the non-null values. */
public final class StringColumnSummary extends ColumnSummary {

    private static final long serialVersionUID = 1L;

    private final long emptyCount;
    private final Integer minLength;
    private final Integer maxLength;
    private final Double meanLength;

    StringColumnSummary(
            long totalCount, long nullCount, long emptyCount, Integer minLength, Integer maxLength, Double meanLength) {
        super(totalCount, nullCount);
        this.emptyCount = emptyCount;
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.meanLength = meanLength;
    }

    public long getEmptyCount() {
        return emptyCount;
    }

    /** The length of the shortest non-null value; {@code null} when every value is null. */
    public Integer getMinLength() {
        return minLength;
    }

    /** The length of the longest non-null value; {@code null} when every value is null. */
    public Integer getMaxLength() {
        return maxLength;
    }

    /** The mean length of the non-null values; {@code null} when every value is null. */
    public Double getMeanLength() {
        return meanLength;
    }

    @Override
    public String toString() {
        return "StringColumnSummary{totalCount=" + getTotalCount() + ", nullCount=" + getNullCount()
                + ", emptyCount=" + emptyCount + ", minLength=" + minLength + ", maxLength=" + maxLength
                + ", meanLength=" + meanLength + "}";
    }
}
