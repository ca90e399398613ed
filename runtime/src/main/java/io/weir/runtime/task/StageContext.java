package io.weir.runtime.task;

import io.weir.core.accumulators.Accumulator;
import io.weir.core.aggregators.Aggregator;
import io.weir.core.functions.BroadcastVariableInitializer;
import io.weir.core.functions.RuntimeContext;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The runtime context of one instance of one stage. */
final class StageContext implements RuntimeContext {

    private final String name;
    private final int parallelism;
    private final int subtask;
    private final ClassLoader classLoader;
    private final Map<String, Accumulator<?, ? extends Serializable>> accumulators;
    private final BroadcastSets broadcastSets;
    private final java.util.function.IntSupplier superstep;
    private final IterationAggregation aggregation;
    private final io.weir.core.cache.DistributedCache distributedCache;
    private final Map<String, String> jobParameters;

    /** What a task of an iteration's step gives its functions: its aggregators and the last superstep's aggregates. */
    interface IterationAggregation {
        Aggregator<?> aggregator(String name);

        Serializable previousAggregate(String name);
    }

    StageContext(
            String name,
            int parallelism,
            int subtask,
            ClassLoader classLoader,
            Map<String, Accumulator<?, ? extends Serializable>> accumulators,
            BroadcastSets broadcastSets,
            java.util.function.IntSupplier superstep,
            IterationAggregation aggregation,
            io.weir.core.cache.DistributedCache distributedCache,
            Map<String, String> jobParameters) {
        this.jobParameters = jobParameters;
        this.aggregation = aggregation;
        this.distributedCache = distributedCache;
        this.name = name;
        this.superstep = superstep;
        this.broadcastSets = broadcastSets;
        this.parallelism = parallelism;
        this.subtask = subtask;
        this.classLoader = classLoader;
        this.accumulators = accumulators;
    }

    @Override
    public String getTaskName() {
        return name;
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return parallelism;
    }

    @Override
    public int getIndexOfThisSubtask() {
        return subtask;
    }

    @Override
    public int getSuperstepNumber() {
        return superstep.getAsInt();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends Aggregator<?>> A getIterationAggregator(String aggregatorName) {
        if (aggregation == null) {
            return RuntimeContext.super.getIterationAggregator(aggregatorName);
        }
        return (A) aggregation.aggregator(aggregatorName);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Serializable> T getPreviousIterationAggregate(String aggregatorName) {
        if (aggregation == null) {
            return RuntimeContext.super.getPreviousIterationAggregate(aggregatorName);
        }
        return (T) aggregation.previousAggregate(aggregatorName);
    }

    @Override
    public io.weir.core.cache.DistributedCache getDistributedCache() {
        return distributedCache;
    }

    @Override
    public Map<String, String> getGlobalJobParameters() {
        return jobParameters;
    }

    @Override
    public int getAttemptNumber() {
        return 0;
    }

    @Override
    public ClassLoader getUserCodeClassLoader() {
        return classLoader;
    }

    @Override
    public <T> List<T> getBroadcastVariable(String variableName) {
        return broadcastSets.list(variableName);
    }

    @Override
    public <T, C> C getBroadcastVariableWithInitializer(
            String variableName, BroadcastVariableInitializer<T, C> initializer) {
        return broadcastSets.initialized(variableName, initializer);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V, R extends Serializable> Accumulator<V, R> getAccumulator(String accumulatorName) {
        return (Accumulator<V, R>) accumulators.get(accumulatorName);
    }

    @Override
    public <V, R extends Serializable> void addAccumulator(String accumulatorName, Accumulator<V, R> accumulator) {
        Accumulator<?, ?> existing = accumulators.putIfAbsent(accumulatorName, accumulator);
        if (existing != null && existing != accumulator) {
            throw new IllegalArgumentException("an accumulator named '" + accumulatorName
                    + "' is already registered in this task (by operator '" + name + "' or one chained with it)");
        }
    }
}
