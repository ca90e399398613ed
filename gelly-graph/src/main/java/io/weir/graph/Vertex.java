package io.weir.graph;

import java.io.Serializable;

/**
 * A vertex: its id and its value. Immutable; a function that changes a value returns a new vertex
 * ({@link #withValue}). Keyed by {@code "id"} (position 0).
 *
 * @param <K> the id type
 * @param <V> the value type ({@link NullValue} for none)
 */
public record Vertex<K, V>(K id, V value) implements Serializable {

    /** The id (Gelly's name). */
    public K getId() {
        return id;
    }

    /** The value (Gelly's name). */
    public V getValue() {
        return value;
    }

    /** This vertex with another value. */
    public <W> Vertex<K, W> withValue(W newValue) {
        return new Vertex<>(id, newValue);
    }
}
