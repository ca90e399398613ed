package io.weir.runtime.task;

import io.weir.core.aggregators.Aggregator;
import io.weir.core.aggregators.ConvergenceCriterion;
import io.weir.core.aggregators.IterationAggregators;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.operators.hash.SolutionSet;
import java.io.InterruptedIOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the instances of one iteration share: the feedback buffers through which each tail instance
 * hands the next partial solution (or workset) to the head instance of the same index, a delta
 * iteration's solution sets (one per instance), and the superstep barrier. Superstep {@code s} is
 * over when every tail instance has written its part of the next partial solution, every
 * termination-criterion instance has counted its records, and — in a delta iteration — every
 * solution-set instance has been updated with its part of the delta; the barrier then decides, once
 * for all heads, whether the iteration ends.
 *
 * <pre>
 *   superstep s:  head i sends feedback[i][(s-1) % 2] ──► step ──► tail i fills feedback[i][s % 2]
 *                                                          └─────► delta i buffers its part
 *                 all tails have their input ──► delta i updates solution set i (no lookups run now)
 *                 head i waits ── all tails, criteria and updates done with s ──► continue or end
 * </pre>
 *
 * The solution sets are updated only after every tail has seen the end of the superstep, that is,
 * after every task of the step is done with it: lookups in superstep {@code s} see the solution set
 * as superstep {@code s - 1} left it, whatever the order in which the tasks run.
 */
public final class IterationSync {

    private final int parallelism;
    private final int maxIterations;
    private final boolean hasCriterion;
    private final boolean delta;
    private final BooleanSupplier cancelled;
    private final SpillableRecordBuffer<?>[][] feedback;
    private final SolutionSet<?>[] solutionSets;
    private final IterationAggregators aggregators;
    /** The running superstep's aggregates, merged from the tasks' as they finish it. */
    private Map<String, Aggregator<?>> aggregates;
    /** The aggregates of the last completed superstep. */
    private Map<String, Serializable> previousAggregates = Map.of();

    private int completedSuperstep;
    private int tailsDone;
    private int criteriaDone;
    private long criterionRecords;
    private long tailRecords;
    private int deltasArrived;
    private int deltasApplied;
    private boolean ended;

    /**
     * @param hasCriterion a bulk iteration with a termination criterion
     * @param delta a delta iteration: it has solution sets, and it ends when the next workset is empty
     * @param aggregators the iteration's aggregators, and the convergence criterion that may end it
     */
    public IterationSync(
            int parallelism,
            int maxIterations,
            boolean hasCriterion,
            boolean delta,
            IterationAggregators aggregators,
            BooleanSupplier cancelled) {
        this.aggregators = aggregators;
        this.aggregates = aggregators.instances();
        this.parallelism = parallelism;
        this.maxIterations = maxIterations;
        this.hasCriterion = hasCriterion;
        this.delta = delta;
        this.cancelled = cancelled;
        this.feedback = new SpillableRecordBuffer<?>[parallelism][];
        this.solutionSets = new SolutionSet<?>[parallelism];
    }

    /** Called by head {@code subtask} once its solution set holds the initial solution set. */
    synchronized void registerSolutionSet(int subtask, SolutionSet<?> solutionSet) {
        solutionSets[subtask] = solutionSet;
        notifyAll();
    }

    /** The solution set of instance {@code subtask}, once its head has built it. */
    synchronized SolutionSet<?> solutionSet(int subtask) throws InterruptedIOException {
        while (solutionSets[subtask] == null) {
            await("the solution set of the iteration head");
        }
        return solutionSets[subtask];
    }

    /** Called by head {@code subtask} before it sends anything: the two buffers it alternates. */
    synchronized void registerFeedback(int subtask, SpillableRecordBuffer<?> first, SpillableRecordBuffer<?> second) {
        feedback[subtask] = new SpillableRecordBuffer<?>[] {first, second};
        notifyAll();
    }

    /** The buffer tail {@code subtask} fills in {@code superstep}. */
    synchronized SpillableRecordBuffer<?> feedback(int subtask, int superstep) throws InterruptedIOException {
        while (feedback[subtask] == null) {
            await("the iteration head's buffers");
        }
        return feedback[subtask][superstep % 2];
    }

