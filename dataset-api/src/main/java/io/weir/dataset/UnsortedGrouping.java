package io.weir.dataset;

import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.types.Keys;
import java.util.List;

/** A data set grouped by a key, waiting for the function that reduces each group. */
public final class UnsortedGrouping<T> {

    private final DataSet<T> input;
    private final Keys<T> keys;

    UnsortedGrouping(DataSet<T> input, Keys<T> keys) {
        this.input = input;
        this.keys = keys;
    }

    /**
     * Reduces each group to one record by combining two at a time. Runs in hash tables over managed
     * memory, with a combiner before the shuffle; spills when the groups do not fit.
     */
    public DataSet<T> reduce(ReduceFunction<T> reducer) {
        return new DataSet<>(
                input.environment,
                new OperatorSpec.Reduce(keys, reducer, OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                List.of(input),
                input.getType());
    }

    /**
     * Hands each group to the function as an iterable. A function that also implements {@link
     * GroupCombineFunction} (from {@code T} to {@code T}) is combinable: it pre-aggregates before the
     * shuffle.
     */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> reducer) {
        return Groupings.reduceGroup(input, keys, null, reducer);
    }

    /**
     * Hands the records of each group that one parallel instance holds to the function, without a
     * shuffle: a group may be split over instances (a pre-aggregation, as a combiner does).
     */
    public <R> DataSet<R> combineGroup(GroupCombineFunction<T, R> combiner) {
        return Groupings.combineGroup(input, keys, null, combiner);
    }

    /** Aggregates a field per group (see {@link Aggregations}); {@code .and(...)} for more fields. */
    public AggregateOperator<T> aggregate(Aggregations function, int field) {
        return new AggregateOperator<>(input, keys, List.of(FieldAggregation.step(input, function, field)));
    }

    public AggregateOperator<T> aggregate(Aggregations function, String field) {
        return new AggregateOperator<>(input, keys, List.of(FieldAggregation.step(input, function, field)));
    }

    /** The sum of a field per group: {@code groupBy(0).sum(1)}. */
    public AggregateOperator<T> sum(int field) {
        return aggregate(Aggregations.SUM, field);
    }

    public AggregateOperator<T> min(int field) {
        return aggregate(Aggregations.MIN, field);
    }

    public AggregateOperator<T> max(int field) {
        return aggregate(Aggregations.MAX, field);
    }

    /** Per group, the record whose fields, compared in the order given, are least. */
    public DataSet<T> minBy(int... fields) {
        return input.selectBy(keys, fields, true);
    }

    /** Per group, the record whose fields, compared in the order given, are greatest. */
    public DataSet<T> maxBy(int... fields) {
        return input.selectBy(keys, fields, false);
    }

    /** Any {@code n} records of each group (all of a smaller group). */
    public DataSet<T> first(int n) {
        return Groupings.first(input, keys, null, n);
    }

    /** Orders the records within each group on a field, for reduceGroup, combineGroup and first. */
    public SortedGrouping<T> sortGroup(int field, Order order) {
        return new SortedGrouping<>(input, keys, Orderings.of(input, input.checkedKeys(Keys.positions(field)), order));
    }

    public SortedGrouping<T> sortGroup(String field, Order order) {
        return new SortedGrouping<>(input, keys, Orderings.of(input, input.checkedKeys(Keys.fields(field)), order));
    }

    /**
     * Orders the records within each group on the key a selector extracts; only for a grouping by
     * key selector (a grouping by fields is ordered by fields).
     */
    public <K> SortedGrouping<T> sortGroup(io.weir.core.functions.KeySelector<T, K> selector, Order order) {
        return new SortedGrouping<>(
                input, keys, Orderings.of(input, input.checkedKeys(input.selectorKeys(selector)), order));
    }
}
