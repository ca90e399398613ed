package io.weir.core.tuple;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The base of {@code Tuple1} to {@code Tuple25}: fixed-arity groups of values with public fields
 * {@code f0, f1, ...}, addressed by position as keys ({@code groupBy(0)}) and in expressions
 * ({@code "f1.f0"}). Tuples are mutable and may hold {@code null} in any field.
 */
public abstract sealed class Tuple implements Serializable
        permits Tuple1,
                Tuple2,
                Tuple3,
                Tuple4,
                Tuple5,
                Tuple6,
                Tuple7,
                Tuple8,
                Tuple9,
                Tuple10,
                Tuple11,
                Tuple12,
                Tuple13,
                Tuple14,
                Tuple15,
                Tuple16,
                Tuple17,
                Tuple18,
                Tuple19,
                Tuple20,
                Tuple21,
                Tuple22,
                Tuple23,
                Tuple24,
                Tuple25 {

    private static final long serialVersionUID = 1L;

    /** The largest arity of a tuple class. */
    public static final int MAX_ARITY = TupleClasses.MAX_ARITY;

    Tuple() {}

    /** The number of fields. */
    public abstract int getArity();

    /** The value of field {@code position}. */
    public abstract <T> T getField(int position);

    /** Sets field {@code position}. */
    public abstract <T> void setField(T value, int position);

    /** A shallow copy: a new tuple holding the same field values. */
    public abstract Tuple copy();

    /** The tuple class of {@code arity} fields. */
    @SuppressWarnings("unchecked")
    public static Class<? extends Tuple> getTupleClass(int arity) {
        if (arity < 1 || arity > MAX_ARITY) {
            throw new IllegalArgumentException("tuples have 1 to " + MAX_ARITY + " fields, not " + arity);
        }
        return TupleClasses.CLASSES[arity];
    }

    /** A new tuple of {@code arity} fields, all {@code null}. */
    public static Tuple newInstance(int arity) {
        return TupleClasses.newInstance(arity);
    }

    IndexOutOfBoundsException indexOutOfBounds(int position) {
        return new IndexOutOfBoundsException("field " + position + " of a tuple of " + getArity()
                + " fields (positions 0 to " + (getArity() - 1) + ")");
    }

    static String deepToString(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value instanceof int[] array) {
            return Arrays.toString(array);
        }
        if (value instanceof long[] array) {
            return Arrays.toString(array);
        }
        if (value instanceof double[] array) {
            return Arrays.toString(array);
        }
        if (value instanceof byte[] array) {
            return Arrays.toString(array);
        }
        return String.valueOf(value);
    }
}
