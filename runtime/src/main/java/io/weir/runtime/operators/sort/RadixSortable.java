package io.weir.runtime.operators.sort;

/**
 * Something sortable whose order begins with a byte-string key compared unsigned, byte by byte —
 * what {@link RadixSort} reorders. {@link #compare} must agree with the key bytes: when they differ
 * it orders like the first differing byte; when they are all equal it may still look further.
 */
interface RadixSortable extends IndexedSortable {

    /** The key's length in bytes (the same for every element). */
    int keyLength();

    /** Byte {@code k} of element {@code i}'s key, 0–255. */
    int keyByte(int i, int k);

    /** Whether elements with equal key bytes are equal: then they need no comparing at all. */
    boolean keyDecides();
}
