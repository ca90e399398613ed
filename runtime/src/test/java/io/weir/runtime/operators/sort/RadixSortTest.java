package io.weir.runtime.operators.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RadixSortTest {

    /**
     * Longs sorted as signed numbers; the radix key is the first {@code keyLength} bytes of the
     * value with its sign bit flipped (big-endian), as a normalized key would be. When the key is
     * shorter than 8 bytes, compare breaks the ties.
     */
    private static final class Longs implements RadixSortable {
        final long[] values;
        final int keyLength;

        Longs(long[] values, int keyLength) {
            this.values = values;
            this.keyLength = keyLength;
        }

        @Override
        public int compare(int i, int j) {
            return Long.compare(values[i], values[j]);
        }

        @Override
        public void swap(int i, int j) {
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }

        @Override
        public int keyLength() {
            return keyLength;
        }

        @Override
        public boolean keyDecides() {
            return keyLength == 8;
        }

        @Override
        public int keyByte(int i, int k) {
            return (int) ((values[i] ^ Long.MIN_VALUE) >>> (56 - 8 * k)) & 0xFF;
        }
    }

    enum Shape {
        RANDOM,
        SMALL_POSITIVE,
        AROUND_ZERO,
        FEW_DISTINCT,
        ALL_EQUAL,
        SORTED,
        REVERSED,
        SHARED_HIGH_BYTES
    }

    static long[] values(long seed, int n, Shape shape) {
        Random random = new Random(seed);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (shape) {
                case RANDOM -> random.nextLong();
                case SMALL_POSITIVE -> random.nextInt(1000);
                case AROUND_ZERO -> random.nextInt(2000) - 1000;
                case FEW_DISTINCT -> random.nextInt(3) * 0x0101010101L;
                case ALL_EQUAL -> 42;
                case SORTED -> i;
                case REVERSED -> -i;
                case SHARED_HIGH_BYTES -> 0x1234_5600_0000_0000L | random.nextInt(1 << 20);
            };
        }
        return values;
    }

    @Property(tries = 300)
    void sortsLikeArraysSortWhateverTheKeyLengthAndShape(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int n,
            @ForAll @IntRange(min = 0, max = 8) int keyLength,
            @ForAll @IntRange(min = 0, max = 20) int margin,
            @ForAll Shape shape) {
        long[] values = values(seed, n + 2 * margin, shape);
        long[] expected = values.clone();
        Arrays.sort(expected, margin, margin + n);
        RadixSort.sort(new Longs(values, keyLength), margin, margin + n);
        assertThat(values).isEqualTo(expected);
    }
}
