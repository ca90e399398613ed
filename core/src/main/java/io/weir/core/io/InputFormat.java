package io.weir.core.io;

import io.weir.core.config.Configuration;
import io.weir.core.functions.RuntimeContext;
import java.io.IOException;
import java.io.Serializable;

/**
 * How a source reads records: it divides its input into splits once, when the job starts, and then
 * each parallel instance opens the splits assigned to it, one after another, and reads records until
 * the split ends. Formats are serializable: a configured format is shipped to every instance.
 *
 * <p>Reading a split: {@link #open}, then {@link #nextRecord} until {@link #reachedEnd}, then {@link
 * #close} — also after a failure.
 */
public interface InputFormat<T, S extends InputSplit> extends Serializable {

    /** Applies configuration before anything else is called. */
    default void configure(Configuration parameters) {}

    /** Divides the input into at least {@code minSplits} splits where the input allows it. */
    S[] createInputSplits(int minSplits) throws IOException;

    /** Gives the format the context of the instance that runs it (accumulators, names); before open. */
    default void setRuntimeContext(RuntimeContext context) {}

    /** Starts reading one split. */
    void open(S split) throws IOException;

    /** Whether the open split has no more records. */
    boolean reachedEnd() throws IOException;

    /** The next record of the open split; {@code null} only when {@link #reachedEnd} is true. */
    T nextRecord() throws IOException;

    /** Stops reading the open split and releases what it held. */
    void close() throws IOException;

    /**
     * What the format can tell about its data without reading it all (file sizes, a sample of
     * records), for the optimizer; called once when the job is planned. Unknown by default.
     */
    default SourceStatistics statistics() throws IOException {
        return SourceStatistics.UNKNOWN;
    }

    /** What the format reads, for plans and error messages: a path, a table, "collection of 3". */
    default String description() {
        return getClass().getSimpleName();
    }
}
