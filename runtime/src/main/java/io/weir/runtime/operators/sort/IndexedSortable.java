package io.weir.runtime.operators.sort;

/** Something sortable by position: what {@link QuickSort} and {@link HeapSort} reorder. */
interface IndexedSortable {

    /** Compares the elements at positions {@code i} and {@code j}. */
    int compare(int i, int j);

    /** Exchanges the elements at positions {@code i} and {@code j}. */
    void swap(int i, int j);
}
