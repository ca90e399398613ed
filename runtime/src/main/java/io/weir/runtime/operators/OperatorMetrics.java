package io.weir.runtime.operators;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a memory-bounded operator reports: records and bytes in and out, bytes and runs (files)
 * spilled, and the most managed-memory pages it held at once. Counters may be updated by the
 * operator's thread and by its spilling thread; they are read by reporters while it runs.
 */
public final class OperatorMetrics {

    /** The whole operator's metrics, when these are a part's; spills and pages are reported there too. */
    private final OperatorMetrics whole;

    private final AtomicLong recordsIn = new AtomicLong();
    private final AtomicLong recordsOut = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicLong bytesSpilled = new AtomicLong();
    private final AtomicLong spillFiles = new AtomicLong();
    private final AtomicLong peakPages = new AtomicLong();

    public OperatorMetrics() {
        this(null);
    }

    /**
     * Metrics of a part of an operator (a buffer, a sorter inside a join): its records are its own,
     * but its spills and pages count for the whole operator as well.
     */
    public OperatorMetrics(OperatorMetrics whole) {
        this.whole = whole;
    }

    public void addRecordsIn(long count) {
        recordsIn.addAndGet(count);
    }

    public void addRecordsOut(long count) {
        recordsOut.addAndGet(count);
    }

    public void addBytesIn(long bytes) {
        bytesIn.addAndGet(bytes);
    }

    public void addBytesOut(long bytes) {
        bytesOut.addAndGet(bytes);
    }

    /** Records one spill file of {@code bytes} bytes. */
    public void addSpill(long bytes) {
        bytesSpilled.addAndGet(bytes);
        spillFiles.incrementAndGet();
        if (whole != null) {
            whole.addSpill(bytes);
        }
    }

    /** Records that the operator holds {@code pages} pages now. */
    public void observePages(long pages) {
        peakPages.accumulateAndGet(pages, Math::max);
        if (whole != null) {
            whole.observePages(pages);
        }
    }

    public long recordsIn() {
        return recordsIn.get();
    }

    public long recordsOut() {
        return recordsOut.get();
    }

    public long bytesIn() {
        return bytesIn.get();
    }

    public long bytesOut() {
        return bytesOut.get();
    }

    public long bytesSpilled() {
        return bytesSpilled.get();
    }

    /** The number of spill files written (sorted runs, spilled partitions, ...). */
    public long spillFiles() {
        return spillFiles.get();
    }

    public long peakPages() {
        return peakPages.get();
    }

    @Override
    public String toString() {
        return "records in " + recordsIn() + ", out " + recordsOut() + "; bytes in " + bytesIn() + ", out " + bytesOut()
                + "; spilled " + bytesSpilled() + " bytes in " + spillFiles() + " files; peak " + peakPages()
                + " pages";
    }
}
