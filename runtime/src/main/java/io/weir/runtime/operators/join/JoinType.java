package io.weir.runtime.operators.join;

/** Which unmatched records a join keeps: none (inner), the left side's, the right side's, or both. */
public enum JoinType {
    INNER(false, false),
    LEFT_OUTER(true, false),
    RIGHT_OUTER(false, true),
    FULL_OUTER(true, true);

    final boolean keepLeft;
    final boolean keepRight;

    JoinType(boolean keepLeft, boolean keepRight) {
        this.keepLeft = keepLeft;
        this.keepRight = keepRight;
    }

    /** Whether left records without a match are kept (joined with {@code null}). */
    public boolean keepsLeft() {
        return keepLeft;
    }

    /** Whether right records without a match are kept (joined with {@code null}). */
    public boolean keepsRight() {
        return keepRight;
    }
}
