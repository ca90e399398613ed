package io.weir.graph.gsa;

import java.io.Serializable;

/** What a gather function sees of a neighbour: its value and the value of the edge between them. */
public record Neighbor<VV, EV>(VV neighborValue, EV edgeValue) implements Serializable {

    public VV getNeighborValue() {
        return neighborValue;
    }

    public EV getEdgeValue() {
        return edgeValue;
    }
}
