package io.weir.dataset.summarize;

/** The summary of a boolean field: how many values are true, false and null. */
public final class BooleanColumnSummary extends ColumnSummary {

    private static final long serialVersionUID = 1L;

    private final long trueCount;
    private final long falseCount;

    BooleanColumnSummary(long trueCount, long falseCount, long nullCount) {
        super(trueCount + falseCount + nullCount, nullCount);
        this.trueCount = trueCount;
        this.falseCount = falseCount;
    }

    public long getTrueCount() {
        return trueCount;
    }

    public long getFalseCount() {
        return falseCount;
    }

    @Override
    public String toString() {
        return "BooleanColumnSummary{totalCount=" + getTotalCount() + ", trueCount=" + trueCount + ", falseCount="
                + falseCount + ", nullCount=" + getNullCount() + "}";
    }
}
