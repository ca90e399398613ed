package io.weir.graph;

import java.io.Serializable;

/** An edge with the values of both its ends: what {@link Graph#getTriplets()} gives. */
public record Triplet<K, VV, EV>(K source, K target, VV sourceValue, VV targetValue, EV edgeValue)
        implements Serializable {

    public Vertex<K, VV> getSourceVertex() {
        return new Vertex<>(source, sourceValue);
    }

    public Vertex<K, VV> getTargetVertex() {
        return new Vertex<>(target, targetValue);
    }

    public Edge<K, EV> getEdge() {
        return new Edge<>(source, target, edgeValue);
    }
}
