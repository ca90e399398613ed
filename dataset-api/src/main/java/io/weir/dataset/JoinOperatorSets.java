package io.weir.dataset;

import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.util.List;

/** The steps of an equi-join: {@code left.join(right).where(leftKey).equalTo(rightKey).with(function)}. */
public final class JoinOperatorSets<L, R> {

    private final DataSet<L> left;
    private final DataSet<R> right;

    JoinOperatorSets(DataSet<L> left, DataSet<R> right) {
        this.left = left;
        this.right = right;
    }

    public Where where(String... fields) {
        return new Where(left.checkedKeys(Keys.fields(fields)));
    }

    public Where where(int... fields) {
        return new Where(left.checkedKeys(Keys.positions(fields)));
    }

    public <K> Where where(KeySelector<L, K> selector) {
        return new Where(left.checkedKeys(left.selectorKeys(selector)));
    }

    /** The left key is given; now the right one. */
    public final class Where {
        private final Keys<L> leftKeys;

        Where(Keys<L> leftKeys) {
            this.leftKeys = leftKeys;
        }

        public DefaultJoin<L, R> equalTo(String... fields) {
            return join(right.checkedKeys(Keys.fields(fields)));
        }

        public DefaultJoin<L, R> equalTo(int... fields) {
            return join(right.checkedKeys(Keys.positions(fields)));
        }

        public <K> DefaultJoin<L, R> equalTo(KeySelector<R, K> selector) {
            return join(right.checkedKeys(right.selectorKeys(selector)));
        }

        private DefaultJoin<L, R> join(Keys<R> rightKeys) {
            List<TypeInfo<?>> leftTypes = leftKeys.keyFieldTypes(left.getType());
            List<TypeInfo<?>> rightTypes = rightKeys.keyFieldTypes(right.getType());
            if (!leftTypes.equals(rightTypes)) {
                throw new InvalidPlanException("join of " + left.describe() + " and " + right.describe() + ": the keys"
                        + " do not match: " + leftKeys + " is " + leftTypes + " but " + rightKeys + " is " + rightTypes
                        + ". Join on fields of the same types.");
            }
            return new DefaultJoin<>(left, right, leftKeys, rightKeys);
        }
    }

    /**
     * A join without a function yet: as a data set, the matching pairs as {@code Tuple2(left,
     * right)}; {@link #with} gives the function that makes the result instead.
     */
    public static final class DefaultJoin<L, R> extends DataSet<Tuple2<L, R>> {
        private final DataSet<L> left;
        private final DataSet<R> right;
        private final Keys<L> leftKeys;
        private final Keys<R> rightKeys;

        DefaultJoin(DataSet<L> left, DataSet<R> right, Keys<L> leftKeys, Keys<R> rightKeys) {
            super(
                    left.environment,
                    spec(leftKeys, rightKeys, (l, r, out) -> out.collect(Tuple2.of(l, r))),
                    List.of(left, right),
                    Types.TUPLE(left.getType(), right.getType()));
            this.left = left;
            this.right = right;
            this.leftKeys = leftKeys;
            this.rightKeys = rightKeys;
        }

        private static OperatorSpec.Join spec(Keys<?> leftKeys, Keys<?> rightKeys, FlatJoinFunction<?, ?, ?> function) {
            return new OperatorSpec.Join(
                    OperatorSpec.JoinType.INNER,
                    leftKeys,
                    rightKeys,
                    function,
                    OperatorSpec.JoinHint.OPTIMIZER_CHOOSES);
        }

        /** The join with a function that makes one result of each matching pair. */
        public <O> DataSet<O> with(JoinFunction<L, R, O> function) {
            return new DataSet<>(
                    left.environment,
                    spec(leftKeys, rightKeys, new JoinAdapter<>(function)),
                    List.of(left, right),
                    function,
                    JoinFunction.class);
        }

        /** The join with a function that makes any number of results of each matching pair. */
        public <O> DataSet<O> with(FlatJoinFunction<L, R, O> function) {
            try {
                return new DataSet<>(
                        left.environment,
                        spec(leftKeys, rightKeys, function),
                        List.of(left, right),
                        function,
                        FlatJoinFunction.class);
            } catch (InvalidTypesException e) {
                throw new InvalidPlanException(e.getMessage(), e);
            }
        }
    }
}
