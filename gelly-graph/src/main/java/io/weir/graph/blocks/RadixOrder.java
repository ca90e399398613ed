package io.weir.graph.blocks;

/**
 * A stable sort of {@code long} keys by least-significant-digit radix, 11 bits a pass, over only the
 * bits in which the keys differ (ids below 2^22 take two passes, whatever their type's width), and
 * skipping a pass whose digit is the same for every key. It gives the sorted keys and where each came
 * from: what a block needs to list its distinct ids in order and to place its edges.
 */
final class RadixOrder {

    private static final int BITS = 11;
    private static final int MASK = (1 << BITS) - 1;

    private RadixOrder() {}

    /**
     * The distinct keys of {@code keys[0 .. count)}, ascending, with {@code rank[i]} the position of
     * {@code keys[i]} among them. Keys that span at most 64 times their count (ids numbered from
     * about 0, as most graphs' are) are marked in a bitmap over their range and ranked by counting its
     * bits — a pass to mark, one over the bitmap, one to rank, where sorting takes a scatter per 11
     * bits; other keys are {@linkplain #sort sorted}.
     */
    static long[] distinctRanks(long[] keys, int count, int[] rank) {
        long min = min(keys, count);
        long[] bits = bitmap(keys, count, min);
        if (bits == null) {
            return sortedRanks(keys, count, rank);
        }
        int[] before = new int[bits.length];
        int distinct = 0;
        for (int word = 0; word < bits.length; word++) {
            before[word] = distinct;
            distinct += Long.bitCount(bits[word]);
        }
        for (int i = 0; i < count; i++) {
            long offset = keys[i] - min;
            int word = (int) (offset >>> 6);
            rank[i] = before[word] + Long.bitCount(bits[word] & ((1L << offset) - 1));
        }
        return listed(bits, min, distinct);
    }

    /**
     * The distinct values of {@code values[0 .. count)}, ascending: through a bitmap as {@link
     * #distinctRanks} does when they are dense enough, else by sorting (then {@code values} is sorted
     * in place).
     */
    static long[] distinct(long[] values, int count) {
        long min = min(values, count);
        long[] bits = bitmap(values, count, min);
        if (bits != null) {
            int distinct = 0;
            for (long word : bits) {
                distinct += Long.bitCount(word);
            }
            return listed(bits, min, distinct);
        }
        java.util.Arrays.sort(values, 0, count);
        int unique = 0;
        for (int i = 0; i < count; i++) {
            if (unique == 0 || values[i] != values[unique - 1]) {
                values[unique++] = values[i];
            }
        }
        return java.util.Arrays.copyOf(values, unique);
    }

    private static long min(long[] keys, int count) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, keys[i]);
        }
        return min;
    }

    /**
     * A bit per value from {@code min} on, set for each of {@code keys[0 .. count)}; {@code null} when
     * the keys span more than 64 times their count (the bitmap would outgrow them) or there are none.
     */
    private static long[] bitmap(long[] keys, int count, long min) {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, keys[i]);
        }
        long range = max - min; // one less than the span; negative when the span overflows
        if (count == 0 || range < 0 || range >= 64L * count || range >= Integer.MAX_VALUE) {
            return null;
        }
        long[] bits = new long[(int) (range >>> 6) + 1];
        for (int i = 0; i < count; i++) {
            long offset = keys[i] - min;
            bits[(int) (offset >>> 6)] |= 1L << offset;
        }
        return bits;
    }

    /** The {@code distinct} values whose bits are set, ascending. */
    private static long[] listed(long[] bits, long min, int distinct) {
        long[] sorted = new long[distinct];
        for (int word = 0, next = 0; word < bits.length; word++) {
            for (long left = bits[word]; left != 0; left &= left - 1) {
                sorted[next++] = min + ((long) word << 6) + Long.numberOfTrailingZeros(left);
            }
        }
        return sorted;
    }

    /** {@link #distinctRanks} by sorting. */
    private static long[] sortedRanks(long[] keys, int count, int[] rank) {
        if (count == 0) {
            return new long[0];
        }
        long[] sorted = new long[count];
        int[] from = new int[count];
        sort(keys, count, sorted, from);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            long key = sorted[i];
            if (distinct == 0 || key != sorted[distinct - 1]) {
                sorted[distinct++] = key;
            }
            rank[from[i]] = distinct - 1;
        }
        return java.util.Arrays.copyOf(sorted, distinct);
    }

    /**
     * Sorts {@code keys[0 .. count)} ascending (as signed values) into {@code sortedKeys[0 .. count)},
     * with {@code order[i]} the index in {@code keys} of {@code sortedKeys[i]}; equal keys keep the
     * order they had. {@code keys} is left as it was.
     */
    static void sort(long[] keys, int count, long[] sortedKeys, int[] order) {
        long any = 0;
        long all = -1;
        for (int i = 0; i < count; i++) {
            long key = keys[i] ^ Long.MIN_VALUE; // signed order as unsigned bits
            sortedKeys[i] = key;
            order[i] = i;
            any |= key;
            all &= key;
        }
        long varying = any ^ all;
        if (varying != 0) {
            int low = Long.numberOfTrailingZeros(varying);
            int high = 64 - Long.numberOfLeadingZeros(varying);
            long[] fromKeys = sortedKeys;
            int[] fromOrder = order;
            long[] toKeys = new long[count];
            int[] toOrder = new int[count];
            int[] starts = new int[MASK + 1];
            for (int shift = low; shift < high; shift += BITS) {
                java.util.Arrays.fill(starts, 0);
                for (int i = 0; i < count; i++) {
                    starts[(int) (fromKeys[i] >>> shift) & MASK]++;
                }
                if (starts[(int) (fromKeys[0] >>> shift) & MASK] == count) {
                    continue; // one digit for all: the pass would keep the order
                }
                int sum = 0;
                for (int digit = 0; digit <= MASK; digit++) {
                    int size = starts[digit];
                    starts[digit] = sum;
                    sum += size;
                }
                for (int i = 0; i < count; i++) {
                    long key = fromKeys[i];
                    int at = starts[(int) (key >>> shift) & MASK]++;
                    toKeys[at] = key;
                    toOrder[at] = fromOrder[i];
                }
                long[] keysNow = toKeys;
                toKeys = fromKeys;
                fromKeys = keysNow;
                int[] orderNow = toOrder;
                toOrder = fromOrder;
                fromOrder = orderNow;
            }
            if (fromKeys != sortedKeys) {
                System.arraycopy(fromKeys, 0, sortedKeys, 0, count);
                System.arraycopy(fromOrder, 0, order, 0, count);
            }
        }
        for (int i = 0; i < count; i++) {
            sortedKeys[i] ^= Long.MIN_VALUE;
        }
    }
}
