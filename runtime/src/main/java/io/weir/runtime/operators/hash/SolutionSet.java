package io.weir.runtime.operators.hash;

import io.weir.core.serialization.PairComparator;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.io.ChannelReaderInputView;
import io.weir.memory.io.ChannelWriterOutputView;
import io.weir.memory.io.FileChannelId;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The solution set of a delta iteration (one parallel instance's part): records with unique keys in
 * managed memory, looked up by the key of records of another type and replaced or inserted by key —
 * and, unlike Flink's, not limited to memory.
 *
 * <h2>Layout</h2>
 *
 * Records are split into partitions by the high bits of the mixed hash of their key. A partition in
 * memory is a hash table like {@link HashAggregation}'s — slot pages (open addressing, pointer and
 * hash) over record pages of serialized records; a replaced record is overwritten in place when its
 * new form is no longer, else appended and its slot repointed. When memory runs out the largest
 * partition is <em>spilled</em>: its records are written to a file and its pages freed. The spilled
 * partitions' records form one sorted-by-nothing region on disk with unique keys (a list of runs).
 *
 * <h2>Phases</h2>
 *
 * The set alternates between two phases, which the iteration's superstep barrier separates:
 *
 * <ul>
 *   <li><b>Update</b> ({@link #update}, one thread): each record replaces the record of its key, or
 *       is inserted. Records of spilled partitions are collected (deduplicated, last wins, in a
 *       spilling {@link HashAggregation}) and merged into the region on disk at the end by a {@link
 *       HybridHashJoin} full outer join of the updates with the region: the region is rewritten once
 *       per update, not once per record.
 *   <li><b>Lookup</b> ({@link #probe}, any number of threads): a key of an in-memory partition is
 *       found in its table; a key of a spilled partition is reported as {@linkplain Probe#onDisk on
 *       disk}, and the caller joins all such keys at once with {@link #readSpilled the region}.
 * </ul>
 */
public final class SolutionSet<T> implements AutoCloseable {

    /** The fewest pages: two partitions of a slot page and a record page, and two spill pages. */
    public static final int MIN_PAGES = 6;

    /** The fewest pages of working memory {@link #update} needs to merge updates into spilled partitions. */
    public static final int MIN_WORKING_PAGES = 2 * HybridHashJoin.MIN_PAGES;

    private static final int MAX_PARTITIONS = 32;
    /** The hash seed of the partitions: unlike the seeds (0, 1, ...) of the operators that merge spilled keys. */
    private static final int SEED = -2;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final OperatorResources resources;
    private final int pageSize;
    private final PageBudget pool;
    /** Two pages kept free: a spill file's writer and, when the region is merged, its reader. */
    private final List<MemorySegment> reserve = new ArrayList<>();

    private final Partition[] partitions;
    private final int partitionShift;
    private final ByteArrayOutputView scratch = new ByteArrayOutputView(256);

    /** The spilled partitions' records: runs with disjoint keys. */
    private final List<Run> runs = new ArrayList<>();

    private record Run(FileChannelId file, long records) {}

    private long size;

    public SolutionSet(TypeSerializer<T> serializer, TypeComparator<T> comparator, OperatorResources resources) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.comparator = Objects.requireNonNull(comparator, "comparator is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
        this.pageSize = resources.pageSize();
        this.pool = resources.budget(MIN_PAGES);
        reserve.addAll(pool.take(2));
        int count = Integer.highestOneBit(Math.max(2, Math.min(MAX_PARTITIONS, (pool.available() + 2) / 4)));
        this.partitions = new SolutionSet.Partition[count];
        for (int i = 0; i < count; i++) {
            partitions[i] = new Partition();
        }
        this.partitionShift = 32 - Integer.numberOfTrailingZeros(count);
    }

    /** The records' serializer, for use by another thread. */
    public TypeSerializer<T> serializer() {
        return serializer.duplicate();
    }

    /** The records' key, for use by another thread. */
    public TypeComparator<T> comparator() {
        return comparator.duplicate();
    }

    /** The number of records. */
    public long size() {
        return size;
    }

    /** The number of records in spilled partitions. */
    public long spilledSize() {
        long records = 0;
        for (Run run : runs) {
            records += run.records;
        }
        return records;
    }

    private Partition partitionOf(int hash) {
        return partitions[hash >>> partitionShift];
    }

    // ---- update ---------------------------------------------------------------------------------

    /**
     * Replaces or inserts each record by key; of records with one key, the last wins. Uses {@code
     * working} (at least {@link #MIN_WORKING_PAGES}) for the records of spilled partitions, and
     * closes it.
     */
    public void update(RecordIterator<T> records, OperatorResources working) throws IOException {
        Pending pending = null;
        try {
            long count = 0;
            for (T record; (record = records.next()) != null; ) {
                if ((++count & 0x3FF) == 0) {
                    resources.checkCancelled();
                }
                int hash = Hashing.mix(comparator.hash(record), SEED);
                for (int attempt = 0; ; attempt++) {
                    Partition partition = partitionOf(hash);
                    if (partition.spilled) {
                        if (pending == null) {
                            working.requirePages(MIN_WORKING_PAGES);
                            pending = new Pending(working);
                        }
                        pending.aggregation.add(record);
                        break;
                    }
                    if (partition.upsert(hash, record)) {
                        break;
                    }
                    if (attempt == 2) {
                        throw new IOException("a record of " + scratch.length() + " bytes does not fit in the solution"
                                + " set's memory of " + resources.pages() + " pages; give it more memory");
                    }
                    makeRoom();
                }
            }
            if (pending != null) {
                pending.merge();
            }
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while updating the solution set", e);
        } finally {
            working.close();
        }
    }

    /** Frees memory: compacts the largest partition if it is mostly garbage, else spills it. */
    private void makeRoom() throws IOException {
        Partition largest = null;
        for (Partition partition : partitions) {
            if (!partition.spilled && (largest == null || partition.pagesHeld() > largest.pagesHeld())) {
                largest = partition;
            }
        }
        if (largest == null || largest.pagesHeld() == 0) {
            throw new IOException("a single record does not fit in the solution set's memory of " + resources.pages()
                    + " pages; give it more memory");
        }
        if (largest.records != null && largest.garbage * 2 >= largest.records.position()) {
            largest.compact();
        } else {
            largest.spill();
        }
    }

    /** The updates of spilled partitions: deduplicated as they come, merged into the runs at the end. */
    private final class Pending {
        final OperatorResources working;
        final SpillableRecordBuffer<T> updates;
        final HashAggregation<T> aggregation;

        Pending(OperatorResources working) {
            this.working = working;
            int half = working.pages() / 2;
            this.updates = new SpillableRecordBuffer<>(serializer, working.split("updates", working.pages() - half));
            this.aggregation = new HashAggregation<>(
                    serializer,
                    comparator,
                    (older, newer) -> newer,
                    HashAggregation.Mode.FINAL,
                    record -> {
                        try {
                            updates.add(record);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    working.split("updates of spilled partitions", half));
        }

        /** Rewrites the runs as one: each record replaced by its update, the new keys added. */
        void merge() throws IOException {
            aggregation.finish();
            aggregation.close();
            updates.finishWriting();
            FileChannelId merged = resources.ioManager().createChannel(resources);
            ChannelWriterOutputView out = new ChannelWriterOutputView(
                    resources.ioManager().createBlockWriter(merged), List.of(reserve.remove(reserve.size() - 1)));
            long[] written = new long[1];
            try (SpilledReader region = new SpilledReader(List.of(reserve.remove(reserve.size() - 1)))) {
                HybridHashJoin<T, T, T> join = new HybridHashJoin<>(
                        serializer,
                        serializer,
                        comparator,
                        comparator.duplicate(),
                        true,
                        true,
                        working.split("merge into spilled partitions", working.pages() / 2));
                join.run(
                        updates.read(),
                        region,
                        (update, old, collector) -> {
                            if (old == null) {
                                size++;
                            }
                            collector.collect(update != null ? update : old);
                        },
                        record -> {
                            try {
                                serializer.serialize(record, out);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            written[0]++;
                        });
                reserve.addAll(region.closeReader());
            } finally {
                updates.close();
            }
            long bytes = out.bytesWritten();
            reserve.addAll(out.close());
            resources.metrics().addSpill(bytes);
            for (Run run : runs) {
                resources.ioManager().deleteChannel(run.file);
            }
            runs.clear();
            runs.add(new Run(merged, written[0]));
        }
    }

    // ---- lookup ---------------------------------------------------------------------------------

    /** A lookup by the key of {@code P} records (of the solution set's key types), for one thread. */
    public <P> Probe<P> probe(TypeComparator<P> probeKey) {
        return new Probe<>(probeKey.duplicate());
    }

    /**
     * Finds solution-set records by the key of other records; not thread-safe: one per thread, and
     * valid until the next update.
     */
    public final class Probe<P> {
        private final TypeComparator<P> probeKey;
        private final PairComparator<P, T> pair;
        private final TypeSerializer<T> reading = serializer.duplicate();
        private final RandomAccessInputView[] readers;
        private P last;
        private int lastHash;

        private Probe(TypeComparator<P> probeKey) {
            this.probeKey = probeKey;
            this.pair = new PairComparator<>(probeKey, comparator.duplicate());
            this.readers = new RandomAccessInputView[partitions.length];
        }

        private int hash(P probe) {
            if (probe != last) {
                last = probe;
                lastHash = Hashing.mix(probeKey.hash(probe), SEED);
            }
            return lastHash;
        }

        /** Whether the key of {@code probe} lives in a spilled partition, where {@link #get} cannot look. */
        public boolean onDisk(P probe) {
            return partitionOf(hash(probe)).spilled;
        }

        /**
         * The record with the key of {@code probe}, or {@code null} if there is none.
         *
         * @throws IllegalStateException if the key is {@linkplain #onDisk on disk}
         */
        public T get(P probe) throws IOException {
            int hash = hash(probe);
            int index = hash >>> partitionShift;
            Partition partition = partitions[index];
            if (partition.spilled) {
                throw new IllegalStateException("the key of " + probe + " is in a spilled partition");
            }
            if (partition.records == null) {
                return null;
            }
            RandomAccessInputView reader = readers[index];
            if (reader == null) {
                reader = new RandomAccessInputView(partition.recordPages, partition.records.position());
                readers[index] = reader;
            }
            Object[] key = null;
            int mask = partition.slotCount - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                MemorySegment page = partition.slotPage(slot);
                int offset = partition.slotOffset(slot);
                long pointer = page.getLong(offset);
                if (pointer == 0) {
                    return null;
                }
                if (page.getInt(offset + 8) == hash) {
                    reader.seek(pointer - 1);
                    T candidate = reading.deserialize(reader);
                    if (key == null) {
                        key = probeKey.extractKeys(probe);
                    }
                    if (pair.compareKey(key, candidate) == 0) {
                        return candidate;
                    }
                }
            }
        }
    }

    /**
     * The records of the spilled partitions, read with the caller's {@code pages} (one is enough),
     * for joining the probes that were {@linkplain Probe#onDisk on disk}. Safe while no update runs.
     */
    public SpilledReader readSpilled(List<MemorySegment> pages) {
        return new SpilledReader(pages);
    }

    /** Reads the runs one after the other; closing it ends the read early. */
    public final class SpilledReader implements RecordIterator<T>, AutoCloseable {
        private final List<MemorySegment> pages;
        private final TypeSerializer<T> reading = serializer.duplicate();
        private final List<Run> toRead = new ArrayList<>(runs);
        private ChannelReaderInputView in;
        private long left;

        private SpilledReader(List<MemorySegment> pages) {
            this.pages = pages;
        }

        @Override
        public T next() throws IOException {
            while (left == 0) {
                closeReader();
                if (toRead.isEmpty()) {
                    return null;
                }
                Run run = toRead.remove(0);
                resources.checkCancelled();
                in = new ChannelReaderInputView(resources.ioManager().createBlockReader(run.file), pages);
                left = run.records;
            }
            left--;
            return reading.deserialize(in);
        }

        /** Closes the file being read (not deleting it); the pages it was given. */
        List<MemorySegment> closeReader() throws IOException {
            if (in != null) {
                in.close();
                in = null;
            }
            return pages;
        }

        @Override
        public void close() throws IOException {
            closeReader();
        }
    }

    /** Every record: the in-memory partitions' and then the spilled ones' (uses the set's own spare page). */
    public RecordIterator<T> readAll() {
        return new RecordIterator<>() {
            private int partition;
            private int slot;
            private RandomAccessInputView reader;
            private SpilledReader spilled;

            @Override
            public T next() throws IOException {
                for (; partition < partitions.length; partition++, slot = 0, reader = null) {
                    Partition current = partitions[partition];
                    for (; slot < current.slotCount; slot++) {
                        long pointer = current.slotPage(slot).getLong(current.slotOffset(slot));
                        if (pointer != 0) {
                            if (reader == null) {
                                reader = new RandomAccessInputView(current.recordPages, current.records.position());
                            }
                            slot++;
                            reader.seek(pointer - 1);
                            return serializer.deserialize(reader);
                        }
                    }
                }
                if (spilled == null) {
                    spilled = new SpilledReader(List.of(reserve.get(0)));
                }
                T record = spilled.next();
                if (record == null) {
                    spilled.close();
                }
                return record;
            }
        };
    }

    /** Frees all pages and deletes all files. */
    @Override
    public void close() {
        resources.close();
    }

    /** One partition: its slots and records while in memory; once spilled, its records are in the runs. */
    private final class Partition extends PagedPartition {
        /** Bytes of records replaced by longer ones. */
        long garbage;

        boolean spilled;

        Partition() {
            super(SolutionSet.this.pool, SolutionSet.this.pageSize);
        }

        /** Replaces or inserts; false (nothing changed) when memory is short. */
        boolean upsert(int hash, T record) throws IOException {
            if (slotCount == 0 && !growSlots()) {
                return false;
            }
            int mask = slotCount - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                long pointer = page.getLong(offset);
                if (pointer == 0) {
                    if (used + 1 > slotCount / 2) {
                        return growSlots() && upsert(hash, record);
                    }
                    long position = append(record);
                    if (position < 0) {
                        return false;
                    }
                    page.putLong(offset, position + 1);
                    page.putInt(offset + 8, hash);
                    used++;
                    size++;
                    return true;
                }
                if (page.getInt(offset + 8) == hash) {
                    reader.seek(pointer - 1);
                    T existing = serializer.deserialize(reader);
                    if (comparator.compare(existing, record) == 0) {
                        return replace(page, offset, pointer - 1, reader.position() - (pointer - 1), record);
                    }
                }
            }
        }

        private boolean replace(MemorySegment page, int offset, long position, long oldLength, T record)
                throws IOException {
            scratch.reset();
            serializer.serialize(record, scratch);
            if (scratch.length() <= oldLength) {
                long end = records.position();
                records.seek(position);
                records.write(scratch.buffer(), 0, scratch.length());
                records.seek(end);
                return true;
            }
            long appended = appendEntry(scratch);
            if (appended < 0) {
                return false;
            }
            page.putLong(offset, appended + 1);
            garbage += oldLength;
            return true;
        }

        private long append(T record) throws IOException {
            scratch.reset();
            serializer.serialize(record, scratch);
            return appendEntry(scratch);
        }

        /** Writes the live records to {@code file} and frees the pages; the number written. */
        private long writeOut(FileChannelId file) throws IOException {
            ChannelWriterOutputView out = new ChannelWriterOutputView(
                    resources.ioManager().createBlockWriter(file), List.of(reserve.remove(reserve.size() - 1)));
            long[] written = new long[1];
            forEachSlot((pointer, hash) -> {
                reader.seek(pointer - 1);
                serializer.copy(reader, out);
                written[0]++;
            });
            long bytes = out.bytesWritten();
            reserve.addAll(out.close());
            resources.metrics().addSpill(bytes);
            releaseAll();
            return written[0];
        }

        /** Moves the partition to disk: a new run; later updates of its keys are merged into the runs. */
        void spill() throws IOException {
            FileChannelId file = resources.ioManager().createChannel(resources);
            runs.add(new Run(file, writeOut(file)));
            spilled = true;
        }

        /** Rewrites the partition without the garbage of replaced records, through a temporary file. */
        void compact() throws IOException {
            FileChannelId temporary = resources.ioManager().createChannel(resources);
            long count = writeOut(temporary);
            size -= count;
            ChannelReaderInputView in = new ChannelReaderInputView(
                    resources.ioManager().createBlockReader(temporary), List.of(reserve.remove(reserve.size() - 1)));
            try {
                for (long i = 0; i < count; i++) {
                    T record = serializer.deserialize(in);
                    if (!upsert(Hashing.mix(comparator.hash(record), SEED), record)) {
                        throw new IOException("compacting a partition of the solution set did not free memory");
                    }
                }
            } finally {
                reserve.addAll(in.closeAndDelete());
            }
        }

        /** Gives every page back to the pool. */
        @Override
        void releaseAll() {
            super.releaseAll();
            garbage = 0;
        }
    }
}
