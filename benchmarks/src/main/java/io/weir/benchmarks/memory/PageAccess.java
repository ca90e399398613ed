package io.weir.benchmarks.memory;

/**
 * One design of off-heap page access, reduced to what the access benchmark exercises. Each
 * benchmark fork uses a single implementation, so calls through this interface are monomorphic and
 * inlined; the designs differ only in what they do per access.
 */
interface PageAccess {

    long getLong(int index);

    long getLongBigEndian(int index);

    void putLongBigEndian(int index, long value);

    /** Unsigned lexicographic compare of two ranges, as the sorter compares normalized keys. */
    int compare(PageAccess other, int offset, int otherOffset, int length);

    /** Exchanges two ranges, as the sorter swaps index entries. */
    void swap(PageAccess other, int offset, int otherOffset, int length);

    void free();
}
