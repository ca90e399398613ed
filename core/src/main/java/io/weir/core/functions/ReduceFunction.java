package io.weir.core.functions;

/**
 * Combines two records of a group into one, repeatedly, until one remains: the function of {@code reduce}. It must be associative and commutative, because Weir applies it in any order and before shuffling (as a combiner).
 */
@FunctionalInterface
public interface ReduceFunction<T> extends Function {

    T reduce(T first, T second) throws Exception;
}
