package io.weir.graph;

/** The value of vertices or edges that have none: one instance, serialized in a byte. */
public enum NullValue {
    INSTANCE;

    @Override
    public String toString() {
        return "(null)";
    }
}
