package io.weir.dataset;

import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.plan.OperatorSpec.JoinType;
import io.weir.core.tuple.Tuple;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.Types;
import java.util.List;

/**
 * An inner equi-join: {@code left.join(right).where(leftKey).equalTo(rightKey)}, then either the
 * matching pairs as {@code Tuple2(left, right)} or {@code .with(function)}.
 */
public final class JoinOperatorSets<L, R> extends TwoInputKeys<L, R, JoinOperatorSets.DefaultJoin<L, R>> {

    private final JoinHint hint;

    JoinOperatorSets(DataSet<L> left, DataSet<R> right, JoinHint hint) {
        super(left, right);
        this.hint = hint;
    }

    @Override
    String operation() {
        return "join";
    }

    @Override
    DefaultJoin<L, R> keyed(Keys<L> leftKeys, Keys<R> rightKeys) {
        return new DefaultJoin<>(new JoinFunctionAssigner<>(left, right, JoinType.INNER, leftKeys, rightKeys, hint));
    }

    /**
     * A join without a function yet: as a data set, the matching pairs as {@code Tuple2(left,
     * right)}; {@link #with} gives the function that makes the result instead.
     */
    public static final class DefaultJoin<L, R> extends DataSet<Tuple2<L, R>> {
        private final JoinFunctionAssigner<L, R> join;

        DefaultJoin(JoinFunctionAssigner<L, R> join) {
            super(
                    join.left.environment,
                    join.spec((l, r, out) -> out.collect(Tuple2.of(l, r))),
                    List.of(join.left, join.right),
                    Types.TUPLE(join.left.getType(), join.right.getType()));
            this.join = join;
        }

        /** The join with a function that makes one result of each matching pair. */
        public <O> DataSet<O> with(JoinFunction<L, R, O> function) {
            return join.with(function);
        }

        /** The join with a function that makes any number of results of each matching pair. */
        public <O> DataSet<O> with(FlatJoinFunction<L, R, O> function) {
            return join.with(function);
        }

        /**
         * The join making tuples of fields of the left record ({@code projectFirst(2, 0)}; no fields:
         * the whole record), to which {@code projectSecond} and {@code projectFirst} add more.
         */
        public <T extends Tuple> ProjectJoin<L, R, T> projectFirst(int... fields) {
            return new ProjectJoin<>(join, PairProjection.<L, R>none().and(join.left, true, fields));
        }

        /** The join making tuples of fields of the right record (no fields: the whole record). */
        public <T extends Tuple> ProjectJoin<L, R, T> projectSecond(int... fields) {
            return new ProjectJoin<>(join, PairProjection.<L, R>none().and(join.right, false, fields));
        }
    }

    /** A join whose result is a tuple of picked fields of each matching pair. */
    public static final class ProjectJoin<L, R, T extends Tuple> extends DataSet<T> {
        private final JoinFunctionAssigner<L, R> join;
        private final PairProjection<L, R> projection;

        @SuppressWarnings("unchecked")
        ProjectJoin(JoinFunctionAssigner<L, R> join, PairProjection<L, R> projection) {
            super(
                    join.left.environment,
                    join.spec((FlatJoinFunction<L, R, Tuple>) (l, r, out) -> out.collect(projection.project(l, r))),
                    List.of(join.left, join.right),
                    projection.type());
            this.join = join;
            this.projection = projection;
        }

        /** Adds fields of the left record (no fields: the whole record); use the returned data set. */
        public <U extends Tuple> ProjectJoin<L, R, U> projectFirst(int... fields) {
            return new ProjectJoin<>(join, projection.and(join.left, true, fields));
        }

        /** Adds fields of the right record (no fields: the whole record); use the returned data set. */
        public <U extends Tuple> ProjectJoin<L, R, U> projectSecond(int... fields) {
            return new ProjectJoin<>(join, projection.and(join.right, false, fields));
        }
    }

    /** Left, right or full outer join: {@code where(...).equalTo(...).with(function)}. */
    public static final class Outer<L, R> extends TwoInputKeys<L, R, JoinFunctionAssigner<L, R>> {
        private final JoinType type;
        private final JoinHint hint;

        Outer(DataSet<L> left, DataSet<R> right, JoinType type, JoinHint hint) {
            super(left, right);
            this.type = type;
            this.hint = hint;
            hint.checkFor(type); // a hint that cannot work fails where the program names it
        }

        @Override
        String operation() {
            return type.describe();
        }

        @Override
        JoinFunctionAssigner<L, R> keyed(Keys<L> leftKeys, Keys<R> rightKeys) {
            return new JoinFunctionAssigner<>(left, right, type, leftKeys, rightKeys, hint);
        }
    }

    /**
     * The last step of a join: the function. For an outer join, the function receives {@code null}
     * for the side a record has no match on.
     */
    public static final class JoinFunctionAssigner<L, R> {
        final DataSet<L> left;
        final DataSet<R> right;
        private final JoinType type;
        private final Keys<L> leftKeys;
        private final Keys<R> rightKeys;
        private final JoinHint hint;

        JoinFunctionAssigner(
                DataSet<L> left, DataSet<R> right, JoinType type, Keys<L> leftKeys, Keys<R> rightKeys, JoinHint hint) {
            this.left = left;
            this.right = right;
            this.type = type;
            this.leftKeys = leftKeys;
            this.rightKeys = rightKeys;
            this.hint = hint;
        }

        OperatorSpec.Join spec(FlatJoinFunction<?, ?, ?> function) {
            return new OperatorSpec.Join(type, leftKeys, rightKeys, function, hint);
        }

        /** The join with a function that makes one result of each pair. */
        public <O> DataSet<O> with(JoinFunction<L, R, O> function) {
            return new DataSet<>(
                    left.environment,
                    spec(new JoinAdapter<>(function)),
                    List.of(left, right),
                    function,
                    JoinFunction.class);
        }

        /** The join with a function that makes any number of results of each pair. */
        public <O> DataSet<O> with(FlatJoinFunction<L, R, O> function) {
            return new DataSet<>(
                    left.environment, spec(function), List.of(left, right), function, FlatJoinFunction.class);
        }
    }
}
