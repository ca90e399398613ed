package io.weir.dataset;

import io.weir.core.functions.CrossFunction;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.OperatorSpec.CrossHint;
import io.weir.core.tuple.Tuple;
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

    /**
     * The cross making tuples of fields of the left record ({@code projectFirst(2, 0)}; no fields:
     * the whole record), to which {@code projectSecond} and {@code projectFirst} add more.
     */
    public <T extends Tuple> ProjectCross<L, R, T> projectFirst(int... fields) {
        return new ProjectCross<>(left, right, hint, PairProjection.<L, R>none().and(left, true, fields));
    }

    /** The cross making tuples of fields of the right record (no fields: the whole record). */
    public <T extends Tuple> ProjectCross<L, R, T> projectSecond(int... fields) {
        return new ProjectCross<>(left, right, hint, PairProjection.<L, R>none().and(right, false, fields));
    }

    /** A cross whose result is a tuple of picked fields of each pair. */
    public static final class ProjectCross<L, R, T extends Tuple> extends DataSet<T> {
        private final DataSet<L> left;
        private final DataSet<R> right;
        private final CrossHint hint;
        private final PairProjection<L, R> projection;

        ProjectCross(DataSet<L> left, DataSet<R> right, CrossHint hint, PairProjection<L, R> projection) {
            super(
                    left.environment,
                    new OperatorSpec.Cross((CrossFunction<L, R, Tuple>) projection::project, hint),
                    List.of(left, right),
                    projection.type());
            this.left = left;
            this.right = right;
            this.hint = hint;
            this.projection = projection;
        }

        /** Adds fields of the left record (no fields: the whole record); use the returned data set. */
        public <U extends Tuple> ProjectCross<L, R, U> projectFirst(int... fields) {
            return new ProjectCross<>(left, right, hint, projection.and(left, true, fields));
        }

        /** Adds fields of the right record (no fields: the whole record); use the returned data set. */
        public <U extends Tuple> ProjectCross<L, R, U> projectSecond(int... fields) {
            return new ProjectCross<>(left, right, hint, projection.and(right, false, fields));
        }
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
