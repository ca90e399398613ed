package io.weir.graph.blocks;

import io.weir.core.util.Mixing;
import java.util.Arrays;

/**
 * Numbers {@code long} ids densely in the order they first come (0, 1, 2, ...), in an open-addressing
 * table: how per-edge work turns arbitrary 64-bit ids into array indices.
 */
public final class IdNumbers {
    /**
     * Slot {@code i} is {@code table[2i]} (the id) and {@code table[2i+1]} (its number + 1; 0 marks
     * a free slot), side by side so that a lookup touches one cache line.
     */
    private long[] table = new long[128];

    private long[] byNumber = new long[32];
    private int size;
    /** The last id looked up and its number: runs of one source (a file sorted by source) hash once. */
    private long lastId;

    private int lastNumber = -1;

    /** The id's number: the number of distinct ids that came before it. */
    public int numberOf(long id) {
        if (id == lastId && lastNumber >= 0) {
            return lastNumber;
        }
        int mask = (table.length >>> 1) - 1;
        for (int slot = (int) Mixing.mix64(id) & mask; ; slot = (slot + 1) & mask) {
            long number = table[2 * slot + 1];
            if (number == 0) {
                if (size == byNumber.length) {
                    byNumber = Arrays.copyOf(byNumber, 2 * size);
                    grow();
                    return numberOf(id);
                }
                byNumber[size] = id;
                table[2 * slot] = id;
                table[2 * slot + 1] = ++size;
                lastId = id;
                return lastNumber = size - 1;
            }
            if (table[2 * slot] == id) {
                lastId = id;
                return lastNumber = (int) number - 1;
            }
        }
    }

    /** Doubles the table (kept at twice the room of {@code byNumber}: at most half full). */
    private void grow() {
        int capacity = 2 * byNumber.length;
        table = new long[2 * capacity];
        int mask = capacity - 1;
        for (int number = 0; number < size; number++) {
            int slot = (int) Mixing.mix64(byNumber[number]) & mask;
            while (table[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = byNumber[number];
            table[2 * slot + 1] = number + 1;
        }
    }

    public int size() {
        return size;
    }

    /** The id numbered {@code number}. */
    public long idOf(int number) {
        return byNumber[number];
    }
}
