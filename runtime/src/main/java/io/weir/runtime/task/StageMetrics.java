package io.weir.runtime.task;

import io.weir.runtime.operators.OperatorMetrics;

/** What one instance of one stage has done: records in and out, and its operator's spills. */
public final class StageMetrics {

    private final Counter recordsIn = new Counter();
    private final Counter recordsOut = new Counter();
    private final java.util.List<OperatorMetrics> operators = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Counter recordsIn() {
        return recordsIn;
    }

    public Counter recordsOut() {
        return recordsOut;
    }

    /**
     * Attaches the metrics of a memory-holding operator the stage runs (spills, pages): its sorter or
     * hash table, and the buffers of its broadcast sets.
     */
    void attach(OperatorMetrics operatorMetrics) {
        operators.add(operatorMetrics);
    }

    public long bytesSpilled() {
        long bytes = 0;
        for (OperatorMetrics metrics : operators) {
            bytes += metrics.bytesSpilled();
        }
        return bytes;
    }
}
