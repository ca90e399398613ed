package io.weir.core.serialization;

/**
 * The base of serializers for immutable, stateless value types (numbers, strings, dates): copies
 * return the value itself, and two serializers of the same class are equal.
 */
public abstract class ImmutableValueSerializer<T> implements TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public final T copy(T value) {
        return value;
    }

    @Override
    public final boolean isImmutable() {
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName();
    }
}
