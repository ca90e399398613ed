package io.weir.runtime.operators.sort;

import io.weir.core.functions.Collector;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.io.ChannelReaderInputView;
import io.weir.memory.io.ChannelWriterOutputView;
import io.weir.memory.io.FileChannelId;
import io.weir.memory.view.DataOutputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sorts any number of records within a fixed memory budget.
 *
 * <ol>
 *   <li><b>Fill.</b> Records are serialized into a {@link SortBuffer} (records plus an index of
 *       pointer and normalized-key prefix) until its pages run out.
 *   <li><b>Sort and spill, in the background.</b> A full buffer goes to the sorter's spilling
 *       thread, which sorts its index ({@link QuickSort}) and copies the records, in order and without
 *       deserializing them, to a spill file: a sorted <em>run</em>. Meanwhile the caller fills the
 *       second buffer. With a combine function, each group of equal keys is combined on the way out.
 *       A record larger than a whole buffer becomes a run of its own.
 *   <li><b>Merge.</b> If nothing was spilled, the sorted buffer is the result. Otherwise the last
 *       buffer is spilled too and the runs are merged: at most {@code fan-in} at a time (one reader
 *       page each, at least), smallest first, into longer runs, until one final merge streams the
 *       result.
 * </ol>
 *
 * <pre>
 *   budget:   [ 2 spill-writer pages | pool shared by two sort buffers                        ]
 *   filling:  buffer A may take the whole pool, so data that fits in memory is never spilled;
 *   spilling: once one buffer has spilled, each may hold at most half the pool, so that one fills
 *             while the other is sorted and written
 *   merging:  [ 2 pages for an intermediate run's writer | 1 to 4 read-ahead pages per run     ]
 * </pre>
 *
 * The first spill is waited for (the first buffer took every page); later ones overlap with
 * filling. The sorter owns its {@link OperatorResources}: {@link #close()} stops the spilling thread,
 * deletes every run and frees every page, whether the sort finished, failed or was cancelled.
 */
public final class ExternalSorter<T> implements AutoCloseable {

    /** The fewest pages a sorter works with: two for the buffers, two for spilling. */
    public static final int MIN_PAGES = 4;

    /** The most runs merged at once, unless configured otherwise. */
    public static final int DEFAULT_MAX_FAN_IN = 128;

    private static final int WRITER_PAGES = 2;
    private static final int MAX_READ_AHEAD = 4;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final GroupCombineFunction<T, T> combiner;
    private final OperatorResources resources;
    private final int maxFanIn;

    private final PageBudget pool;
    /** Pages for writing runs; used by one thread at a time (the spiller, or the caller when idle). */
    private final List<MemorySegment> writerPages;

    private final List<SortBuffer<T>> buffers = new ArrayList<>(2);
    private SortBuffer<T> filling;
    private Spiller spiller;
    private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    private boolean finished;
    private long added;

    /** A sorted run on disk. */
    private record Run(FileChannelId file, long records, long bytes) {}

    /**
     * @param combiner applied to each group of equal keys before a buffer is spilled and when the
     *     result is read from memory, or {@code null}
     * @param maxFanIn the most runs merged at once (at least 2)
     */
    public ExternalSorter(
            TypeSerializer<T> serializer,
            TypeComparator<T> comparator,
            GroupCombineFunction<T, T> combiner,
            OperatorResources resources,
            int maxFanIn) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.comparator = Objects.requireNonNull(comparator, "comparator is null");
        this.combiner = combiner;
        this.resources = Objects.requireNonNull(resources, "resources is null");
        if (maxFanIn < 2) {
            throw new IllegalArgumentException("a merge needs a fan-in of at least 2, not " + maxFanIn);
        }
        this.maxFanIn = maxFanIn;
        this.pool = resources.budget(MIN_PAGES);
        this.writerPages = new ArrayList<>(pool.take(WRITER_PAGES));
        for (int i = 0; i < 2; i++) {
            buffers.add(new SortBuffer<>(serializer.duplicate(), comparator.duplicate(), pool, resources.pageSize()));
        }
        this.filling = buffers.get(0);
    }

    public ExternalSorter(TypeSerializer<T> serializer, TypeComparator<T> comparator, OperatorResources resources) {
        this(serializer, comparator, null, resources, DEFAULT_MAX_FAN_IN);
    }

    /** Adds a record to sort. */
    public void add(T record) throws IOException {
        if (finished) {
            throw new IllegalStateException(resources + ": records cannot be added after the sort finished");
        }
        if ((++added & 0xFF) == 0) {
            // counters and the cancellation check are touched once per 256 records, not per record
            resources.metrics().addRecordsIn(256);
            resources.checkCancelled();
        }
        try {
            if (filling.add(record)) {
                return;
            }
            if (!filling.isEmpty()) {
                switchBuffers();
                if (filling.add(record)) {
                    return;
                }
            }
            // larger than a whole (empty) buffer: a run of its own, written while the spiller is idle
            spiller().awaitIdle();
            spillSingleRecord(record);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while sorting a record", e);
        }
    }

    /** Hands the full buffer to the spiller and continues in the other one. */
    private void switchBuffers() throws IOException {
        SortBuffer<T> full = filling;
        Spiller spiller = spiller();
        spiller.awaitIdle(); // the other buffer is free only once its spill is done
        spiller.submit(full);
        filling = buffers.get(0) == full ? buffers.get(1) : buffers.get(0);
        if (runs.isEmpty() && !spiller.spilledBefore) {
            // the first buffer took the whole pool: wait for its pages, then share the pool
            spiller.awaitIdle();
            for (SortBuffer<T> buffer : buffers) {
                buffer.setMaxPages(Math.max(2, (pool.total() - WRITER_PAGES) / 2));
            }
        }
        spiller.spilledBefore = true;
    }

    private Spiller spiller() {
        if (spiller == null) {
            spiller = new Spiller();
        }
        return spiller;
    }

    /**
     * Ends the input and returns the records in order. The iterator is valid until {@link #close()}.
     */
    public RecordIterator<T> finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(resources + ": the sort already finished");
        }
        finished = true;
        resources.metrics().addRecordsIn(added & 0xFF);
        try {
            resources.checkCancelled();
            if (spiller != null) {
                spiller.awaitIdle();
                spiller.stop();
            }
            if (runs.isEmpty()) {
                resources.metrics().addBytesIn(filling.recordBytes());
                resources.metrics().observePages(filling.pagesHeld() + WRITER_PAGES);
                filling.sort();
                return counting(inMemoryResult(filling));
            }
            if (!filling.isEmpty()) {
                spill(filling);
            }
            for (SortBuffer<T> buffer : buffers) {
                buffer.reset();
            }
            pool.addAll(writerPages);
            writerPages.clear();
            return counting(mergeRuns());
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while finishing the sort", e);
        }
    }

    /** Whether any run was spilled to disk. */
    public boolean spilled() {
        return !runs.isEmpty();
    }

    // ------------------------------------------------------------------------------------------
    // Spilling
    // ------------------------------------------------------------------------------------------

    /**
     * The sorter's spilling thread: takes one full buffer at a time, sorts and writes it as a run,
     * and gives its pages back. Its first failure is reported to the caller's next call.
     */
    private final class Spiller implements Runnable {
        private final Thread thread;
        private SortBuffer<T> pending;
        private boolean busy;
        private boolean stopped;
        private Throwable failure;
        /** Touched by the caller's thread only. */
        boolean spilledBefore;

        Spiller() {
            thread = new Thread(this, "weir-sort-spiller (" + resources + ")");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void submit(SortBuffer<T> buffer) throws IOException {
            checkFailure();
            pending = buffer;
            busy = true;
            notifyAll();
        }

        /** Waits until no buffer is pending or being spilled; rethrows a spilling failure. */
        synchronized void awaitIdle() throws IOException {
            try {
                while (busy) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for a spill");
            }
            checkFailure();
        }

        private void checkFailure() throws IOException {
            if (failure instanceof IOException io) {
                throw new IOException("spilling a sorted run failed: " + io.getMessage(), io);
            }
            if (failure != null) {
                throw new IOException("spilling a sorted run failed: " + failure, failure);
            }
        }

        @Override
        public void run() {
            while (true) {
                SortBuffer<T> buffer;
                synchronized (this) {
                    while (pending == null && !stopped) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // only stop() ends the thread
                        }
                    }
                    if (stopped) {
                        return;
                    }
                    buffer = pending;
                    pending = null;
                }
                Throwable error = null;
                try {
                    spill(buffer);
                } catch (Throwable e) {
                    error = e;
                }
                synchronized (this) {
                    if (error != null && failure == null) {
                        failure = error;
                    }
                    busy = false;
                    notifyAll();
                }
            }
        }

        /** Ends the thread, interrupting a spill in progress, and waits for it. */
        void stop() {
            synchronized (this) {
                stopped = true;
                notifyAll();
            }
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sorts a buffer, writes it as a run and gives its pages back to the pool. */
    private void spill(SortBuffer<T> buffer) throws IOException {
        resources.metrics().addBytesIn(buffer.recordBytes());
        buffer.sort();
        writeRun(out -> {
            if (combiner == null) {
                buffer.copySortedTo(out);
                return buffer.size();
            }
            return combineInto(buffer.sortedRecords(), out);
        });
        buffer.reset();
    }

    private void spillSingleRecord(T record) throws IOException {
        writeRun(out -> {
            serializer.serialize(record, out);
            return 1;
        });
        resources.metrics().addBytesIn(runs.get(runs.size() - 1).bytes());
    }

    @FunctionalInterface
    private interface RunWriter {
        /** Writes records and returns how many. */
        long write(DataOutputView out) throws IOException;
    }

    private void writeRun(RunWriter contents) throws IOException {
        FileChannelId file = resources.ioManager().createChannel(resources);
        ChannelWriterOutputView out =
                new ChannelWriterOutputView(resources.ioManager().createBlockWriter(file), writerPages);
        writerPages.clear();
        long records = contents.write(out);
        long bytes = out.bytesWritten();
        writerPages.addAll(out.close());
        runs.add(new Run(file, records, bytes));
        resources.metrics().addSpill(bytes);
    }

    // ------------------------------------------------------------------------------------------
    // Reading the result
    // ------------------------------------------------------------------------------------------

    private RecordIterator<T> inMemoryResult(SortBuffer<T> buffer) throws IOException {
        if (combiner == null) {
            return buffer.sortedRecords();
        }
        // combine group by group as the result is read
        GroupIterator<T> groups = new GroupIterator<>(buffer.sortedRecords(), comparator);
        ArrayDeque<T> combined = new ArrayDeque<>();
        Collector<T> collector = combined::add;
        return () -> {
            while (combined.isEmpty()) {
                if (!groups.nextGroup()) {
                    return null;
                }
                combine(groups, collector);
            }
            return combined.poll();
        };
    }

    /** Combines each group of {@code sorted} into {@code out}; returns the records written. */
    private long combineInto(RecordIterator<T> sorted, DataOutputView out) throws IOException {
        GroupIterator<T> groups = new GroupIterator<>(sorted, comparator);
        long[] written = new long[1];
        Collector<T> collector = record -> {
            try {
                serializer.serialize(record, out);
                written[0]++;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        while (groups.nextGroup()) {
            combine(groups, collector);
        }
        return written[0];
    }

    private void combine(GroupIterator<T> group, Collector<T> out) throws IOException {
        try {
            combiner.combine(group, out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the combine function failed: " + e, e);
        }
        group.skipRest();
    }

    private RecordIterator<T> mergeRuns() throws IOException {
        int pages = pool.available();
        // intermediate rounds while the runs outnumber what one final merge can read
        int finalFanIn = Math.min(maxFanIn, pages);
        int intermediateFanIn = Math.min(maxFanIn, pages - WRITER_PAGES);
        List<Run> remaining = new ArrayList<>(runs);
        while (remaining.size() > finalFanIn) {
            remaining.sort(Comparator.comparingLong(Run::bytes));
            int fanIn = Math.min(intermediateFanIn, remaining.size() - finalFanIn + 1);
            List<Run> merging = new ArrayList<>(remaining.subList(0, fanIn));
            remaining.subList(0, fanIn).clear();
            remaining.add(mergeIntoNewRun(merging));
        }
        return openMerge(remaining, pool.available());
    }

    private Run mergeIntoNewRun(List<Run> inputs) throws IOException {
        List<MemorySegment> writer = pool.take(WRITER_PAGES);
        MergeIterator<T> merge = openMerge(inputs, pool.available());
        FileChannelId file = resources.ioManager().createChannel(resources);
        ChannelWriterOutputView out =
                new ChannelWriterOutputView(resources.ioManager().createBlockWriter(file), writer);
        long records = 0;
        for (T record = merge.next(); record != null; record = merge.next()) {
            serializer.serialize(record, out);
            records++;
        }
        long bytes = out.bytesWritten();
        pool.addAll(out.close());
        merge.close(pool);
        resources.metrics().addSpill(bytes);
        return new Run(file, records, bytes);
    }

    private MergeIterator<T> openMerge(List<Run> inputs, int pages) throws IOException {
        int perReader = Math.max(1, Math.min(MAX_READ_AHEAD, pages / inputs.size()));
        List<MergeIterator.Source<T>> sources = new ArrayList<>(inputs.size());
        for (Run run : inputs) {
            ChannelReaderInputView in = new ChannelReaderInputView(
                    resources.ioManager().createBlockReader(run.file()), pool.take(perReader));
            sources.add(new MergeIterator.Source<>(run.file(), in, run.records(), serializer));
        }
        return new MergeIterator<>(sources, comparator, resources);
    }

    private RecordIterator<T> counting(RecordIterator<T> result) {
        return new RecordIterator<>() {
            private long pending;

            @Override
            public T next() throws IOException {
                T record = result.next();
                if (record == null) {
                    resources.metrics().addRecordsOut(pending);
                    pending = 0;
                } else if (++pending == 1024) {
                    resources.metrics().addRecordsOut(pending);
                    pending = 0;
                }
                return record;
            }
        };
    }

    /** Stops the spilling thread, deletes all runs and frees all pages. */
    @Override
    public void close() {
        if (spiller != null) {
            spiller.stop();
        }
        resources.close();
    }
}
