package io.weir.dataset;

import io.weir.core.aggregators.Aggregator;
import io.weir.core.aggregators.ConvergenceCriterion;
import io.weir.core.aggregators.IterationAggregators;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.types.Keys;
import java.util.List;
import java.util.Objects;

/**
 * A delta iteration, made by {@link DataSet#iterateDelta}: a <em>solution set</em> of records with
 * unique keys, and a <em>workset</em>. Each superstep the step function reads the workset ({@link
 * #getWorkset()}) and may join it with the solution set ({@link #getSolutionSet()}, a lookup by key);
 * {@link #closeWith} names the step's <em>delta</em> — records that replace the solution set's
 * records of their key, or are added — and the next workset. The iteration ends when the workset
 * is empty, or after {@code maxIterations} supersteps; its result is the solution set.
 *
 * <p>The iteration runs in the engine: each parallel instance keeps its part of the solution set
 * (partitioned by key) in managed memory, updated in place, and spills partitions of it to disk when
 * it outgrows its memory. A superstep's lookups see the solution set as the previous superstep left
 * it: the delta is merged once every task of the step is done with the superstep.
 *
 * @param <S> the type of the solution set's records
 * @param <W> the type of the workset's records
 */
public final class DeltaIteration<S, W> {

    private final DataSet<S> initialSolutionSet;
    private final DataSet<W> initialWorkset;
    private final Keys<S> keys;
    private final int maxIterations;
    private final DataSet<S> solutionSet;
    private final DataSet<W> workset;
    private final IterationAggregators aggregators = new IterationAggregators();
    private String name;
    /** 0: the environment's default. */
    private int parallelism;

    private boolean closed;

    DeltaIteration(DataSet<S> initialSolutionSet, DataSet<W> initialWorkset, Keys<S> keys, int maxIterations) {
        Objects.requireNonNull(initialWorkset, "initialWorkset is null");
        if (initialWorkset.environment != initialSolutionSet.environment) {
            throw new InvalidPlanException("iterateDelta on " + initialSolutionSet.describe() + ": the workset "
                    + initialWorkset.describe() + " belongs to another execution environment");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("iterateDelta on " + initialSolutionSet.describe()
                    + ": an iteration runs at least 1 superstep, not " + maxIterations);
        }
        this.initialSolutionSet = initialSolutionSet;
        this.initialWorkset = initialWorkset;
        this.keys = initialSolutionSet.checkedKeys(keys);
        this.maxIterations = maxIterations;
        this.solutionSet = new DataSet<>(
                initialSolutionSet.environment,
                new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.SOLUTION_SET),
                List.of(),
                initialSolutionSet.getType());
        this.workset = new DataSet<>(
                initialWorkset.environment,
                new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.WORKSET),
                List.of(),
                initialWorkset.getType());
    }

    /** The solution set as the step sees it: join it on its key with the workset (or data derived from it). */
    public DataSet<S> getSolutionSet() {
        return solutionSet;
    }

    /** The workset of the current superstep. */
    public DataSet<W> getWorkset() {
        return workset;
    }

    public int getMaxIterations() {
        return maxIterations;
    }

    /**
     * Registers an aggregator under {@code name}: functions of the step add to it with {@code
     * getRuntimeContext().getIterationAggregator(name)}, and read its aggregate over the whole
     * previous superstep with {@code getPreviousIterationAggregate(name)}.
     */
    public DeltaIteration<S, W> registerAggregator(String name, Aggregator<?> aggregator) {
        aggregators.register(name, aggregator);
        return this;
    }

    /**
     * Registers an aggregator and ends the iteration after the first superstep whose aggregate {@code
     * criterion} judges converged (besides the iteration's other ends).
     */
    public <A extends java.io.Serializable> DeltaIteration<S, W> registerAggregationConvergenceCriterion(
            String name, Aggregator<A> aggregator, ConvergenceCriterion<A> criterion) {
        aggregators.registerWithConvergence(name, aggregator, criterion);
        return this;
    }

    /** The aggregators registered so far. */
    public IterationAggregators getAggregators() {
        return aggregators;
    }

    /** Names the iteration, for progress, metrics and error messages. */
    public DeltaIteration<S, W> name(String newName) {
        this.name = Objects.requireNonNull(newName, "name is null");
        return this;
    }

    /** How many parallel instances run the iteration: its head, tails and joins with the solution set. */
    public DeltaIteration<S, W> parallelism(int newParallelism) {
        if (newParallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + newParallelism);
        }
        this.parallelism = newParallelism;
        return this;
    }

    /**
     * Ends the step: {@code solutionSetDelta} replaces (by key) or adds records of the solution set,
     * and {@code nextWorkset} is the workset of the next superstep.
     *
     * @return the solution set after the last superstep
     */
    public DataSet<S> closeWith(DataSet<S> solutionSetDelta, DataSet<W> nextWorkset) {
        Objects.requireNonNull(solutionSetDelta, "solutionSetDelta is null");
        Objects.requireNonNull(nextWorkset, "nextWorkset is null");
        if (closed) {
            throw new InvalidPlanException(
                    "the delta iteration on " + initialSolutionSet.describe() + " is already closed");
        }
        if (solutionSetDelta.environment != solutionSet.environment
                || nextWorkset.environment != solutionSet.environment) {
            throw new InvalidPlanException("the step of the delta iteration on " + initialSolutionSet.describe()
                    + " uses data sets of another execution environment");
        }
        closed = true;
        DataSet<S> result = new Result<>(this, solutionSetDelta, nextWorkset);
        if (parallelism > 0) {
            result.setParallelism(parallelism);
        }
        return name == null ? result : result.name(name);
    }

    /** The iteration's result: the solution set after the last superstep. */
    private static final class Result<S, W> extends DataSet<S> {
        private final DeltaIteration<S, W> iteration;
        private final DataSet<S> delta;
        private final DataSet<W> nextWorkset;

        Result(DeltaIteration<S, W> iteration, DataSet<S> delta, DataSet<W> nextWorkset) {
            super(
                    iteration.solutionSet.environment,
                    new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.SOLUTION_SET),
                    List.of(iteration.initialSolutionSet, iteration.initialWorkset),
                    iteration.initialSolutionSet.getType());
            this.iteration = iteration;
            this.delta = delta;
            this.nextWorkset = nextWorkset;
        }

        @Override
        String kind() {
            return "delta iteration";
        }

        @Override
        OperatorSpec specForPlan() {
            return new OperatorSpec.DeltaIteration(
                    iteration.solutionSet.operator(),
                    iteration.workset.operator(),
                    delta.operator(),
                    nextWorkset.operator(),
                    iteration.keys,
                    iteration.maxIterations,
                    iteration.aggregators);
        }
    }
}
