package io.weir.core.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Searches in byte arrays, eight bytes at a time. */
public final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;

    private Bytes() {}

    /**
     * The first index {@code i} in {@code [from, to)} with {@code array[i] == value}, or -1. Each
     * step reads eight bytes as a {@code long} and finds a byte equal to {@code value} with the
     * "has zero byte" test on {@code word ^ pattern}: its lowest set marker bit is exact (false
     * markers only occur above a true zero byte), so the first match is found.
     */
    public static int indexOf(byte[] array, int from, int to, byte value) {
        long pattern = ONES * (value & 0xFF);
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(array, i) ^ pattern;
            long found = (word - ONES) & ~word & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (array[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The indexes of {@code value} in {@code [from, to)}, in order, into {@code positions}: at most
     * {@code max} of them (the search stops there); returns how many. Each step reads eight bytes and
     * marks every byte equal to {@code value} exactly (the zero-byte test without borrows, {@code
     * ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..)} on {@code x = word ^ pattern}), so one read serves
     * all the matches in it: how a line's delimiters are found at once rather than field by field.
     */
    public static int indexesOf(byte[] array, int from, int to, byte value, int[] positions, int max) {
        long pattern = ONES * (value & 0xFF);
        int count = 0;
        int i = from;
        for (; i <= to - Long.BYTES && count < max; i += Long.BYTES) {
            long word = (long) LONGS.get(array, i) ^ pattern;
            long found = ~(((word & LOWS) + LOWS) | word | LOWS);
            while (found != 0 && count < max) {
                positions[count++] = i + (Long.numberOfTrailingZeros(found) >>> 3);
                found &= found - 1;
            }
        }
        for (; i < to && count < max; i++) {
            if (array[i] == value) {
                positions[count++] = i;
            }
        }
        return count;
    }

    /**
     * The first index {@code i} in {@code [from, to)} with {@code array[i] < 0} (a byte that is not
     * ASCII), or {@code to}.
     */
    public static int firstNegative(byte[] array, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long high = (long) LONGS.get(array, i) & HIGHS;
            if (high != 0) {
                return i + (Long.numberOfTrailingZeros(high) >>> 3);
            }
        }
        while (i < to && array[i] >= 0) {
            i++;
        }
        return i;
    }
}
