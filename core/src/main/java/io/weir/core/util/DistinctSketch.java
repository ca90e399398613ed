package io.weir.core.util;

/**
 * A HyperLogLog sketch of how many distinct values a stream holds, in {@value #REGISTERS} one-byte
 * registers (a standard error of about 1.6%): sketches of parts of a stream merge into the sketch of
 * the whole. Values are added by a well-mixed 64-bit hash ({@link Mixing#mix64} of a {@code long}).
 *
 * @param registers the registers (kept by the sketch and changed as values are added)
 */
public record DistinctSketch(byte[] registers) {

    private static final int PRECISION = 12;
    private static final int REGISTERS = 1 << PRECISION;

    /** An empty sketch. */
    public DistinctSketch() {
        this(new byte[REGISTERS]);
    }

    public DistinctSketch {
        if (registers.length != REGISTERS) {
            throw new IllegalArgumentException("a sketch has " + REGISTERS + " registers, not " + registers.length);
        }
    }

    /** Adds the value whose mixed hash is {@code hash}. */
    public void add(long hash) {
        int register = (int) (hash >>> (64 - PRECISION));
        // the rank of the first 1 bit of the rest (a bit set past the end caps it at 64 - PRECISION + 1)
        byte rank = (byte) (Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1);
        if (registers[register] < rank) {
            registers[register] = rank;
        }
    }

    /** Adds the {@code long} {@code value}. */
    public void addLong(long value) {
        add(Mixing.mix64(value));
    }

    /** The sketch of both streams (a new sketch; this and {@code other} stay as they are). */
    public DistinctSketch merge(DistinctSketch other) {
        byte[] merged = registers.clone();
        for (int i = 0; i < REGISTERS; i++) {
            merged[i] = (byte) Math.max(merged[i], other.registers[i]);
        }
        return new DistinctSketch(merged);
    }

    /** The estimated number of distinct values added (exact to within a few percent). */
    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double estimate = alpha * REGISTERS * (double) REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            // few values: linear counting over the empty registers is the better estimate
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return Math.round(estimate);
    }
}
