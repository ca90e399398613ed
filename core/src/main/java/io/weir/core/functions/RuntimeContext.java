package io.weir.core.functions;

import io.weir.core.accumulators.Accumulator;
import io.weir.core.accumulators.DoubleCounter;
import io.weir.core.accumulators.Histogram;
import io.weir.core.accumulators.IntCounter;
import io.weir.core.accumulators.LongCounter;
import io.weir.core.aggregators.Aggregator;
import java.util.List;
import java.util.Map;

/**
 * What a rich function knows about where it runs: the task, its parallel instance, broadcast
 * variables, accumulators and, inside an iteration, the superstep. The runtime implements it.
 */
public interface RuntimeContext {

    /** The name of the operator, as the user gave it. */
    String getTaskName();

    /** The number of parallel instances of this operator. */
    int getNumberOfParallelSubtasks();

    /** This instance's index, from 0 to {@code getNumberOfParallelSubtasks() - 1}. */
    int getIndexOfThisSubtask();

    /** How many times this task has been restarted after failures (0 on the first attempt). */
    int getAttemptNumber();

    /** The class loader of the user code. */
    ClassLoader getUserCodeClassLoader();

    /**
     * The broadcast set registered under {@code name} with {@code withBroadcastSet}: every record of
     * it, in each parallel instance. A set larger than its managed memory stays on disk and is read
     * as the list is iterated; iterate it rather than index it.
     *
     * @throws IllegalArgumentException if the operator has no broadcast set of that name
     */
    <T> List<T> getBroadcastVariable(String name);

    /**
     * The broadcast set registered under {@code name}, turned by {@code initializer} into the
     * structure the function needs; built once per parallel instance and shared by later calls.
     */
    default <T, C> C getBroadcastVariableWithInitializer(String name, BroadcastVariableInitializer<T, C> initializer) {
        return initializer.initializeBroadcastVariable(this.<T>getBroadcastVariable(name));
    }

    /** The accumulator registered under {@code name}, or {@code null}. */
    <V, R extends java.io.Serializable> Accumulator<V, R> getAccumulator(String name);

    /** Registers an accumulator under {@code name}; its results are merged over all instances. */
    <V, R extends java.io.Serializable> void addAccumulator(String name, Accumulator<V, R> accumulator);

    /** The int counter registered under {@code name}, registered now if there is none. */
    default IntCounter getIntCounter(String name) {
        return accumulator(name, IntCounter.class, IntCounter::new);
    }

    /** The long counter registered under {@code name}, registered now if there is none. */
    default LongCounter getLongCounter(String name) {
        return accumulator(name, LongCounter.class, LongCounter::new);
    }

    /** The double counter registered under {@code name}, registered now if there is none. */
    default DoubleCounter getDoubleCounter(String name) {
        return accumulator(name, DoubleCounter.class, DoubleCounter::new);
    }

    /** The histogram registered under {@code name}, registered now if there is none. */
    default Histogram getHistogram(String name) {
        return accumulator(name, Histogram.class, Histogram::new);
    }

    /**
     * The accumulator of class {@code type} registered under {@code name}, created and registered
     * now if there is none.
     *
     * @throws IllegalStateException if an accumulator of another class has that name
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    default <A extends Accumulator<?, ?>> A accumulator(
            String name, Class<A> type, java.util.function.Supplier<A> create) {
        Accumulator existing = getAccumulator(name);
        if (existing == null) {
            A created = create.get();
            addAccumulator(name, (Accumulator) created);
            return created;
        }
        if (!type.isInstance(existing)) {
            throw new IllegalStateException(
                    "accumulator '" + name + "' is a " + existing.getClass().getSimpleName() + ", not a "
                            + type.getSimpleName() + "; give each accumulator its own name");
        }
        return type.cast(existing);
    }

    /** The files the program registered with {@code registerCachedFile}, as local files. */
    default io.weir.core.cache.DistributedCache getDistributedCache() {
        return io.weir.core.cache.DistributedCache.EMPTY;
    }

    /**
     * The job's global parameters, as the program set them with {@code
     * ExecutionEnvironment.setGlobalJobParameters} (for example a {@code ParameterTool}'s command
     * line); empty if it set none.
     */
    default Map<String, String> getGlobalJobParameters() {
        return Map.of();
    }

    /** The current superstep, starting at 1, inside an iteration; 0 outside. */
    default int getSuperstepNumber() {
        return 0;
    }

    /**
     * This task's instance of the iteration's aggregator {@code name} for the current superstep: add
     * values to it; the superstep's aggregate over all tasks is readable in the next superstep.
     *
     * @throws IllegalStateException outside an iteration, or if no aggregator has that name
     */
    default <A extends Aggregator<?>> A getIterationAggregator(String name) {
        throw new IllegalStateException(
                "getIterationAggregator('" + name + "') in " + getTaskName() + ", which does not run in an iteration");
    }

    /**
     * The aggregate of the iteration's aggregator {@code name} over the whole previous superstep, or
     * {@code null} in the first superstep.
     *
     * @throws IllegalStateException outside an iteration, or if no aggregator has that name
     */
    default <T extends java.io.Serializable> T getPreviousIterationAggregate(String name) {
        throw new IllegalStateException("getPreviousIterationAggregate('" + name + "') in " + getTaskName()
                + ", which does not run in an iteration");
    }
}
