package io.weir.dataset;

import io.weir.core.plan.InvalidPlanException;
import io.weir.core.serialization.CompositeAccess;
import io.weir.core.tuple.Tuple;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields of a pair's two records (of a join or a cross) that make the tuples of a projection,
 * in the order they were picked: {@code projectFirst(2, 0).projectSecond(1)} gives {@code
 * Tuple3(first.f2, first.f0, second.f1)}. A pick without fields takes the whole record.
 */
final class PairProjection<L, R> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A field ({@code position}, or -1 for the whole record) of the first or the second record. */
    private record Pick(boolean first, int position) implements Serializable {}

    private final List<Pick> picks;
    private final CompositeAccess<L> leftAccess;
    private final CompositeAccess<R> rightAccess;
    private final transient List<TypeInfo<?>> types;

    private PairProjection(
            List<Pick> picks, CompositeAccess<L> leftAccess, CompositeAccess<R> rightAccess, List<TypeInfo<?>> types) {
        this.picks = picks;
        this.leftAccess = leftAccess;
        this.rightAccess = rightAccess;
        this.types = types;
    }

    static <L, R> PairProjection<L, R> none() {
        return new PairProjection<>(List.of(), null, null, List.of());
    }

    /** This projection followed by {@code fields} of the first ({@code first}) or second input. */
    @SuppressWarnings("unchecked")
    PairProjection<L, R> and(DataSet<?> input, boolean first, int[] fields) {
        String what = (first ? "projectFirst" : "projectSecond") + Arrays.toString(fields);
        List<Pick> morePicks = new ArrayList<>(picks);
        List<TypeInfo<?>> moreTypes = new ArrayList<>(types);
        CompositeAccess<?> access = null;
        if (fields.length == 0) {
            morePicks.add(new Pick(first, -1));
            moreTypes.add(input.getType());
        } else {
            CompositeTypeInfo<?> type = FieldAggregation.composite(input, what);
            access = type.access();
            for (int field : fields) {
                int position = FieldAggregation.position(input, type, field, what);
                morePicks.add(new Pick(first, position));
                moreTypes.add(type.field(position).type());
            }
        }
        if (morePicks.size() > Tuple.MAX_ARITY) {
            throw new InvalidPlanException(what + " of " + input.describe() + ": a projection makes tuples of at most "
                    + Tuple.MAX_ARITY + " fields, not " + morePicks.size());
        }
        return new PairProjection<>(
                List.copyOf(morePicks),
                first && access != null ? (CompositeAccess<L>) access : leftAccess,
                !first && access != null ? (CompositeAccess<R>) access : rightAccess,
                List.copyOf(moreTypes));
    }

    /** The type of the projected tuples. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T extends Tuple> TypeInfo<T> type() {
        return (TypeInfo) Types.TUPLE(types.toArray(new TypeInfo<?>[0]));
    }

    /** The tuple of a pair's picked fields. */
    Tuple project(L left, R right) {
        Tuple tuple = Tuple.newInstance(picks.size());
        for (int i = 0; i < picks.size(); i++) {
            Pick pick = picks.get(i);
            Object value;
            if (pick.first()) {
                value = pick.position() < 0 ? left : leftAccess.get(left, pick.position());
            } else {
                value = pick.position() < 0 ? right : rightAccess.get(right, pick.position());
            }
            tuple.setField(value, i);
        }
        return tuple;
    }
}
