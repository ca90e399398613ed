package io.weir.runtime.operators.sort;

/** Heapsort over an {@link IndexedSortable}: the O(n log n) fallback of {@link QuickSort}. */
final class HeapSort {

    private HeapSort() {}

    /** Sorts positions {@code [from, to)}. */
    static void sort(IndexedSortable s, int from, int to) {
        int n = to - from;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(s, from, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            s.swap(from, from + end);
            siftDown(s, from, 0, end);
        }
    }

    private static void siftDown(IndexedSortable s, int base, int root, int size) {
        while (true) {
            int child = 2 * root + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && s.compare(base + child, base + child + 1) < 0) {
                child++;
            }
            if (s.compare(base + root, base + child) >= 0) {
                return;
            }
            s.swap(base + root, base + child);
            root = child;
        }
    }
}
