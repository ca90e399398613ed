package io.weir.dataset;

import io.weir.core.functions.CrossFunction;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.OperatorSpec.CrossHint;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import java.util.List;

/**
 * The cartesian product of two data sets: as a data set, every pair as {@code Tuple2(left, right)};
 * {@link #with} gives the function that makes the result of each pair instead. One input is sent
 * whole to every instance of the cross and read a block at a time; the hint says which (the smaller).
 */
public final class CrossOperator<L, R> extends DataSet<Tuple2<L, R>> {

    private final DataSet<L> left;
    private final DataSet<R> right;
    private final CrossHint hint;

    CrossOperator(DataSet<L> left, DataSet<R> right, CrossHint hint) {
        super(
                left.environment,
                new OperatorSpec.Cross((CrossFunction<L, R, Tuple2<L, R>>) Tuple2::of, hint),
                List.of(left, right),
                Types.TUPLE(left.getType(), right.getType()));
        this.left = left;
        this.right = right;
        this.hint = hint;
    }

    /** The cross with a function that makes one result of each pair. */
    public <O> DataSet<O> with(CrossFunction<L, R, O> function) {
        return new DataSet<>(
                left.environment,
                new OperatorSpec.Cross(function, hint),
                List.of(left, right),
                function,
                CrossFunction.class);
    }
}
