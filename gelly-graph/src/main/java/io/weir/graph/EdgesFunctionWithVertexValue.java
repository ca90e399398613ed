package io.weir.graph;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;

/** Visits a vertex with all its edges (in the direction asked for) at once; called for every vertex. */
@FunctionalInterface
public interface EdgesFunctionWithVertexValue<K, VV, EV, O> extends Function {
    void iterateEdges(Vertex<K, VV> vertex, Iterable<Edge<K, EV>> edges, Collector<O> out) throws Exception;
}
