package io.weir.runtime.operators.join;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;

/**
 * A join function with its inputs in the operator's roles (build and probe, block and streamed)
 * rather than the program's (left and right); the planner swaps sides, and these adapters put the
 * user's function back the right way round. Either input is {@code null} for an unmatched record of
 * an outer join.
 */
@FunctionalInterface
public interface FlatPairFunction<A, B, O> {

    void join(A first, B second, Collector<O> out) throws Exception;

    /** The user's function whose left input is this operator's first role. */
    static <A, B, O> FlatPairFunction<A, B, O> leftFirst(FlatJoinFunction<A, B, O> function) {
        return function::join;
    }

    /** The user's function whose left input is this operator's second role. */
    static <A, B, O> FlatPairFunction<A, B, O> leftSecond(FlatJoinFunction<B, A, O> function) {
        return (first, second, out) -> function.join(second, first, out);
    }
}
