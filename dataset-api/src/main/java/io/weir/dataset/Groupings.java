package io.weir.dataset;

import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Ordering;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import java.util.List;

/** The operations that sorted and unsorted groupings share. */
final class Groupings {

    private Groupings() {}

    /** Fails now, not when the job runs, if the grouping and the group order cannot form one sort key. */
    @SuppressWarnings("unchecked")
    static <T> void checkSortable(DataSet<T> input, Keys<T> keys, Ordering order) {
        try {
            Keys.concat(input.getType(), keys, (Keys<T>) order.keys());
        } catch (InvalidTypesException e) {
            throw new InvalidPlanException("sortGroup of " + input.describe() + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T, R> DataSet<R> reduceGroup(
            DataSet<T> input, Keys<T> keys, Ordering order, GroupReduceFunction<T, R> reducer) {
        // a combiner sees groups unordered, so a function that needs the group order is not combined
        GroupCombineFunction<?, ?> combiner =
                order == null && reducer instanceof GroupCombineFunction<?, ?> combinable ? combinable : null;
        return new DataSet<>(
                input.environment,
                new OperatorSpec.GroupReduce(keys, reducer, combiner, order),
                List.of(input),
                reducer,
                GroupReduceFunction.class);
    }

    static <T, R> DataSet<R> combineGroup(
            DataSet<T> input, Keys<T> keys, Ordering order, GroupCombineFunction<T, R> combiner) {
        return new DataSet<>(
                input.environment,
                new OperatorSpec.GroupCombine(keys, combiner, order),
                List.of(input),
                combiner,
                GroupCombineFunction.class);
    }

    static <T> DataSet<T> first(DataSet<T> input, Keys<T> keys, Ordering order, int n) {
        return new DataSet<>(
                input.environment, new OperatorSpec.FirstN(n, keys, order), List.of(input), input.getType());
    }
}
