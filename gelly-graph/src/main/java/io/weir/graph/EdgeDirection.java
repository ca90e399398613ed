package io.weir.graph;

/** Which edges of a vertex a neighbourhood method looks at. */
public enum EdgeDirection {
    /** Edges that end at the vertex; the neighbours are their sources. */
    IN,
    /** Edges that start at the vertex; the neighbours are their targets. */
    OUT,
    /** Both. */
    ALL
}
