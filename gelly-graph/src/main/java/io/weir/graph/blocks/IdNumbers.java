package io.weir.graph.blocks;

import io.weir.core.util.Mixing;
import java.util.Arrays;

/**
 * Numbers {@code long} ids densely in the order they first come (0, 1, 2, ...): how per-edge work
 * turns arbitrary 64-bit ids into array indices. Ids in {@code [0, }{@link #DIRECT_IDS}{@code )} —
 * most graphs number their vertices from 0 — are looked up in an array indexed by the id, which grows
 * to the largest such id seen; the others in an open-addressing table. The array is 4 bytes per id
 * below the largest, and a lookup is one read of it where the table costs a hash and a probe of 16
 * bytes per slot at most half full (R-MAT 19's ids: 2 MiB of array against 16 MiB of table).
 */
public final class IdNumbers {
    /** Ids below this are numbered through {@link #direct} (16 MiB of it at most). */
    static final int DIRECT_IDS = 1 << 22;

    /** The number + 1 of each id below {@code direct.length} (0: not numbered yet). */
    private int[] direct = new int[0];

    /**
     * Slot {@code i} is {@code table[2i]} (the id) and {@code table[2i+1]} (its number + 1; 0 marks
     * a free slot), side by side so that a lookup touches one cache line; at most half the slots used.
     */
    private long[] table = new long[128];

    /** The ids in {@link #table}. */
    private int hashed;

    private long[] byNumber = new long[32];
    private int size;
    /** The last id looked up in the table and its number: runs of one source (a file sorted by source) hash once. */
    private long lastId;

    private int lastNumber = -1;

    /** The id's number: the number of distinct ids that came before it. */
    public int numberOf(long id) {
        if (id >= 0 && id < DIRECT_IDS) {
            return directNumberOf((int) id);
        }
        if (id == lastId && lastNumber >= 0) {
            return lastNumber;
        }
        int mask = (table.length >>> 1) - 1;
        for (int slot = (int) Mixing.mix64(id) & mask; ; slot = (slot + 1) & mask) {
            long number = table[2 * slot + 1];
            if (number == 0) {
                if (2 * (hashed + 1) > mask + 1) {
                    grow();
                    return numberOf(id);
                }
                table[2 * slot] = id;
                table[2 * slot + 1] = add(id) + 1;
                hashed++;
                lastId = id;
                return lastNumber = size - 1;
            }
            if (table[2 * slot] == id) {
                lastId = id;
                return lastNumber = (int) number - 1;
            }
        }
    }

    private int directNumberOf(int id) {
        if (id >= direct.length) {
            int length = Math.max(Math.max(64, 2 * direct.length), Integer.highestOneBit(id) << 1);
            direct = Arrays.copyOf(direct, Math.min(DIRECT_IDS, length));
        }
        int number = direct[id];
        if (number != 0) {
            return number - 1;
        }
        direct[id] = add(id) + 1;
        return size - 1;
    }

    /** Gives {@code id} the next number, and returns it. */
    private int add(long id) {
        if (size == byNumber.length) {
            byNumber = Arrays.copyOf(byNumber, 2 * size);
        }
        byNumber[size] = id;
        return size++;
    }

    /** Doubles the table, putting its ids in again. */
    private void grow() {
        int capacity = table.length; // slots: twice as many as before
        table = new long[2 * capacity];
        int mask = capacity - 1;
        for (int number = 0; number < size; number++) {
            long id = byNumber[number];
            if (id >= 0 && id < DIRECT_IDS) {
                continue; // numbered through the array
            }
            int slot = (int) Mixing.mix64(id) & mask;
            while (table[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = id;
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
