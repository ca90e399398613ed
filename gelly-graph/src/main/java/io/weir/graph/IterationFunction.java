package io.weir.graph;

import io.weir.core.aggregators.Aggregator;
import io.weir.core.functions.RuntimeContext;
import java.io.Serializable;
import java.util.Collection;

/**
 * The base of the functions of the graph iteration models (vertex-centric, scatter-gather,
 * gather-sum-apply): what a function sees of the iteration — the superstep, the aggregators, the
 * broadcast sets — and hooks that run before and after each superstep in every parallel instance.
 */
public abstract class IterationFunction implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient RuntimeContext context;

    /**
     * Called by the model's operator when it opens for a superstep: gives the function the
     * operator's context and runs {@link #preSuperstep()}.
     */
    public final void startSuperstep(RuntimeContext runtimeContext) throws Exception {
        this.context = runtimeContext;
        preSuperstep();
    }

    /** Runs in each parallel instance before the superstep's first call. */
    public void preSuperstep() throws Exception {}

    /** Runs in each parallel instance after the superstep's last call. */
    public void postSuperstep() throws Exception {}

    /** The superstep, from 1. */
    public int getSuperstepNumber() {
        return context.getSuperstepNumber();
    }

    /** This instance's part of the aggregator registered under {@code name} in the iteration's configuration. */
    public <A extends Aggregator<?>> A getIterationAggregator(String name) {
        return context.getIterationAggregator(name);
    }

    /** The aggregate of {@code name} over the previous superstep ({@code null} in the first). */
    public <T extends Serializable> T getPreviousIterationAggregate(String name) {
        return context.getPreviousIterationAggregate(name);
    }

    /** The broadcast set added under {@code name} in the iteration's configuration. */
    public <T> Collection<T> getBroadcastSet(String name) {
        return context.getBroadcastVariable(name);
    }

    /** The runtime context of the operator that runs the function: accumulators, the task, its index. */
    public RuntimeContext getRuntimeContext() {
        return context;
    }
}
