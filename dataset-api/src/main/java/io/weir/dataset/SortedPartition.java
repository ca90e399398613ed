package io.weir.dataset;

import io.weir.core.functions.KeySelector;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Ordering;
import io.weir.core.types.Keys;
import java.util.List;

/**
 * The records of each parallel instance sorted on one or more fields: {@code
 * sortPartition(0, ASCENDING).sortPartition("name", DESCENDING)} sorts on field 0, then on name.
 * Sorting spills to disk when the partition does not fit in the operator's managed memory.
 */
public final class SortedPartition<T> extends DataSet<T> {

    private final DataSet<T> input;
    private final Ordering order;

    SortedPartition(DataSet<T> input, Ordering order) {
        super(input.environment, new OperatorSpec.SortPartition(order), List.of(input), input.getType());
        this.input = input;
        this.order = order;
    }

    /** Sorts further on {@code field}, among records equal on the fields before. */
    @Override
    public SortedPartition<T> sortPartition(int field, Order direction) {
        return then(Keys.positions(field), direction);
    }

    @Override
    public SortedPartition<T> sortPartition(String field, Order direction) {
        return then(Keys.fields(field), direction);
    }

    @Override
    public <K> SortedPartition<T> sortPartition(KeySelector<T, K> selector, Order direction) {
        throw new InvalidPlanException("sortPartition of " + describe() + ": a key selector cannot follow other sort"
                + " fields; sort on one selector that returns all the fields, or on fields by name or position");
    }

    private SortedPartition<T> then(Keys<T> keys, Order direction) {
        Ordering next = Orderings.of(input, input.checkedKeys(keys), direction);
        SortedPartition<T> sorted = new SortedPartition<>(input, Orderings.then(input, order, next));
        if (getParallelism() != io.weir.core.plan.Operator.DEFAULT_PARALLELISM) {
            sorted.setParallelism(getParallelism());
        }
        return sorted;
    }
}
