package io.weir.core.plan;

import io.weir.core.types.Keys;
import java.util.Arrays;
import java.util.Objects;

/** An order on key fields, one direction per field (resolved against the input type). */
public record Ordering(Keys<?> keys, boolean[] ascending) {

    public Ordering {
        Objects.requireNonNull(keys, "keys is null");
        ascending = ascending.clone();
    }

    @Override
    public boolean[] ascending() {
        return ascending.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ordering that && that.keys.equals(keys) && Arrays.equals(that.ascending, ascending);
    }

    @Override
    public int hashCode() {
        return keys.hashCode() * 31 + Arrays.hashCode(ascending);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(keys.toString());
        out.append(' ');
        for (boolean direction : ascending) {
            out.append(direction ? '↑' : '↓');
        }
        return out.toString();
    }
}
