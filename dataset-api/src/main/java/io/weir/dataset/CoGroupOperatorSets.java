package io.weir.dataset;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Ordering;
import io.weir.core.types.Keys;
import java.util.List;

/**
 * A coGroup: {@code left.coGroup(right).where(leftKey).equalTo(rightKey).with(function)}; the function
 * sees, for every key on either side, the left group and the right group (either may be empty).
 * {@code sortFirstGroup}/{@code sortSecondGroup} order the records within each side's groups.
 */
public final class CoGroupOperatorSets<L, R> extends TwoInputKeys<L, R, CoGroupOperatorSets.KeyedCoGroup<L, R>> {

    CoGroupOperatorSets(DataSet<L> left, DataSet<R> right) {
        super(left, right);
    }

    @Override
    String operation() {
        return "coGroup";
    }

    @Override
    KeyedCoGroup<L, R> keyed(Keys<L> leftKeys, Keys<R> rightKeys) {
        return new KeyedCoGroup<>(left, right, leftKeys, rightKeys, null, null);
    }

    /** Both keys given: optionally the order within groups, then the function. */
    public static final class KeyedCoGroup<L, R> {
        private final DataSet<L> left;
        private final DataSet<R> right;
        private final Keys<L> leftKeys;
        private final Keys<R> rightKeys;
        private final Ordering leftOrder;
        private final Ordering rightOrder;

        KeyedCoGroup(
                DataSet<L> left,
                DataSet<R> right,
                Keys<L> leftKeys,
                Keys<R> rightKeys,
                Ordering leftOrder,
                Ordering rightOrder) {
            this.left = left;
            this.right = right;
            this.leftKeys = leftKeys;
            this.rightKeys = rightKeys;
            this.leftOrder = leftOrder;
            this.rightOrder = rightOrder;
        }

        /** Orders the records within each group of the first input by {@code field}; chain for more fields. */
        public KeyedCoGroup<L, R> sortFirstGroup(String field, Order order) {
            return sortFirst(Keys.fields(field), order);
        }

        public KeyedCoGroup<L, R> sortFirstGroup(int field, Order order) {
            return sortFirst(Keys.positions(field), order);
        }

        public <K> KeyedCoGroup<L, R> sortFirstGroup(KeySelector<L, K> selector, Order order) {
            return sortFirst(left.selectorKeys(selector), order);
        }

        /** Orders the records within each group of the second input by {@code field}; chain for more fields. */
        public KeyedCoGroup<L, R> sortSecondGroup(String field, Order order) {
            return sortSecond(Keys.fields(field), order);
        }

        public KeyedCoGroup<L, R> sortSecondGroup(int field, Order order) {
            return sortSecond(Keys.positions(field), order);
        }

        public <K> KeyedCoGroup<L, R> sortSecondGroup(KeySelector<R, K> selector, Order order) {
            return sortSecond(right.selectorKeys(selector), order);
        }

        private KeyedCoGroup<L, R> sortFirst(Keys<L> keys, Order order) {
            Ordering added = Orderings.of(left, left.checkedKeys(keys), order);
            Ordering combined = leftOrder == null ? added : Orderings.then(left, leftOrder, added);
            Groupings.checkSortable(left, leftKeys, combined);
            return new KeyedCoGroup<>(left, right, leftKeys, rightKeys, combined, rightOrder);
        }

        private KeyedCoGroup<L, R> sortSecond(Keys<R> keys, Order order) {
            Ordering added = Orderings.of(right, right.checkedKeys(keys), order);
            Ordering combined = rightOrder == null ? added : Orderings.then(right, rightOrder, added);
            Groupings.checkSortable(right, rightKeys, combined);
            return new KeyedCoGroup<>(left, right, leftKeys, rightKeys, leftOrder, combined);
        }

        /** The coGroup with its function. */
        public <O> DataSet<O> with(CoGroupFunction<L, R, O> function) {
            return new DataSet<>(
                    left.environment,
                    new OperatorSpec.CoGroup(leftKeys, rightKeys, function, leftOrder, rightOrder),
                    List.of(left, right),
                    function,
                    CoGroupFunction.class);
        }
    }
}
