package io.weir.runtime.task;

import io.weir.core.accumulators.Accumulator;
import io.weir.core.io.InputSplit;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.jobgraph.JobGraph;
import java.io.Serializable;
import java.util.Map;

/** What a task gets from the job it belongs to. */
public interface TaskEnvironment {

    MemoryManager memoryManager();

    IOManager ioManager();

    /** The managed-memory pages each instance of stage {@code stageIndex} of the vertex may use. */
    int pagesFor(int vertexId, int stageIndex);

    /** The managed-memory pages of the buffer that holds one broadcast set in one instance. */
    int broadcastPages();

    /** Whether the job is being cancelled (after a failure or on request). */
    boolean isCancelled();

    /** The next split of a source vertex for instance {@code subtask}, or {@code null} when all are taken. */
    InputSplit nextSplit(int vertexId, int subtask);

    /** The task's accumulators, merged over all tasks when the job ends. */
    Map<String, Accumulator<?, ? extends Serializable>> accumulators(int vertexId, int subtask);

    /**
     * Reports that instance {@code subtask} of the vertex failed in {@code operator}; the job then
     * cancels every task. Only the first failure is shown to the user as the cause.
     */
    void reportFailure(int vertexId, int subtask, String operator, Throwable cause);

    /** The job's graph: which vertex each gate reads from and each writer writes to. */
    JobGraph graph();

    /** What the instances of bulk iteration {@code iteration} share. */
    IterationSync iteration(int iteration);

    /** The job's cached files, as local files. */
    io.weir.core.cache.DistributedCache distributedCache();

    /** The class loader of the user's code. */
    ClassLoader userClassLoader();
}
