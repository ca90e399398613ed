package io.weir.core.io;

/**
 * What a source knows about its data before the job runs, for the optimizer's estimates: the number
 * of records, the bytes it reads, and the average width of one record in bytes (of the fields it
 * produces, which may be fewer than the bytes read per record). Each is -1 when unknown.
 */
public record SourceStatistics(long records, long inputBytes, double recordWidth) {

    public static final SourceStatistics UNKNOWN = new SourceStatistics(-1, -1, -1);

    public SourceStatistics {
        if (records < -1 || inputBytes < -1 || (recordWidth < 0 && recordWidth != -1)) {
            throw new IllegalArgumentException("source statistics are counts, or -1 for unknown: " + records + ", "
                    + inputBytes + ", " + recordWidth);
        }
    }
}
