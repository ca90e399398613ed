package io.weir.core.functions;

/**
 * Turns a broadcast set into the structure a function works with (a map by key, an index), once
 * per parallel instance: {@link RuntimeContext#getBroadcastVariableWithInitializer}.
 */
@FunctionalInterface
public interface BroadcastVariableInitializer<T, O> {

    /** Builds the structure from the broadcast records; it may iterate them more than once. */
    O initializeBroadcastVariable(Iterable<T> data);
}
