package io.weir.core.io;

import java.util.Map;

/**
 * What a source knows about its data before the job runs, for the optimizer's estimates: the number
 * of records, the bytes it reads, the average width of one record in bytes (of the fields it
 * produces, which may be fewer than the bytes read per record), and the estimated number of
 * distinct values of some top-level fields ({@code "*"} for an atomic record). Each number is -1
 * when unknown; a field missing from {@code distinctValues} is unknown.
 */
public record SourceStatistics(long records, long inputBytes, double recordWidth, Map<String, Long> distinctValues) {

    public static final SourceStatistics UNKNOWN = new SourceStatistics(-1, -1, -1);

    public SourceStatistics {
        if (records < -1 || inputBytes < -1 || (recordWidth < 0 && recordWidth != -1)) {
            throw new IllegalArgumentException("source statistics are counts, or -1 for unknown: " + records + ", "
                    + inputBytes + ", " + recordWidth);
        }
        distinctValues = Map.copyOf(distinctValues);
    }

    /** Statistics without distinct counts. */
    public SourceStatistics(long records, long inputBytes, double recordWidth) {
        this(records, inputBytes, recordWidth, Map.of());
    }

    /**
     * The distinct values of a field in data of {@code population} records, estimated from a sample
     * in which it took {@code distinct} values, {@code once} of them seen once and {@code twice} seen
     * twice: the bias-corrected Chao1 estimator, {@code distinct + once × (once − 1) / (2 × (twice +
     * 1))}, at most the population. Few values seen often are all there are (a category); a sample of
     * values seen once each stands for a key unique in every record.
     */
    public static long estimateDistinct(long population, long distinct, long once, long twice) {
        if (population <= 0 || distinct <= 0) {
            return distinct == 0 ? 0 : -1;
        }
        double unseen = (double) once * (once - 1) / (2.0 * (twice + 1));
        return Math.min(population, Math.round(distinct + unseen));
    }
}
