package io.weir.core.io;

/** The numbers {@code from} to {@code to} (both included), divided into equal ranges. */
public final class NumberSequenceInputFormat implements InputFormat<Long, NumberSequenceInputFormat.Range> {

    /** The numbers {@code from} to {@code to}, both included. */
    public record Range(int splitNumber, long from, long to) implements InputSplit {}

    private final long from;
    private final long to;
    private transient long next;
    private transient long last;

    public NumberSequenceInputFormat(long from, long to) {
        if (to < from) {
            throw new IllegalArgumentException("a sequence from " + from + " to " + to + " is empty; give to >= from");
        }
        this.from = from;
        this.to = to;
    }

    /** Exact: one 8-byte record per number. */
    @Override
    public SourceStatistics statistics() {
        long count = to - from + 1;
        if (count <= 0 || count > Long.MAX_VALUE / 8) { // (overflowed: a range of nearly all longs)
            return SourceStatistics.UNKNOWN;
        }
        return new SourceStatistics(count, count * 8, 8, java.util.Map.of("*", count));
    }

    @Override
    public Range[] createInputSplits(int minSplits) {
        long count = to - from + 1;
        int splits = (int) Math.max(1, Math.min(minSplits, count));
        Range[] result = new Range[splits];
        long start = from;
        for (int i = 0; i < splits; i++) {
            long size = count / splits + (i < count % splits ? 1 : 0);
            result[i] = new Range(i, start, start + size - 1);
            start += size;
        }
        return result;
    }

    @Override
    public void open(Range split) {
        next = split.from();
        last = split.to();
    }

    @Override
    public boolean reachedEnd() {
        return next > last;
    }

    @Override
    public Long nextRecord() {
        return next > last ? null : next++;
    }

    @Override
    public void close() {}

    @Override
    public String description() {
        return "sequence " + from + " to " + to;
    }
}
