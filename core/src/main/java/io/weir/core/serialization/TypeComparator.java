package io.weir.core.serialization;

import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import java.io.IOException;
import java.io.Serializable;

/**
 * Orders, hashes and compares values of a type on some key: the whole value, one or more fields, or
 * what a key selector returns.
 *
 * <h2>Normalized keys</h2>
 *
 * A <em>normalized key</em> is a byte string, written by {@link #putNormalizedKey}, whose unsigned
 * lexicographic order agrees with {@link #compare}: a sorter keeps a fixed-size prefix of it next to
 * each record pointer and orders most records with a {@code memcmp} of the prefixes, without looking
 * at the records. For two values {@code a} and {@code b} and a prefix of {@code n} bytes:
 *
 * <ul>
 *   <li>if {@code nk(a) < nk(b)} then {@code compare(a, b) < 0}, and likewise for {@code >};
 *   <li>if {@code nk(a) == nk(b)} and {@link #isNormalizedKeyPrefixOnly isNormalizedKeyPrefixOnly(n)}
 *       is false, then {@code compare(a, b) == 0}; if it is true, the records must be compared.
 * </ul>
 *
 * <h2>Hashes</h2>
 *
 * {@link #hash} is consistent with {@link #compare}: values that compare equal hash equally. It is
 * also the same in every JVM (never an identity hash), because it decides which parallel instance a
 * record is sent to. It is not spread: callers that need well-distributed bits mix it first.
 *
 * <p>A comparator may keep scratch state; {@link #duplicate()} gives one for another thread.
 */
public interface TypeComparator<T> extends Serializable {

    /** A hash of the key of {@code value}, equal for values whose keys compare equal. */
    int hash(T value);

    /** Compares the keys of two values. */
    int compare(T first, T second);

    /**
     * Compares the keys of two serialized values, reading exactly one value from each view.
     */
    int compareSerialized(DataInputView first, DataInputView second) throws IOException;

    /** Whether this comparator writes normalized keys. */
    boolean supportsNormalizedKey();

    /**
     * The number of normalized key bytes that determine the order completely, or {@link
     * Integer#MAX_VALUE} when no length does (strings, decimals).
     */
    int normalizedKeyLength();

    /** Whether a normalized key of {@code bytes} bytes may leave two different keys equal. */
    default boolean isNormalizedKeyPrefixOnly(int bytes) {
        return bytes < normalizedKeyLength();
    }

    /**
     * Writes exactly {@code bytes} bytes of the normalized key of {@code value} to {@code target} at
     * {@code offset}: the key's first bytes, padded so that shorter keys order first.
     */
    void putNormalizedKey(T value, MemorySegment target, int offset, int bytes);

    /**
     * The key of {@code value} as the values of its key fields, in key order: the value itself for an
     * atomic key, the key fields of a composite, the fields of what a key selector returns. Two
     * comparators on different types whose key fields have the same types compare such arrays with
     * {@link #compareKeys} — how joins match a left record against a right one.
     */
    default Object[] extractKeys(T value) {
        return new Object[] {value};
    }

    /**
     * Compares two keys extracted by {@link #extractKeys} (from this comparator or one whose key
     * fields have the same types), in this comparator's order and directions.
     */
    @SuppressWarnings("unchecked")
    default int compareKeys(Object[] first, Object[] second) {
        return compare((T) first[0], (T) second[0]);
    }

    /**
     * Compares the key of {@code value} with a key extracted by {@link #extractKeys} (of this
     * comparator or one whose key fields have the same types): {@code compareKeys(extractKeys(value),
     * key)}, which composite keys answer without building the array.
     */
    default int compareKeyWith(T value, Object[] key) {
        return compareKeys(extractKeys(value), key);
    }

    /** A hash of an extracted key, equal to {@link #hash} of the value it came from. */
    @SuppressWarnings("unchecked")
    default int hashKeys(Object[] key) {
        return hash((T) key[0]);
    }

    /** A comparator for use by another thread: {@code this} when it has no state. */
    default TypeComparator<T> duplicate() {
        return this;
    }
}
