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
import io.weir.memory.view.RandomAccessInputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sorts any number of records within a fixed memory budget.
 *
 * <ol>
 *   <li><b>Fill.</b> Records are serialized into a {@link SortBuffer} (records plus an index of
 *       pointer and normalized-key prefix) until the budget's pages run out.
 *   <li><b>Sort and spill.</b> The full buffer's index is sorted ({@link QuickSort}) and the records
 *       are copied, in order and without being deserialized, to a spill file: a sorted <em>run</em>.
 *       With a combine function, each group of equal keys is combined on the way out. A record larger
 *       than the whole buffer becomes a run of its own.
 *   <li><b>Merge.</b> If nothing was spilled, the sorted buffer is the result. Otherwise the last
 *       buffer is spilled too and the runs are merged: at most {@code fan-in} at a time (one reader
 *       page each, at least), smallest first, into longer runs, until one final merge streams the
 *       result.
 * </ol>
 *
 * <pre>
 *   budget: [ 2 pages for the spill writer | pages shared by the sort buffer's records and index ]
 *   merge:  [ 2 pages for an intermediate run's writer | one or more read-ahead pages per run ]
 * </pre>
 *
 * The sorter owns its {@link OperatorResources}: {@link #close()} deletes every run and frees every
 * page, whether the sort finished, failed or was cancelled.
 */
public final class ExternalSorter<T> implements AutoCloseable {

    /** The fewest pages a sorter works with: two for the buffer, two for spilling. */
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

    private final ArrayDeque<MemorySegment> pool;
    private final List<MemorySegment> writerPages;
    private final SortBuffer<T> buffer;
    private final List<Run> runs = new ArrayList<>();
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
        List<MemorySegment> budget = resources.allocateBudget(MIN_PAGES);
        this.writerPages = new ArrayList<>(budget.subList(0, WRITER_PAGES));
        this.pool = new ArrayDeque<>(budget.subList(WRITER_PAGES, budget.size()));
        this.buffer = new SortBuffer<>(serializer, comparator, pool, resources.pageSize());
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
            resources.checkCancelled();
        }
        try {
            if (buffer.add(record)) {
                resources.metrics().addRecordsIn(1);
                return;
            }
            if (!buffer.isEmpty()) {
                spillBuffer();
                if (buffer.add(record)) {
                    resources.metrics().addRecordsIn(1);
                    return;
                }
            }
            spillSingleRecord(record);
            resources.metrics().addRecordsIn(1);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while sorting a record", e);
        }
    }

    /**
     * Ends the input and returns the records in order. The iterator is valid until {@link #close()}.
     */
    public RecordIterator<T> finish() throws IOException {
        if (finished) {
            throw new IllegalStateException(resources + ": the sort already finished");
        }
        finished = true;
        try {
            resources.checkCancelled();
            resources
                    .metrics()
                    .addBytesIn(buffer.recordBytes()
                            + runs.stream().mapToLong(Run::bytes).sum());
            if (runs.isEmpty()) {
                buffer.sort();
                return counting(inMemoryResult());
            }
            if (!buffer.isEmpty()) {
                spillBuffer();
            }
            buffer.reset();
            pool.addAll(writerPages);
            writerPages.clear();
            return counting(mergeRuns());
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while finishing the sort", e);
        }
    }

    /** Whether any run was spilled to disk. */
    public boolean spilled() {
        return !runs.isEmpty() || resources.metrics().spillFiles() > 0;
    }

    // ------------------------------------------------------------------------------------------
    // Spilling
    // ------------------------------------------------------------------------------------------

    private void spillBuffer() throws IOException {
        resources.metrics().observePages(buffer.pagesHeld() + WRITER_PAGES);
        resources.metrics().addBytesIn(buffer.recordBytes());
        buffer.sort();
        writeRun(out -> {
            if (combiner == null) {
                buffer.copySortedTo(out);
                return buffer.size();
            }
            return combineInto(sortedRecords(), out);
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

    /** The buffer's records in sorted order, deserialized one by one. */
    private RecordIterator<T> sortedRecords() {
        RandomAccessInputView in = buffer.recordReader();
        return new RecordIterator<>() {
            private int next;

            @Override
            public T next() throws IOException {
                if (next == buffer.size()) {
                    return null;
                }
                in.seek(buffer.pointer(next++));
                return serializer.deserialize(in);
            }
        };
    }

    private RecordIterator<T> inMemoryResult() throws IOException {
        if (combiner == null) {
            return sortedRecords();
        }
        // combine group by group as the result is read
        RecordIterator<T> sorted = sortedRecords();
        GroupIterator<T> groups = new GroupIterator<>(sorted, comparator);
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
        int pages = pool.size();
        // intermediate rounds while the runs outnumber what one final merge can read
        int finalFanIn = Math.min(maxFanIn, pages);
        int intermediateFanIn = Math.min(maxFanIn, pages - WRITER_PAGES);
        while (runs.size() > finalFanIn) {
            runs.sort(Comparator.comparingLong(Run::bytes));
            int fanIn = Math.min(intermediateFanIn, runs.size() - finalFanIn + 1);
            List<Run> merging = new ArrayList<>(runs.subList(0, fanIn));
            runs.subList(0, fanIn).clear();
            mergeIntoNewRun(merging);
        }
        return openMerge(runs, pool.size());
    }

    private void mergeIntoNewRun(List<Run> inputs) throws IOException {
        List<MemorySegment> writer = new ArrayList<>();
        for (int i = 0; i < WRITER_PAGES; i++) {
            writer.add(pool.poll());
        }
        MergeIterator<T> merge = openMerge(inputs, pool.size());
        FileChannelId file = resources.ioManager().createChannel(resources);
        ChannelWriterOutputView out =
                new ChannelWriterOutputView(resources.ioManager().createBlockWriter(file), writer);
        long records = 0;
        for (T record = merge.next(); record != null; record = merge.next()) {
            serializer.serialize(record, out);
            records++;
            if ((records & 0xFFF) == 0) {
                resources.checkCancelled();
            }
        }
        long bytes = out.bytesWritten();
        pool.addAll(out.close());
        merge.close(pool);
        runs.add(new Run(file, records, bytes));
        resources.metrics().addSpill(bytes);
    }

    private MergeIterator<T> openMerge(List<Run> inputs, int pages) throws IOException {
        int perReader = Math.max(1, Math.min(MAX_READ_AHEAD, pages / inputs.size()));
        List<MergeIterator.Source<T>> sources = new ArrayList<>(inputs.size());
        for (Run run : inputs) {
            List<MemorySegment> readAhead = new ArrayList<>(perReader);
            for (int i = 0; i < perReader; i++) {
                readAhead.add(pool.poll());
            }
            ChannelReaderInputView in =
                    new ChannelReaderInputView(resources.ioManager().createBlockReader(run.file()), readAhead);
            sources.add(new MergeIterator.Source<>(run.file(), in, run.records(), serializer));
        }
        return new MergeIterator<>(sources, comparator, resources);
    }

    private RecordIterator<T> counting(RecordIterator<T> result) {
        return () -> {
            T record = result.next();
            if (record != null) {
                resources.metrics().addRecordsOut(1);
            }
            return record;
        };
    }

    /** Deletes all runs and frees all pages. */
    @Override
    public void close() {
        resources.close();
    }

    /**
     * Iterates a sorted stream group by group: {@link #nextGroup()} moves to the next key, and the
     * iterable yields the records of the current group only. It is how a combine function (and later
     * a group reduce) sees its groups without materializing them.
     */
    static final class GroupIterator<T> implements Iterable<T> {
        private final RecordIterator<T> input;
        private final TypeComparator<T> comparator;
        private T lookahead;
        private T groupFirst;
        private boolean started;
        private boolean groupDone;

        GroupIterator(RecordIterator<T> input, TypeComparator<T> comparator) {
            this.input = input;
            this.comparator = comparator;
        }

        /** Moves to the next group; false at the end. */
        boolean nextGroup() throws IOException {
            if (!started) {
                lookahead = input.next();
                started = true;
            }
            if (lookahead == null) {
                return false;
            }
            groupFirst = lookahead;
            groupDone = false;
            return true;
        }

        /** Consumes what the function left of the current group. */
        void skipRest() throws IOException {
            while (!groupDone) {
                advance();
            }
        }

        private T advance() throws IOException {
            T current = lookahead;
            lookahead = input.next();
            if (lookahead == null || comparator.compare(groupFirst, lookahead) != 0) {
                groupDone = true;
            }
            return current;
        }

        @Override
        public java.util.Iterator<T> iterator() {
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !groupDone;
                }

                @Override
                public T next() {
                    if (groupDone) {
                        throw new java.util.NoSuchElementException();
                    }
                    try {
                        return advance();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }
    }
}
