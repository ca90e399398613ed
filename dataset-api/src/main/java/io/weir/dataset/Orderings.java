package io.weir.dataset;

import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.Ordering;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import java.util.Arrays;

/** Builds the {@link Ordering}s of sorted partitions and sorted groups from the user's fields. */
final class Orderings {

    private Orderings() {}

    /** An order on {@code keys}, one direction for all the key fields they resolve to. */
    static <T> Ordering of(DataSet<T> input, Keys<T> keys, Order order) {
        int fields = fieldCount(input, keys);
        boolean[] ascending = new boolean[fields];
        Arrays.fill(ascending, order.ascending());
        return new Ordering(keys, ascending);
    }

    /** {@code first}, then {@code then} among records equal on {@code first}. */
    @SuppressWarnings("unchecked")
    static <T> Ordering then(DataSet<T> input, Ordering first, Ordering then) {
        Keys<T> combined;
        try {
            combined = Keys.concat(input.getType(), (Keys<T>) first.keys(), (Keys<T>) then.keys());
        } catch (InvalidTypesException e) {
            throw new InvalidPlanException(input.describe() + ": " + e.getMessage(), e);
        }
        boolean[] a = first.ascending();
        boolean[] b = then.ascending();
        boolean[] ascending = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, ascending, a.length, b.length);
        return new Ordering(combined, Arrays.copyOf(ascending, fieldCount(input, combined)));
    }

    static <T> int fieldCount(DataSet<T> input, Keys<T> keys) {
        TypeInfo<T> type = input.getType();
        return keys.keyFieldTypes(type).size();
    }
}
