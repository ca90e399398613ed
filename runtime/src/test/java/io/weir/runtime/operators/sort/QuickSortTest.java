package io.weir.runtime.operators.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class QuickSortTest {

    /** An int array as an IndexedSortable, counting compares. */
    private static final class Ints implements IndexedSortable {
        final int[] values;
        long compares;

        Ints(int[] values) {
            this.values = values;
        }

        @Override
        public int compare(int i, int j) {
            compares++;
            return Integer.compare(values[i], values[j]);
        }

        @Override
        public void swap(int i, int j) {
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    enum Shape {
        RANDOM,
        FEW_DISTINCT,
        ALL_EQUAL,
        SORTED,
        REVERSED,
        ORGAN_PIPE
    }

    static int[] values(long seed, int n, Shape shape) {
        Random random = new Random(seed);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (shape) {
                case RANDOM -> random.nextInt();
                case FEW_DISTINCT -> random.nextInt(3);
                case ALL_EQUAL -> 7;
                case SORTED -> i;
                case REVERSED -> n - i;
                case ORGAN_PIPE -> Math.min(i, n - i);
            };
        }
        return values;
    }

    @Property(tries = 300)
    void quickSortSortsLikeArraysSortInNLogNCompares(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 20_000) int n, @ForAll Shape shape) {
        int[] values = values(seed, n, shape);
        int[] expected = values.clone();
        Arrays.sort(expected);
        Ints sortable = new Ints(values);
        QuickSort.sort(sortable, 0, n);
        assertThat(values).isEqualTo(expected);
        // the depth limit guarantees O(n log n) compares on every shape
        double log = Math.max(1, Math.log(n) / Math.log(2));
        assertThat(sortable.compares).isLessThanOrEqualTo((long) (8 * n * log) + 64);
    }

    @Property(tries = 100)
    void heapSortSortsASubrangeLikeArraysSort(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 5_000) int n, @ForAll Shape shape) {
        int[] values = values(seed, n + 20, shape);
        int[] expected = values.clone();
        Arrays.sort(expected, 10, 10 + n);
        HeapSort.sort(new Ints(values), 10, 10 + n);
        assertThat(values).isEqualTo(expected);
    }
}
