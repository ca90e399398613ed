package io.weir.graph;

import io.weir.core.functions.Collector;
import io.weir.core.functions.Function;
import io.weir.core.tuple.Tuple2;

/**
 * Visits a vertex with all its neighbours at once: each as the edge that connects them and the
 * neighbour vertex. Called for every vertex, with no neighbours too.
 */
@FunctionalInterface
public interface NeighborsFunctionWithVertexValue<K, VV, EV, O> extends Function {
    void iterateNeighbors(
            Vertex<K, VV> vertex, Iterable<Tuple2<Edge<K, EV>, Vertex<K, VV>>> neighbors, Collector<O> out)
            throws Exception;
}
