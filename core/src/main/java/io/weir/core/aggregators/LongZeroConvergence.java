package io.weir.core.aggregators;

/** Converged when a long aggregate (a count of changes, say) is 0. */
public final class LongZeroConvergence implements ConvergenceCriterion<Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isConverged(int superstep, Long value) {
        return value == 0;
    }
}
