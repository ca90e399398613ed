package io.weir.runtime.operators.hash;

/** The hash mixing shared by the hash tables of this package. */
final class Hashing {

    private Hashing() {}

    /**
     * A comparator's hash with a seed per recursion level, through a murmur3 finalizer so that high
     * bits (partitions) and low bits (slots) both vary. The seeds differ from the exchange's mixing,
     * so the keys one parallel instance receives still spread over its partitions.
     */
    static int mix(int hash, int level) {
        int h = hash ^ (0x9E3779B9 * (level + 1));
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
