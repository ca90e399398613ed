package io.weir.runtime.jobgraph;

/** When a consumer may read what a producer writes. */
public enum ResultType {
    /** Records flow as soon as a buffer fills; a slow consumer slows the producer (backpressure). */
    PIPELINED,
    /**
     * The consumer reads only once the producer has finished; the producer's output is kept in
     * managed memory and spilled to disk when that is full. Breaks pipelines that would deadlock.
     */
    BLOCKING
}
