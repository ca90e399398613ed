package io.weir.core.aggregators;

import java.io.Serializable;

/**
 * A per-superstep aggregate of an iteration: functions in the step add values with {@link
 * #aggregate} (through {@code getRuntimeContext().getIterationAggregator(name)}); at the end of the
 * superstep the parallel instances' aggregates are combined into one — with {@link #aggregate}
 * again — which the next superstep reads with {@code getPreviousIterationAggregate(name)} and a
 * {@link ConvergenceCriterion} may judge. Each task has its own instance, {@linkplain #reset reset}
 * at the start of every superstep.
 *
 * @param <T> the aggregate's type
 */
public interface Aggregator<T extends Serializable> extends Serializable {

    /** The aggregate of the values added since the last reset. */
    T getAggregate();

    /** Adds a value (or another instance's aggregate). */
    void aggregate(T value);

    /** Forgets the values added. */
    void reset();
}
