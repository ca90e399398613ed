package io.weir.graph;

import io.weir.core.functions.Function;

/** Combines two neighbour values of a vertex into one (associative and commutative). */
@FunctionalInterface
public interface ReduceNeighborsFunction<VV> extends Function {
    VV reduceNeighbors(VV first, VV second) throws Exception;
}
