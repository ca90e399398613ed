package io.weir.runtime.operators.sort;

/**
 * Most-significant-byte-first radix sort, in place (an "American flag" sort): one pass counts the
 * elements per value of the current key byte, a second moves each element into its bucket by
 * cycles of swaps, and each bucket is sorted on the next byte. Buckets of at most {@link
 * #QUICKSORT_THRESHOLD} elements, and buckets whose key bytes are all used up, go to {@link
 * QuickSort} (its compare also breaks ties beyond the key), unless the key decides the order: then a
 * bucket whose key bytes are used up is already sorted. A byte on which every element of a range
 * agrees costs one counting pass and no moves; a pass first finds the bytes that all elements share,
 * so keys with a long common beginning (small positive numbers, strings with a common prefix) do not
 * pay a counting pass per shared byte.
 *
 * <p>Why: a quicksort of ten million sort-index entries spends most of its time in the first
 * levels, whose partitions are far larger than the caches; one or two radix levels split the index
 * into cache-sized buckets in a few sequential passes each. Measured in {@code SortBenchmark}.
 */
final class RadixSort {

    /**
     * Ranges this small are sorted by comparisons. Measured on 10 million random long keys: 64 sorts
     * in 1.0 s, 128 in 1.1 s, 256 in 1.8 s (a quicksort of a 150-entry bucket costs more than a
     * counting pass and a distribution over it), 2048 in 1.7 s; 16 as fast as 64.
     */
    static final int QUICKSORT_THRESHOLD = 64;

    private final RadixSortable sortable;
    private final int keyLength;
    // per key byte: counts, then bucket ends, then the next free place in each bucket
    private final int[][] ends;
    private final int[][] next;

    private RadixSort(RadixSortable sortable) {
        this.sortable = sortable;
        this.keyLength = sortable.keyLength();
        this.ends = new int[keyLength][256];
        this.next = new int[keyLength][256];
    }

    /** Sorts positions {@code [from, to)}. */
    static void sort(RadixSortable sortable, int from, int to) {
        if (to - from <= QUICKSORT_THRESHOLD || sortable.keyLength() == 0) {
            QuickSort.sort(sortable, from, to);
            return;
        }
        RadixSort radix = new RadixSort(sortable);
        radix.sort(from, to, radix.sharedBytes(from, to));
    }

    /** How many leading key bytes all elements of {@code [from, to)} share. */
    private int sharedBytes(int from, int to) {
        int shared = keyLength;
        for (int i = from + 1; i < to && shared > 0; i++) {
            for (int k = 0; k < shared; k++) {
                if (sortable.keyByte(i, k) != sortable.keyByte(from, k)) {
                    shared = k;
                    break;
                }
            }
        }
        return shared;
    }

    private void sort(int from, int to, int k) {
        if (k == keyLength && sortable.keyDecides()) {
            return; // all keys equal
        }
        if (k == keyLength || to - from <= QUICKSORT_THRESHOLD) {
            QuickSort.sort(sortable, from, to);
            return;
        }
        int[] end = ends[k];
        int[] free = next[k];
        java.util.Arrays.fill(end, 0);
        for (int i = from; i < to; i++) {
            end[sortable.keyByte(i, k)]++;
        }
        // one bucket holds everything: nothing to move, go on with the next byte
        for (int b = 0; b < 256; b++) {
            if (end[b] == to - from) {
                sort(from, to, k + 1);
                return;
            }
            if (end[b] != 0) {
                break;
            }
        }
        int position = from;
        for (int b = 0; b < 256; b++) {
            free[b] = position;
            position += end[b];
            end[b] = position;
        }
        // move every element into its bucket: the element at a bucket's next free place is either
        // in the right bucket already, or is swapped to the next free place of its own bucket
        for (int b = 0; b < 256; b++) {
            while (free[b] < end[b]) {
                int i = free[b];
                int value = sortable.keyByte(i, k);
                if (value == b) {
                    free[b]++;
                } else {
                    sortable.swap(i, free[value]++);
                }
            }
        }
        int start = from;
        for (int b = 0; b < 256; b++) {
            int bucketEnd = end[b];
            if (bucketEnd - start > 1) {
                sort(start, bucketEnd, k + 1);
            }
            start = bucketEnd;
        }
    }
}
