package io.weir.core.serialization;

import io.weir.core.tuple.Tuple;

/** Reads and builds tuples by position. */
public final class TupleAccess<T extends Tuple> implements CompositeAccess<T> {

    private static final long serialVersionUID = 1L;

    private final int arity;

    public TupleAccess(int arity) {
        Tuple.getTupleClass(arity); // validates the arity
        this.arity = arity;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<T> type() {
        return (Class<T>) Tuple.getTupleClass(arity);
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public Object get(T value, int field) {
        return value.getField(field);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T create(Object[] fields) {
        Tuple tuple = Tuple.newInstance(arity);
        for (int i = 0; i < fields.length; i++) {
            tuple.setField(fields[i], i);
        }
        return (T) tuple;
    }

    @Override
    public boolean isImmutable() {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TupleAccess<?> that && that.arity == arity;
    }

    @Override
    public int hashCode() {
        return arity;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T shallowCopy(T value) {
        return (T) value.copy();
    }
}
