package io.weir.dataset;

/** The direction of a sort on a key field. */
public enum Order {
    ASCENDING,
    DESCENDING;

    boolean ascending() {
        return this == ASCENDING;
    }
}
