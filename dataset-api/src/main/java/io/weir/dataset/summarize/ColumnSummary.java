package io.weir.dataset.summarize;

import java.io.Serializable;

/**
 * What {@code DataSetUtils.summarize} found in one field of a data set: how many values, how many of
 * them null, and, in the subclasses, what the values were like.
 */
public abstract class ColumnSummary implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long totalCount;
    private final long nullCount;

    ColumnSummary(long totalCount, long nullCount) {
        this.totalCount = totalCount;
        this.nullCount = nullCount;
    }

    /** The number of records. */
    public long getTotalCount() {
        return totalCount;
    }

    public long getNullCount() {
        return nullCount;
    }

    public long getNonNullCount() {
        return totalCount - nullCount;
    }

    public boolean containsNull() {
        return nullCount > 0;
    }

    public boolean containsNonNull() {
        return nullCount < totalCount;
    }
}
