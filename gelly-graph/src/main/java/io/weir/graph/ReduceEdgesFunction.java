package io.weir.graph;

import io.weir.core.functions.Function;

/** Combines two edge values of a vertex into one (associative and commutative). */
@FunctionalInterface
public interface ReduceEdgesFunction<EV> extends Function {
    EV reduceEdges(EV first, EV second) throws Exception;
}
