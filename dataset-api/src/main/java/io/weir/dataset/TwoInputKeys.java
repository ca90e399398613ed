package io.weir.dataset;

import io.weir.core.functions.KeySelector;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import java.util.List;

/**
 * The {@code where(...).equalTo(...)} steps that joins, outer joins and coGroups share: the left key,
 * then the right key, checked to be of the same field types, then the operation's next step.
 *
 * @param <N> the step that follows the keys
 */
public abstract class TwoInputKeys<L, R, N> {

    final DataSet<L> left;
    final DataSet<R> right;

    TwoInputKeys(DataSet<L> left, DataSet<R> right) {
        this.left = left;
        this.right = right;
    }

    /** "join", "left outer join", "coGroup": how messages name the operation. */
    abstract String operation();

    /** The next step once both keys are known and match. */
    abstract N keyed(Keys<L> leftKeys, Keys<R> rightKeys);

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

        public N equalTo(String... fields) {
            return matching(right.checkedKeys(Keys.fields(fields)));
        }

        public N equalTo(int... fields) {
            return matching(right.checkedKeys(Keys.positions(fields)));
        }

        public <K> N equalTo(KeySelector<R, K> selector) {
            return matching(right.checkedKeys(right.selectorKeys(selector)));
        }

        private N matching(Keys<R> rightKeys) {
            List<TypeInfo<?>> leftTypes = leftKeys.keyFieldTypes(left.getType());
            List<TypeInfo<?>> rightTypes = rightKeys.keyFieldTypes(right.getType());
            if (!leftTypes.equals(rightTypes)) {
                throw new InvalidPlanException(operation() + " of " + left.describe() + " and " + right.describe()
                        + ": the keys do not match: " + leftKeys + " is " + leftTypes + " but " + rightKeys + " is "
                        + rightTypes + ". Use keys of the same types on both sides.");
            }
            return keyed(leftKeys, rightKeys);
        }
    }
}
