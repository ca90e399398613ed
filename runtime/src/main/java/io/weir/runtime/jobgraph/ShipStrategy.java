package io.weir.runtime.jobgraph;

/** How the records of a producer's instances are distributed over the consumer's instances. */
public enum ShipStrategy {
    /** Instance {@code i} sends to instance {@code i} only (same parallelism on both sides). */
    FORWARD,
    /** Each record goes to the instance its key hashes to. */
    HASH,
    /** Each record goes to every instance. */
    BROADCAST,
    /** Records go round-robin to all instances, evening out their load. */
    REBALANCE,
    /** Each record goes to the instance a {@link RecordPartitioner} picks (custom and range partitioning). */
    CUSTOM,
    /**
     * Each producer instance keeps a uniform random sample of its records (a reservoir of {@link
     * #SAMPLE_SIZE}) and sends only the sample, when its input ends: how a range partitioning
     * learns the distribution of its keys.
     */
    SAMPLE;

    /** The records each producer instance sends on a {@link #SAMPLE} edge, at most. */
    public static final int SAMPLE_SIZE = 2_000;

    /** Whether a producer instance sends to every consumer instance (all-to-all) or to one (pointwise). */
    public boolean isAllToAll() {
        return this != FORWARD;
    }
}
