package io.weir.runtime.operators.hash;

import io.weir.memory.MemorySegment;

/**
 * A Bloom filter over one managed-memory page: for a spilled hash-join partition, the set of build
 * keys' hashes, so that probe records that cannot match are not spilled.
 *
 * <pre>
 *   page of size S bytes = 8S bits; bit i is bit (i &amp; 7) of byte (i &gt;&gt;&gt; 3)
 *   a hash h sets bits  (h1 + k * h2) mod 8S  for k = 0, 1, 2,
 *   where h1 = h and h2 = h rotated by 16 bits, forced odd
 * </pre>
 *
 * "Might contain" can be wrong (a false positive: the record is spilled needlessly), "does not
 * contain" never is.
 */
final class BloomFilter {

    private static final int PROBES = 3;

    private final MemorySegment page;
    private final int mask;

    /** A filter over {@code page}, cleared. */
    BloomFilter(MemorySegment page) {
        this.page = page;
        this.mask = page.size() * 8 - 1;
        page.clear(0, page.size());
    }

    MemorySegment page() {
        return page;
    }

    void add(int hash) {
        int h2 = Integer.rotateLeft(hash, 16) | 1;
        for (int k = 0; k < PROBES; k++) {
            int bit = (hash + k * h2) & mask;
            page.put(bit >>> 3, (byte) (page.get(bit >>> 3) | (1 << (bit & 7))));
        }
    }

    boolean mightContain(int hash) {
        int h2 = Integer.rotateLeft(hash, 16) | 1;
        for (int k = 0; k < PROBES; k++) {
            int bit = (hash + k * h2) & mask;
            if ((page.get(bit >>> 3) & (1 << (bit & 7))) == 0) {
                return false;
            }
        }
        return true;
    }
}
