package io.weir.runtime.operators.sort;

/**
 * Introsort over an {@link IndexedSortable}: quicksort with a median-of-three pivot and three-way
 * partitioning (so runs of equal keys, common in grouped data, cost one pass), insertion sort for
 * short ranges, and {@link HeapSort} once the recursion is deeper than {@code 2 log2 n} — so the
 * worst case stays O(n log n) whatever the input.
 */
final class QuickSort {

    private static final int INSERTION_SORT_THRESHOLD = 16;

    private QuickSort() {}

    /** Sorts positions {@code [from, to)}. */
    static void sort(IndexedSortable sortable, int from, int to) {
        if (to - from > 1) {
            sort(sortable, from, to, 2 * (31 - Integer.numberOfLeadingZeros(to - from)));
        }
    }

    private static void sort(IndexedSortable s, int lo, int hi, int depthLimit) {
        while (hi - lo > INSERTION_SORT_THRESHOLD) {
            if (depthLimit-- == 0) {
                HeapSort.sort(s, lo, hi);
                return;
            }
            int mid = lo + ((hi - lo) >>> 1);
            // median of three moved to lo, where it stays the pivot's reference position
            if (s.compare(mid, lo) < 0) {
                s.swap(mid, lo);
            }
            if (s.compare(hi - 1, mid) < 0) {
                s.swap(hi - 1, mid);
                if (s.compare(mid, lo) < 0) {
                    s.swap(mid, lo);
                }
            }
            s.swap(lo, mid);

            // three-way partition (Dijkstra): [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot;
            // position lt always holds a pivot-equal element to compare against
            int lt = lo;
            int i = lo + 1;
            int gt = hi - 1;
            while (i <= gt) {
                int c = s.compare(i, lt);
                if (c < 0) {
                    s.swap(lt++, i++);
                } else if (c > 0) {
                    s.swap(i, gt--);
                } else {
                    i++;
                }
            }
            // recurse into the smaller side, loop on the larger: the stack stays O(log n)
            if (lt - lo < hi - gt - 1) {
                sort(s, lo, lt, depthLimit);
                lo = gt + 1;
            } else {
                sort(s, gt + 1, hi, depthLimit);
                hi = lt;
            }
        }
        insertionSort(s, lo, hi);
    }

    private static void insertionSort(IndexedSortable s, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            for (int j = i; j > lo && s.compare(j - 1, j) > 0; j--) {
                s.swap(j, j - 1);
            }
        }
    }
}
