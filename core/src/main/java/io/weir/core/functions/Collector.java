package io.weir.core.functions;

/** Where a function emits its output records. */
public interface Collector<T> {

    /** Emits one record. The record may be reused by the caller once this returns. */
    void collect(T record);

    /** Ends the output; called by the runtime, not by user functions. */
    default void close() {}
}
