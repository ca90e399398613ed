package io.weir.graph;

/** An algorithm over a graph, run with {@link Graph#run}: a library algorithm or the user's own. */
@FunctionalInterface
public interface GraphAlgorithm<K, VV, EV, T> {
    T run(Graph<K, VV, EV> graph) throws Exception;
}
