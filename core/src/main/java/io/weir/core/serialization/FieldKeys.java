package io.weir.core.serialization;

/**
 * The key functions of a {@link CompositeComparator} on top-level fields, as bytecode generated for
 * one type and key ({@link FieldCodecs}): the same results as the comparator's generic loops.
 * Public only because the generated classes live in the package of the type they serve; not for
 * users.
 */
public interface FieldKeys {

    /** {@link CompositeComparator#hash}. */
    int hash(Object value);

    /** {@link CompositeComparator#compare}. */
    int compare(Object first, Object second);

    /** {@link CompositeComparator#compareKeyWith}. */
    int compareKeyWith(Object value, Object[] key);

    /** {@link CompositeComparator#extractKeys}. */
    Object[] extractKeys(Object value);
}
