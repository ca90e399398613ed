package io.weir.core.functions;

/**
 * A function with a life cycle and access to its runtime context: {@link #open} runs once per
 * parallel instance before the first record (and, in iterations, before each superstep), {@link
 * #close} after the last. Extend {@link AbstractRichFunction} (or a {@code Rich...} class) to write
 * one.
 */
public interface RichFunction extends Function {

    /** Prepares the function; called before the first record. */
    void open(OpenContext context) throws Exception;

    /** Releases what {@link #open} acquired; called after the last record, also after failures. */
    void close() throws Exception;

    /** The context of the parallel instance this function runs in; set before {@link #open}. */
    RuntimeContext getRuntimeContext();

    /** Called by the runtime before {@link #open}. */
    void setRuntimeContext(RuntimeContext context);
}
