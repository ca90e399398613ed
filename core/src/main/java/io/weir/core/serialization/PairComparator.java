package io.weir.core.serialization;

import java.io.Serializable;
import java.util.Objects;

/**
 * Compares a record of one type with a record of another by their keys, for joins and coGroups:
 * both sides' keys are extracted as field values ({@link TypeComparator#extractKeys}) and compared
 * with the left side's comparator. The plan has checked that the key fields have the same types on
 * both sides; directions are the left side's.
 */
public final class PairComparator<L, R> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TypeComparator<L> left;
    private final TypeComparator<R> right;

    public PairComparator(TypeComparator<L> left, TypeComparator<R> right) {
        this.left = Objects.requireNonNull(left, "left is null");
        this.right = Objects.requireNonNull(right, "right is null");
    }

    /** Compares the key of {@code first} with the key of {@code second}. */
    public int compare(L first, R second) {
        return left.compareKeys(left.extractKeys(first), right.extractKeys(second));
    }

    /** Compares an already extracted left key with the key of {@code second}. */
    public int compareKey(Object[] firstKey, R second) {
        return left.compareKeys(firstKey, right.extractKeys(second));
    }

    public TypeComparator<L> left() {
        return left;
    }

    public TypeComparator<R> right() {
        return right;
    }

    /** A comparator for use by another thread. */
    public PairComparator<L, R> duplicate() {
        return new PairComparator<>(left.duplicate(), right.duplicate());
    }
}
