package io.weir.runtime.operators.sort;

/**
 * Introsort over an {@link IndexedSortable}: quicksort with a median-of-three pivot and Hoare-style
 * partitioning (scans from both ends, stopping on keys equal to the pivot, so runs of equal keys
 * still split evenly), insertion sort for short ranges, and {@link HeapSort} once the recursion is
 * deeper than {@code 2 log2 n} — so the worst case stays O(n log n) whatever the input. Hoare
 * partitioning swaps only elements on the wrong side: about a third as many swaps as a three-way
 * partition on distinct keys, which matters when each swap moves a sort-index entry.
 */
final class QuickSort {

    private static final int INSERTION_SORT_THRESHOLD = 16;

    private QuickSort() {}

    /** Sorts positions {@code [from, to)}. */
    static void sort(IndexedSortable sortable, int from, int to) {
        if (to - from > 1) {
            sort(sortable, from, to - 1, 2 * (31 - Integer.numberOfLeadingZeros(to - from)));
        }
    }

    /** Sorts the closed range {@code [lo, hi]}. */
    private static void sort(IndexedSortable s, int lo, int hi, int depthLimit) {
        while (hi - lo >= INSERTION_SORT_THRESHOLD) {
            if (depthLimit-- == 0) {
                HeapSort.sort(s, lo, hi + 1);
                return;
            }
            // median of three: afterwards s[lo] <= s[mid] <= s[hi]; the median moves to lo as pivot,
            // and s[hi] (>= pivot) stops the left scan
            int mid = lo + ((hi - lo) >>> 1);
            if (s.compare(mid, lo) < 0) {
                s.swap(mid, lo);
            }
            if (s.compare(hi, mid) < 0) {
                s.swap(hi, mid);
                if (s.compare(mid, lo) < 0) {
                    s.swap(mid, lo);
                }
            }
            s.swap(lo, mid);

            int i = lo;
            int j = hi + 1;
            while (true) {
                do {
                    i++;
                } while (s.compare(i, lo) < 0);
                do {
                    j--;
                } while (s.compare(lo, j) < 0);
                if (i >= j) {
                    break;
                }
                s.swap(i, j);
            }
            s.swap(lo, j);

            // recurse into the smaller side, loop on the larger: the stack stays O(log n)
            if (j - lo < hi - j) {
                sort(s, lo, j - 1, depthLimit);
                lo = j + 1;
            } else {
                sort(s, j + 1, hi, depthLimit);
                hi = j - 1;
            }
        }
        insertionSort(s, lo, hi);
    }

    private static void insertionSort(IndexedSortable s, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && s.compare(j - 1, j) > 0; j--) {
                s.swap(j, j - 1);
            }
        }
    }
}
