package io.weir.dataset.summarize;

/** The summary of a field of a type without statistics of its own: null and non-null counts. */
public final class ObjectColumnSummary extends ColumnSummary {

    private static final long serialVersionUID = 1L;

    ObjectColumnSummary(long totalCount, long nullCount) {
        super(totalCount, nullCount);
    }

    @Override
    public String toString() {
        return "ObjectColumnSummary{totalCount=" + getTotalCount() + ", nullCount=" + getNullCount() + "}";
    }
}
