package io.weir.core.serialization;

import java.io.Serializable;

/**
 * How to read the fields of a composite value and build one from field values: the part in which
 * records, POJOs and tuples differ. {@link CompositeSerializer} and {@link CompositeComparator} are
 * written once against this interface. Implementations are serializable and resolve their method
 * handles lazily in the process that uses them.
 */
public interface CompositeAccess<T> extends Serializable {

    /** The class of the values. */
    Class<T> type();

    /** The number of fields. */
    int arity();

    /** The value of field {@code field} of {@code value}. */
    Object get(T value, int field);

    /** A new value with the given field values, in field order. */
    T create(Object[] fields);

    /** Whether values cannot change after construction (records); then copies may share them. */
    boolean isImmutable();

    /** A new value holding the same field values (not copies of them). */
    default T shallowCopy(T value) {
        Object[] fields = new Object[arity()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = get(value, i);
        }
        return create(fields);
    }
}
