package io.weir.dataset;

import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.plan.Ordering;
import io.weir.core.types.Keys;

/**
 * A grouping whose records are ordered within each group: {@code groupBy(0).sortGroup(1,
 * DESCENDING)} hands each group to the function in descending order of field 1. Sorting spills to
 * disk when the groups do not fit in managed memory.
 */
public final class SortedGrouping<T> {

    private final DataSet<T> input;
    private final Keys<T> keys;
    private final Ordering order;

    SortedGrouping(DataSet<T> input, Keys<T> keys, Ordering order) {
        this.input = input;
        this.keys = keys;
        this.order = order;
        Groupings.checkSortable(input, keys, order);
    }

    /** Orders further on {@code field}, among records equal on the fields before. */
    public SortedGrouping<T> sortGroup(int field, Order direction) {
        return then(Keys.positions(field), direction);
    }

    public SortedGrouping<T> sortGroup(String field, Order direction) {
        return then(Keys.fields(field), direction);
    }

    /** Orders further on the key a selector extracts (the grouping must be by key selectors too). */
    public <K> SortedGrouping<T> sortGroup(io.weir.core.functions.KeySelector<T, K> selector, Order direction) {
        return then(input.selectorKeys(selector), direction);
    }

    private SortedGrouping<T> then(Keys<T> more, Order direction) {
        Ordering next = Orderings.of(input, input.checkedKeys(more), direction);
        return new SortedGrouping<>(input, keys, Orderings.then(input, order, next));
    }

    /** Hands each group to the function as an iterable, in the group order. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> reducer) {
        return Groupings.reduceGroup(input, keys, order, reducer);
    }

    /** Hands the records of each group that one instance holds to the function, in the group order. */
    public <R> DataSet<R> combineGroup(GroupCombineFunction<T, R> combiner) {
        return Groupings.combineGroup(input, keys, order, combiner);
    }

    /** The first {@code n} records of each group in the group order. */
    public DataSet<T> first(int n) {
        return Groupings.first(input, keys, order, n);
    }
}
