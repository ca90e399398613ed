package io.weir.runtime.task;

import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

/**
 * What the instances of one bulk iteration share: the feedback buffers through which each tail
 * instance hands the next partial solution to the head instance of the same index, and the
 * superstep barrier. Superstep {@code s} is over when every tail instance has written its part of
 * the next partial solution and every termination-criterion instance has counted its records; the
 * barrier then decides, once for all heads, whether the iteration ends.
 *
 * <pre>
 *   superstep s:  head i sends feedback[i][(s-1) % 2] ──► step ──► tail i fills feedback[i][s % 2]
 *                 head i waits ── all tails and criteria done with s ──► continue or end
 * </pre>
 */
public final class IterationSync {

    private final int parallelism;
    private final int maxIterations;
    private final boolean hasCriterion;
    private final BooleanSupplier cancelled;
    private final SpillableRecordBuffer<?>[][] feedback;

    private int completedSuperstep;
    private int tailsDone;
    private int criteriaDone;
    private long criterionRecords;
    private boolean ended;

    public IterationSync(int parallelism, int maxIterations, boolean hasCriterion, BooleanSupplier cancelled) {
        this.parallelism = parallelism;
        this.maxIterations = maxIterations;
        this.hasCriterion = hasCriterion;
        this.cancelled = cancelled;
        this.feedback = new SpillableRecordBuffer<?>[parallelism][];
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

    /** A tail instance has written its part of the partial solution after {@code superstep}. */
    synchronized void tailDone(int superstep) {
        check(superstep);
        tailsDone++;
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
        if (tailsDone == parallelism && (!hasCriterion || criteriaDone == parallelism)) {
            ended = superstep >= maxIterations || (hasCriterion && criterionRecords == 0);
            completedSuperstep = superstep;
            tailsDone = 0;
            criteriaDone = 0;
            criterionRecords = 0;
            notifyAll();
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