    /** Fresh instances of the iteration's aggregators, for one task. */
    Map<String, Aggregator<?>> newAggregators() {
        return aggregators.instances();
    }

    /** A task of the step adds its aggregates of {@code superstep}, before it ends the superstep on its outputs. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    synchronized void addAggregates(int superstep, Map<String, Aggregator<?>> partial) {
        check(superstep);
        partial.forEach((name, aggregator) -> ((Aggregator) aggregates.get(name)).aggregate(aggregator.getAggregate()));
    }

    /** The aggregate of aggregator {@code name} over the last completed superstep; {@code null} before. */
    synchronized Serializable previousAggregate(String name) {
        if (!aggregators.prototypes().containsKey(name)) {
            throw noSuchAggregator(name);
        }
        return previousAggregates.get(name);
    }

    /** The failure of asking for an aggregator the iteration does not have. */
    IllegalStateException noSuchAggregator(String name) {
        return new IllegalStateException("the iteration has no aggregator named '" + name + "'; it has "
                + aggregators.prototypes().keySet() + ". Register it on the iteration with registerAggregator.");
    }

    /** A tail instance has written its part ({@code records}) of the next partial solution or workset. */
    synchronized void tailDone(int superstep, long records) {
        check(superstep);
        tailsDone++;
        tailRecords += records;
        completeIfDone(superstep);
    }

    /**
     * A solution-set delta instance has its part of {@code superstep}'s delta; waits until it may
     * update its solution set: when every tail and every delta instance has its input.
     */
    synchronized void awaitUpdate(int superstep) throws InterruptedIOException {
        check(superstep);
        deltasArrived++;
        notifyAll();
        while (tailsDone < parallelism || deltasArrived < parallelism) {
            await("the end of superstep " + superstep + " in every task of the step");
            check(superstep);
        }
    }

    /** A solution-set delta instance has updated its solution set in {@code superstep}. */
    synchronized void deltaApplied(int superstep) {
        check(superstep);
        deltasApplied++;
        completeIfDone(superstep);
    }

    /** A termination-criterion instance saw {@code records} records in {@code superstep}. */
    synchronized void criterionDone(int superstep, long records) {
        check(superstep);
        criteriaDone++;
        criterionRecords += records;
        completeIfDone(superstep);
    }

    private void check(int superstep) {
        if (superstep != completedSuperstep + 1) {
            throw new IllegalStateException(
                    "superstep " + superstep + " reported while superstep " + (completedSuperstep + 1) + " runs");
        }
    }

    private void completeIfDone(int superstep) {
        if (tailsDone == parallelism
                && (!hasCriterion || criteriaDone == parallelism)
                && (!delta || deltasApplied == parallelism)) {
            Map<String, Serializable> values = new LinkedHashMap<>();
            aggregates.forEach((name, aggregator) -> values.put(name, aggregator.getAggregate()));
            previousAggregates = values;
            aggregates = aggregators.instances();
            ended = superstep >= maxIterations
                    || (hasCriterion && criterionRecords == 0)
                    || (delta && tailRecords == 0)
                    || converged(superstep, values);
            completedSuperstep = superstep;
            tailsDone = 0;
            tailRecords = 0;
            criteriaDone = 0;
            criterionRecords = 0;
            deltasArrived = 0;
            deltasApplied = 0;
            notifyAll();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean converged(int superstep, Map<String, Serializable> values) {
        ConvergenceCriterion criterion = aggregators.convergenceCriterion();
        if (criterion == null) {
            return false;
        }
        String name = aggregators.convergenceAggregator();
        try {
            return criterion.isConverged(superstep, values.get(name));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "the convergence criterion on aggregator '" + name + "' ("
                            + criterion.getClass().getName() + ") failed after superstep " + superstep
                            + " on the aggregate "
                            + values.get(name) + ": " + e,
                    e);
        }
    }

    /**
     * Waits until {@code superstep} is over everywhere; true if the iteration ends with it (the
     * maximum number of supersteps, or no record for the termination criterion).
     */
    synchronized boolean awaitEndOf(int superstep) throws InterruptedIOException {
        while (completedSuperstep < superstep) {
            await("the end of superstep " + superstep);
        }
        return ended;
    }

    private void await(String what) throws InterruptedIOException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedIOException("cancelled while waiting for " + what);
        }
        try {
            wait(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + what);
        }
    }
}
