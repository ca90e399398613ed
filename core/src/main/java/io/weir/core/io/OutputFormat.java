package io.weir.core.io;

import io.weir.core.config.Configuration;
import io.weir.core.functions.RuntimeContext;
import java.io.IOException;
import java.io.Serializable;

/**
 * How a sink writes records. Each parallel instance {@link #open opens} the format, writes its
 * records and {@link #close closes} it, which stages its output; the job {@link #commit commits} all
 * instances' output once every instance has finished, so that a failed job leaves no half-written
 * result where a finished one would be. An instance that fails calls {@link #abort} instead of
 * {@link #close}.
 */
public interface OutputFormat<T> extends Serializable {

    /** Applies configuration before anything else is called. */
    default void configure(Configuration parameters) {}

    /**
     * Checks and prepares the target once, before any instance starts: a format that finds its
     * target unusable (a non-empty directory it may not overwrite) fails here, so that the job fails
     * before it runs.
     */
    default void initializeGlobal(int numTasks) throws IOException {}

    /** Gives the format the context of the instance that runs it (accumulators, names); before open. */
    default void setRuntimeContext(RuntimeContext context) {}

    /** Prepares instance {@code taskNumber} of {@code numTasks} for writing. */
    void open(int taskNumber, int numTasks) throws IOException;

    void writeRecord(T record) throws IOException;

    /** Finishes this instance's output; it stays staged until {@link #commit}. */
    void close() throws IOException;

    /** Discards this instance's staged output after a failure. */
    default void abort() throws IOException {}

    /** Makes all instances' output final; called once per job, after every instance closed. */
    default void commit(int numTasks) throws IOException {}

    /**
     * Discards the staged output of every instance after the job failed or was cancelled; called
     * once per job, after every instance stopped. The target is left as it was before the job.
     */
    default void abortGlobal(int numTasks) throws IOException {}

    /** What the format writes, for plans and error messages. */
    default String description() {
        return getClass().getSimpleName();
    }
}
