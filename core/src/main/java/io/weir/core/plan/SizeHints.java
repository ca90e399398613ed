package io.weir.core.plan;

/**
 * What the user knows about the size of a data set, for the optimizer: the number of records and
 * bytes, each -1 when unknown.
 */
public record SizeHints(long records, long bytes) {

    public static final SizeHints UNKNOWN = new SizeHints(-1, -1);

    public SizeHints {
        if (records < -1 || bytes < -1) {
            throw new IllegalArgumentException("size hints are counts, or -1 for unknown");
        }
    }

    public boolean isKnown() {
        return records >= 0 || bytes >= 0;
    }
}
