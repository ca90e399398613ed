package io.weir.core.aggregators;

import java.io.Serializable;

/** Decides after each superstep, from an aggregator's value over the whole superstep, whether an iteration ends. */
@FunctionalInterface
public interface ConvergenceCriterion<T extends Serializable> extends Serializable {

    /** Whether the iteration has converged after {@code superstep} (from 1), whose aggregate is {@code value}. */
    boolean isConverged(int superstep, T value);
}
