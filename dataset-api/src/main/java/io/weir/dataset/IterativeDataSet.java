package io.weir.dataset;

import io.weir.core.aggregators.Aggregator;
import io.weir.core.aggregators.ConvergenceCriterion;
import io.weir.core.aggregators.IterationAggregators;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.OperatorSpec;
import java.util.List;
import java.util.Objects;

/**
 * The partial solution of a bulk iteration, made by {@link DataSet#iterate(int)}: the step function
 * is built on it like on any data set, and {@link #closeWith} names the step's result, which becomes
 * the partial solution of the next superstep. The iteration runs in the engine — its operators are
 * deployed once and run superstep after superstep, data from outside the loop read once and cached
 * — for {@code maxIterations} supersteps, or until the termination criterion is empty. A function
 * in the step reads the superstep (from 1) with {@code getRuntimeContext().getSuperstepNumber()};
 * its {@code open} and {@code close} run in every superstep, so broadcast sets that depend on the
 * partial solution are read afresh each time.
 */
public final class IterativeDataSet<T> extends DataSet<T> {

    private final DataSet<T> initial;
    private final int maxIterations;
    private final IterationAggregators aggregators = new IterationAggregators();
    private boolean closed;

    IterativeDataSet(DataSet<T> initial, int maxIterations) {
        super(
                initial.environment,
                new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.PARTIAL_SOLUTION),
                List.of(),
                initial.getType());
        if (maxIterations < 1) {
            throw new IllegalArgumentException("iterate on " + initial.describe()
                    + ": an iteration runs at least 1 superstep, not " + maxIterations);
        }
        this.initial = initial;
        this.maxIterations = maxIterations;
    }

    /** Names the iteration, for progress, metrics, errors and {@code explain}. */
    @Override
    public IterativeDataSet<T> name(String newName) {
        super.name(newName);
        return this;
    }

    public int getMaxIterations() {
        return maxIterations;
    }

    /**
     * Registers an aggregator under {@code name}: functions of the step add to it with {@code
     * getRuntimeContext().getIterationAggregator(name)}, and read its aggregate over the whole
     * previous superstep with {@code getPreviousIterationAggregate(name)}.
     */
    public IterativeDataSet<T> registerAggregator(String name, Aggregator<?> aggregator) {
        aggregators.register(name, aggregator);
        return this;
    }

    /**
     * Registers an aggregator and ends the iteration after the first superstep whose aggregate {@code
     * criterion} judges converged (besides the iteration's other ends).
     */
    public <A extends java.io.Serializable> IterativeDataSet<T> registerAggregationConvergenceCriterion(
            String name, Aggregator<A> aggregator, ConvergenceCriterion<A> criterion) {
        aggregators.registerWithConvergence(name, aggregator, criterion);
        return this;
    }

    /** The aggregators registered so far. */
    public IterationAggregators getAggregators() {
        return aggregators;
    }

    /** Ends the step: {@code nextPartialSolution} is the partial solution of the next superstep. */
    public DataSet<T> closeWith(DataSet<T> nextPartialSolution) {
        return close(nextPartialSolution, null);
    }

    /**
     * Ends the step; the iteration also ends after a superstep in which {@code terminationCriterion}
     * (computed in the step) has no record.
     */
    public DataSet<T> closeWith(DataSet<T> nextPartialSolution, DataSet<?> terminationCriterion) {
        return close(nextPartialSolution, Objects.requireNonNull(terminationCriterion, "terminationCriterion is null"));
    }

    private DataSet<T> close(DataSet<T> next, DataSet<?> criterion) {
        Objects.requireNonNull(next, "nextPartialSolution is null");
        if (closed) {
            throw new InvalidPlanException("the iteration started at " + describe() + " is already closed");
        }
        closed = true;
        Result<T> result = new Result<>(this, next, criterion);
        return givenName() == null ? result : result.name(givenName());
    }

    /** The iteration's result: the partial solution after the last superstep. */
    private static final class Result<T> extends DataSet<T> {
        private final IterativeDataSet<T> partialSolution;
        private final DataSet<T> next;
        private final DataSet<?> criterion;

        Result(IterativeDataSet<T> partialSolution, DataSet<T> next, DataSet<?> criterion) {
            super(
                    partialSolution.environment,
                    new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.PARTIAL_SOLUTION),
                    List.of(partialSolution.initial),
                    partialSolution.getType());
            if (next.environment != environment || (criterion != null && criterion.environment != environment)) {
                throw new InvalidPlanException("the step of the iteration at " + partialSolution.describe()
                        + " uses data sets of another execution environment");
            }
            this.partialSolution = partialSolution;
            this.next = next;
            this.criterion = criterion;
        }

        @Override
        String kind() {
            return "bulk iteration";
        }

        @Override
        OperatorSpec specForPlan() {
            return new OperatorSpec.BulkIteration(
                    partialSolution.operator(),
                    next.operator(),
                    criterion == null ? null : criterion.operator(),
                    partialSolution.maxIterations,
                    partialSolution.aggregators);
        }
    }
}
