package io.weir.graph;

import io.weir.core.functions.Function;

/** The new value of an edge from its value and the value joined to it ({@code Graph.joinWithEdges}). */
@FunctionalInterface
public interface EdgeJoinFunction<EV, T> extends Function {
    EV edgeJoin(EV edgeValue, T inputValue) throws Exception;
}
