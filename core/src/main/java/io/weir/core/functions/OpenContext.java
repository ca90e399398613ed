package io.weir.core.functions;

/**
 * What {@link RichFunction#open} receives. Empty today; it exists so that new information can reach
 * {@code open} without changing its signature.
 */
public interface OpenContext {

    /** The context used when there is nothing to pass. */
    OpenContext EMPTY = new OpenContext() {};
}
