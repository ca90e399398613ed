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
    @SuppressWarnings("unchecked")
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> reducer) {
        GroupCombineFunction<?, ?> combiner =
                reducer instanceof GroupCombineFunction<?, ?> combinable ? combinable : null;
        return new DataSet<>(
                input.environment,
                new OperatorSpec.GroupReduce(keys, reducer, combiner, null),
                List.of(input),
                reducer,
                GroupReduceFunction.class);
    }
}
