package io.weir.graph;

import io.weir.core.functions.Function;

/** The new value of a vertex from its value and the value joined to it ({@code Graph.joinWithVertices}). */
@FunctionalInterface
public interface VertexJoinFunction<VV, T> extends Function {
    VV vertexJoin(VV vertexValue, T inputValue) throws Exception;
}
