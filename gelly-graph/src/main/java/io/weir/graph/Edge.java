package io.weir.graph;

import java.io.Serializable;

/**
 * A directed edge from {@code source} to {@code target} with a value. Immutable. Keyed by {@code
 * "source"} (position 0) and {@code "target"} (position 1).
 *
 * @param <K> the vertex id type
 * @param <V> the value type ({@link NullValue} for none)
 */
public record Edge<K, V>(K source, K target, V value) implements Serializable {

    public K getSource() {
        return source;
    }

    public K getTarget() {
        return target;
    }

    public V getValue() {
        return value;
    }

    /** The edge the other way round, with the same value. */
    public Edge<K, V> reverse() {
        return new Edge<>(target, source, value);
    }

    /** This edge with another value. */
    public <W> Edge<K, W> withValue(W newValue) {
        return new Edge<>(source, target, newValue);
    }
}
