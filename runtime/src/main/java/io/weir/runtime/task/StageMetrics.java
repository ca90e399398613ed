package io.weir.runtime.task;

import io.weir.runtime.operators.OperatorMetrics;

/** What one instance of one stage has done: records in and out, and its operator's spills. */
public final class StageMetrics {

    private final Counter recordsIn = new Counter();
    private final Counter recordsOut = new Counter();
    private volatile OperatorMetrics operator;

    public Counter recordsIn() {
        return recordsIn;
    }

    public Counter recordsOut() {
        return recordsOut;
    }

    /** Attaches the metrics of the memory-holding operator the stage runs (spills, pages). */
    void attach(OperatorMetrics operatorMetrics) {
        this.operator = operatorMetrics;
    }

    public long bytesSpilled() {
        OperatorMetrics metrics = operator;
        return metrics == null ? 0 : metrics.bytesSpilled();
    }
}
