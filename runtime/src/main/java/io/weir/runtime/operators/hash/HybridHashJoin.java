package io.weir.runtime.operators.hash;

import io.weir.core.functions.Collector;
import io.weir.core.serialization.KeyValueLayout;
import io.weir.core.serialization.PairComparator;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.io.ChannelReaderInputView;
import io.weir.memory.io.ChannelWriterOutputView;
import io.weir.memory.io.FileChannelId;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.join.FlatPairFunction;
import io.weir.runtime.operators.join.JoinType;
import io.weir.runtime.operators.join.SortMergeJoin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The hybrid hash join: one input (the <em>build</em> side, chosen by the planner — usually the
 * smaller) goes into a hash table in managed memory; the other (the <em>probe</em> side) streams past
 * it. Whatever does not fit is spilled and joined later, partition by partition.
 *
 * <h2>Layout</h2>
 *
 * The build side is split into partitions by the high bits of a seeded hash; each partition owns its
 * pages:
 *
 * <pre>
 *   slot pages: open addressing, linear probing, load at most 1/2, doubled when needed
 *   ┌──────────────────────────┬────────────┬────────────┐
 *   │ pointer + 1 (8 B, 0=free)│ hash (4 B) │ unused 4 B │   one slot per distinct key
 *   └──────────────────────────┴────────────┴────────────┘
 *   record pages:  [matched (1 B)][next + 1 (8 B, 0=last)][build record] ...
 *                  a key's records form a chain from its slot, newest first
 * </pre>
 *
 * Build records of bounded length (every field of fixed length: numbers, dates, booleans) keep the
 * first record of each key in its slot ({@link InlineEntries}), so that a probe reads one slot where
 * it would read a slot and then an entry elsewhere — one cache miss instead of two:
 *
 * <pre>
 *   ┌────────────┬──────────────────────────────────────────────────────────┬────────────────────┐
 *   │ hash (4 B) │ state (4 B): 1 | 2 once matched | (chain head + 1) << 2 │ record (key first) │
 *   └────────────┴──────────────────────────────────────────────────────────┴────────────────────┘
 *   the key's further records: a chain in record pages, as above, from its head (0 = none); a
 *   partition whose record pages pass 2^30 - 1 bytes starts no more chains (it spills instead)
 * </pre>
 *
 * Where the probe side writes its key as the build side does ({@link KeyValueLayout#writesKeysLike}),
 * a probe compares its key with the slot's bytes and reads the build record only on a match. A table
 * that cannot double for want of pages fills up to three quarters before a partition spills.
 *
 * <h2>Phases</h2>
 *
 * <ol>
 *   <li><b>Build.</b> Records are inserted; when memory runs out, the largest in-memory partition is
 *       <em>spilled</em>: its records go to a file, its keys' hashes into a {@link BloomFilter}, its
 *       pages are freed, and later build records of that partition go to the file too.
 *   <li><b>Probe.</b> A probe record whose partition is in memory is joined at once with every build
 *       record of equal key; one whose partition was spilled is written to that partition's probe
 *       file — unless the Bloom filter proves it has no match, when it is dropped (or, for outer
 *       joins, emitted unmatched) right away.
 *   <li><b>Recursion.</b> Each spilled pair of files is joined the same way with a new hash seed and
 *       all memory. A partition that does not shrink (one key holding most of it: skew) or that is
 *       still too large after several levels is joined by {@link SortMergeJoin} instead, which spills
 *       and never fails — unlike Flink's "too many recursions".
 * </ol>
 *
 * Outer joins keep unmatched probe records (emitted with {@code null} as they pass) and unmatched
 * build records (flagged as they match; the unflagged ones are emitted after the probe).
 */
public final class HybridHashJoin<B, P, O> {

    /** The fewest pages: partitions, a spill reserve, and room for the sort-merge fallback. */
    public static final int MIN_PAGES = 24;

    private static final int MAX_PARTITIONS = 64;
    private static final int MAX_HASH_LEVELS = 3;
    private static final int SPILL_PAGES = 2;
    /** Probe records looked up together (see {@link Level#probe}). */
    private static final int PROBE_BATCH = PagedPartition.BATCH;

    /** Where an inline slot keeps its state: {@link #USED}, {@link #MATCHED}, the chain head + 1 above them. */
    private static final int STATE = 4;

    private static final int USED = 1;
    private static final int MATCHED = 2;
    private static final int CHAIN_SHIFT = 2;
    /** The first position of record pages that a chain cannot start at (its head + 1 takes 30 bits). */
    private static final long CHAIN_LIMIT = (1L << 30) - 1;

    private final TypeSerializer<B> buildSerializer;
    private final TypeSerializer<P> probeSerializer;
    private final TypeComparator<B> buildComparator;
    private final TypeComparator<P> probeComparator;
    private final boolean keepUnmatchedBuild;
    private final boolean keepUnmatchedProbe;
    private final OperatorResources resources;
    private final int pageSize;

    private PageBudget pool;
    /** Pages kept free to start spilling a partition (its writer and its Bloom filter). */
    private final List<MemorySegment> spillReserve = new ArrayList<>();

    private final ByteArrayOutputView scratch = new ByteArrayOutputView(256);
    /** How build records are kept in their slots, or {@code null}: they are kept in record pages. */
    private final InlineEntries<B> inline;

    /**
     * The probe records' key layout where their key bytes are the slots' for equal keys, else {@code
     * null}: a probe then compares its key with a slot's in place, reading the build record only on a
     * match (else it extracts its key and compares it with each candidate read).
     */
    private final KeyValueLayout<P> probeKeys;

    private final ByteArrayOutputView probeKeyBytes = new ByteArrayOutputView(64);

    private FlatPairFunction<B, P, O> function;
    private Collector<O> out;
    private long produced;
    private long consumed;

    /** A spilled partition whose hashing did not pay off, joined by sort-merge at the end. */
    private record Fallback(FileChannelId build, long buildRecords, FileChannelId probe, long probeRecords) {}

    private final List<Fallback> fallbacks = new ArrayList<>();

    /**
     * @param keepUnmatchedBuild emit build records without a match (with a {@code null} probe)
     * @param keepUnmatchedProbe emit probe records without a match (with a {@code null} build)
     */
    public HybridHashJoin(
            TypeSerializer<B> buildSerializer,
            TypeSerializer<P> probeSerializer,
            TypeComparator<B> buildComparator,
            TypeComparator<P> probeComparator,
            boolean keepUnmatchedBuild,
            boolean keepUnmatchedProbe,
            OperatorResources resources) {
        this.buildSerializer = Objects.requireNonNull(buildSerializer, "buildSerializer is null");
        this.probeSerializer = Objects.requireNonNull(probeSerializer, "probeSerializer is null");
        this.buildComparator = Objects.requireNonNull(buildComparator, "buildComparator is null");
        this.probeComparator = Objects.requireNonNull(probeComparator, "probeComparator is null");
        this.keepUnmatchedBuild = keepUnmatchedBuild;
        this.keepUnmatchedProbe = keepUnmatchedProbe;
        this.resources = Objects.requireNonNull(resources, "resources is null");
        this.pageSize = resources.pageSize();
        KeyValueLayout<B> buildLayout = KeyValueLayout.of(buildSerializer, buildComparator);
        this.inline = InlineEntries.of(buildLayout, pageSize);
        KeyValueLayout<P> probeLayout = inline == null ? null : KeyValueLayout.of(probeSerializer, probeComparator);
        this.probeKeys = probeLayout != null && probeLayout.writesKeysLike(buildLayout) ? probeLayout : null;
    }

    /** The chain head + 1 (0: none) of an inline slot's state. */
    private static long chainOf(int state) {
        return state >>> CHAIN_SHIFT;
    }

    /**
     * The state of a used slot whose chain head + 1 is {@code head} (at most {@link #CHAIN_LIMIT}),
     * not matched: chains are built and rewritten before any probe marks a slot.
     */
    private static int withChain(long head) {
        return (int) (head << CHAIN_SHIFT) | USED;
    }

    /** Whether build records are kept in their slots (their fields all of fixed length), not in record pages. */
    public boolean keepsRecordsInSlots() {
        return inline != null;
    }

    /** Joins the two inputs, emitting every result to {@code out}; then releases all memory and files. */
    public void run(
            RecordIterator<B> build, RecordIterator<P> probe, FlatPairFunction<B, P, O> function, Collector<O> out)
            throws IOException {
        this.function = function;
        this.out = out;
        try {
            pool = resources.budget(MIN_PAGES);
            spillReserve.addAll(pool.take(SPILL_PAGES));
            join(build, probe, 0, Long.MAX_VALUE);
            for (Fallback fallback : fallbacks) {
                sortMerge(fallback);
            }
            resources.metrics().addRecordsIn(consumed);
            resources.metrics().addRecordsOut(produced);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while joining", e);
        } finally {
            resources.close();
        }
    }

    // ---- a table kept for many probes (the static side of a join in an iteration) ---------------

    /** The table of {@link #keep}, or {@code null}. */
    private Level kept;

    /**
     * Builds a table of {@code build} to be probed many times ({@link #probeKept}), if it fits in
     * memory: the static side of a join in an iteration's step, built once for all supersteps. Not
     * for joins that keep unmatched build records. When the records do not fit, nothing is kept
     * (the memory and files are released) and the answer is false: join with {@link #run} instead.
     */
    public boolean keep(RecordIterator<B> build) throws IOException {
        if (keepUnmatchedBuild) {
            throw new IllegalStateException("a join that keeps unmatched build records cannot keep its table");
        }
        try {
            pool = resources.budget(MIN_PAGES);
            spillReserve.addAll(pool.take(SPILL_PAGES));
            Level table = new Level(0);
            table.build(build);
            if (!table.spilled.isEmpty()) {
                resources.close();
                return false;
            }
            for (Partition partition : table.partitions) {
                partition.cluster();
            }
            kept = table;
            return true;
        } catch (IOException | RuntimeException e) {
            resources.close();
            throw resources.failure("while building its table", e);
        }
    }

    /** Joins {@code probe} with the kept table; the table stays for the next probe. */
    public void probeKept(RecordIterator<P> probe, FlatPairFunction<B, P, O> function, Collector<O> out)
            throws IOException {
        if (kept == null) {
            throw new IllegalStateException("no table was kept");
        }
        this.function = function;
        this.out = out;
        long producedBefore = produced;
        try {
            kept.probe(probe);
            resources.metrics().addRecordsOut(produced - producedBefore);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while probing its kept table", e);
        }
    }

    private void emit(B build, P probe) {
        try {
            function.join(build, probe, record -> {
                produced++;
                out.collect(record);
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw resources.failure("in the join function", e);
        }
    }

    /** Joins one pair of inputs at a recursion level; spilled partitions recurse. */
    private void join(RecordIterator<B> build, RecordIterator<P> probe, int level, long parentBuildRecords)
            throws IOException {
        Level table = new Level(level);
        long buildRecords = table.build(build);
        table.probe(probe);
        table.finishInMemory();
        for (Partition partition : table.spilled) {
            resources.checkCancelled();
            if (partition.probeRecords == 0 && !keepUnmatchedBuild) {
                partition.deleteFiles();
                continue;
            }
            if (partition.buildRecords == 0) {
                RecordIterator<P> probes = partition.openProbe();
                for (P record = probes.next(); record != null; record = probes.next()) {
                    if (keepUnmatchedProbe) {
                        emit(null, record);
                    }
                }
                partition.closeReaders();
                partition.deleteFiles();
                continue;
            }
            boolean skewed = partition.buildRecords * 10 >= buildRecords * 9 && buildRecords >= parentBuildRecords / 2;
            if (level + 1 >= MAX_HASH_LEVELS || skewed) {
                fallbacks.add(new Fallback(
                        partition.buildFile, partition.buildRecords, partition.probeFile, partition.probeRecords));
                continue;
            }
            join(partition.openBuild(), partition.openProbe(), level + 1, buildRecords);
            partition.closeReaders();
            partition.deleteFiles();
        }
    }

    /**
     * Joins a partition that hashing could not split, with the sort-merge join and all the memory
     * this join holds.
     */
    private void sortMerge(Fallback fallback) throws IOException {
        List<MemorySegment> readerPages = pool.take(2);
        pool.addAll(spillReserve);
        spillReserve.clear();
        int lent = pool.lend();
        ChannelReaderInputView buildIn = new ChannelReaderInputView(
                resources.ioManager().createBlockReader(fallback.build()), List.of(readerPages.get(0)));
        // an outer join may keep a spilled partition that no probe record reached: no probe file
        ChannelReaderInputView probeIn = fallback.probe() == null
                ? null
                : new ChannelReaderInputView(
                        resources.ioManager().createBlockReader(fallback.probe()), List.of(readerPages.get(1)));
        JoinType type = keepUnmatchedBuild
                ? (keepUnmatchedProbe ? JoinType.FULL_OUTER : JoinType.LEFT_OUTER)
                : (keepUnmatchedProbe ? JoinType.RIGHT_OUTER : JoinType.INNER);
        long[] builds = {fallback.buildRecords()};
        long[] probes = {fallback.probeRecords()};
        new SortMergeJoin<B, P, O>(
                        buildSerializer,
                        probeSerializer,
                        new PairComparator<>(buildComparator, probeComparator),
                        type,
                        resources.split("sort-merge join of a skewed partition", lent))
                .sortAndRun(
                        () -> builds[0]-- > 0 ? buildSerializer.deserialize(buildIn) : null,
                        () -> probes[0]-- > 0 ? probeSerializer.deserialize(probeIn) : null,
                        (build, probe, collector) -> function.join(build, probe, collector),
                        record -> {
                            produced++;
                            out.collect(record);
                        });
        buildIn.closeAndDelete();
        if (probeIn != null) {
            probeIn.closeAndDelete();
        }
        pool.addAll(readerPages);
        // the lent pages went back to the memory manager with the sort-merge join's resources
        pool.restore(lent);
        spillReserve.addAll(pool.take(SPILL_PAGES));
    }

    /** The partitions of one recursion level. */
    private final class Level {
        final int level;
        final List<Partition> partitions;
        final int partitionShift;
        final List<Partition> spilled = new ArrayList<>();

        Level(int level) {
            this.level = level;
            int count = Integer.highestOneBit(Math.max(2, Math.min(MAX_PARTITIONS, pool.available() / 4)));
            this.partitions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                partitions.add(new Partition());
            }
            this.partitionShift = 32 - Integer.numberOfTrailingZeros(count);
        }

        long build(RecordIterator<B> input) throws IOException {
            long records = 0;
            for (B record = input.next(); record != null; record = input.next()) {
                if ((++records & 0xFF) == 0) {
                    resources.checkCancelled();
                }
                int hash = Hashing.mix(buildComparator.hash(record), level);
                Partition partition = partitions.get(hash >>> partitionShift);
                // each failed insert spills a partition (the record's own, at the latest, sends it to
                // the file), until none is left that would free memory
                while (true) {
                    if (partition.buildWriter != null) {
                        partition.bloom.add(hash);
                        buildSerializer.serialize(record, partition.buildWriter);
                        partition.buildRecords++;
                        break;
                    }
                    if (partition.insert(hash, record)) {
                        partition.buildRecords++;
                        break;
                    }
                    spillLargest();
                }
            }
            if (level == 0) {
                consumed += records;
            }
            for (Partition partition : partitions) {
                if (partition.buildWriter != null) {
                    partition.finishBuildSpill();
                }
            }
            return records;
        }

        private void spillLargest() throws IOException {
            // spilling a partition costs two pages (its writer and its Bloom filter): only one that
            // holds more than that frees memory
            Partition largest = null;
            for (Partition partition : partitions) {
                if (partition.buildWriter == null
                        && partition.pagesHeld() > SPILL_PAGES
                        && (largest == null || partition.pagesHeld() > largest.pagesHeld())) {
                    largest = partition;
                }
            }
            if (largest == null) {
                throw new IOException("no partition is large enough to spill and a build record still does not fit in"
                        + " the join's memory of " + resources.pages() + " pages; give it more memory");
            }
            largest.spill();
            spilled.add(largest);
        }

        /**
         * Probes in batches of {@link #PROBE_BATCH} records: the slots and entries of a batch are read
         * ahead ({@link PagedPartition#readAhead}), then each record is joined, so the memory latency
         * of a table larger than the caches overlaps instead of being paid record after record.
         */
        @SuppressWarnings("unchecked")
        void probe(RecordIterator<P> input) throws IOException {
            P[] records = (P[]) new Object[PROBE_BATCH];
            int[] hashes = new int[PROBE_BATCH];
            PagedPartition[] targets = new PagedPartition[PROBE_BATCH];
            long[] pointers = new long[PROBE_BATCH];
            long count = 0;
            boolean ended = false;
            while (!ended) {
                int batch = 0;
                while (batch < PROBE_BATCH) {
                    P record = input.next();
                    if (record == null) {
                        ended = true;
                        break;
                    }
                    if ((++count & 0xFF) == 0) {
                        resources.checkCancelled();
                    }
                    int hash = Hashing.mix(probeComparator.hash(record), level);
                    Partition partition = partitions.get(hash >>> partitionShift);
                    if (partition.bloom != null) {
                        if (partition.bloom.mightContain(hash)) {
                            partition.spillProbe(record);
                        } else if (keepUnmatchedProbe) {
                            emit(null, record);
                        }
                        continue;
                    }
                    records[batch] = record;
                    hashes[batch] = hash;
                    targets[batch] = partition;
                    batch++;
                }
                touched += PagedPartition.readAhead(targets, hashes, pointers, batch);
                for (int i = 0; i < batch; i++) {
                    ((Partition) targets[i]).probe(hashes[i], records[i]);
                    records[i] = null;
                }
            }
            if (level == 0) {
                consumed += count;
            }
            for (Partition partition : spilled) {
                partition.finishProbeSpill();
            }
        }

        /** What the batched probe read ahead, kept so that the reads are not optimized away. */
        long touched;

        /** Emits unmatched build records of in-memory partitions if asked, and frees their pages. */
        void finishInMemory() throws IOException {
            for (Partition partition : partitions) {
                if (partition.bloom == null) {
                    if (keepUnmatchedBuild) {
                        partition.emitUnmatched();
                    }
                    partition.releaseAll();
                } else {
                    pool.add(partition.bloom.page());
                    partition.bloom = null;
                }
            }
        }
    }

    /** One build partition: in memory, or spilled to a build file (and then a probe file). */
    private final class Partition extends PagedPartition {

        BloomFilter bloom;
        FileChannelId buildFile;
        ChannelWriterOutputView buildWriter;
        long buildRecords;
        FileChannelId probeFile;
        ChannelWriterOutputView probeWriter;
        long probeRecords;
        ChannelReaderInputView buildIn;
        ChannelReaderInputView probeIn;

        Partition() {
            super(HybridHashJoin.this.pool, HybridHashJoin.this.pageSize, inline == null ? -1 : inline.entryBytes());
        }

        /**
         * Appends the record: a new key takes a slot; a key already there gets the record at the
         * head of its chain (so equal keys, however many, never crowd the open-addressing table).
         * False (nothing changed) when memory is short.
         */
        boolean insert(int hash, B record) throws IOException {
            if (slotCount == 0 && !growSlots()) {
                return false;
            }
            if (inline != null) {
                return insertInline(hash, record);
            }
            int mask = slotCount - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                long pointer = page.getLong(offset);
                if (pointer == 0) {
                    if (used + 1 > slotCount / 2 && !fitsWithoutGrowing()) {
                        return growSlots() && insert(hash, record);
                    }
                    long position = append(0, record);
                    if (position < 0) {
                        return false;
                    }
                    page.putLong(offset, position + 1);
                    page.putInt(offset + 8, hash);
                    used++;
                    return true;
                }
                if (page.getInt(offset + 8) == hash) {
                    reader.seek(pointer + 8);
                    if (buildComparator.compare(buildSerializer.deserialize(reader), record) == 0) {
                        long position = append(pointer, record);
                        if (position < 0) {
                            return false;
                        }
                        page.putLong(offset, position + 1);
                        return true;
                    }
                }
            }
        }

        /**
         * Whether a key may take a free slot though the table is half full: when the pool lacks the
         * pages to double it, the table fills up to three quarters before the partition spills — longer
         * probes, but no disk.
         */
        private boolean fitsWithoutGrowing() {
            return used + 1 <= slotCount - slotCount / 4 && pool.available() < slots.length * 2;
        }

        /** {@link #insert} into inline slots: a new key's record goes into the slot, the next ones into its chain. */
        private boolean insertInline(int hash, B record) throws IOException {
            inline.probe(record);
            int mask = slotCount - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                if (page.getLong(offset) == 0) {
                    if (used + 1 > slotCount / 2 && !fitsWithoutGrowing()) {
                        return growSlots() && insertInline(hash, record);
                    }
                    page.putInt(offset, hash);
                    page.putInt(offset + STATE, USED);
                    inline.insert(record, page, offset + INLINE_ENTRY);
                    used++;
                    return true;
                }
                if (page.getInt(offset) == hash && inline.matches(record, page, offset + INLINE_ENTRY)) {
                    if (records != null && records.position() >= CHAIN_LIMIT) {
                        return false; // the new head would not fit the state: spill
                    }
                    long position = append(chainOf(page.getInt(offset + STATE)), record);
                    if (position < 0) {
                        return false;
                    }
                    page.putInt(offset + STATE, withChain(position + 1));
                    return true;
                }
            }
        }

        /**
         * Rewrites the entries so that each key's chain lies in consecutive bytes, in chain order: a
         * kept table is probed once per superstep, and a probe then reads a key's records (a vertex's
         * edges) sequentially instead of one cache miss each. Done only when the pool has the pages for
         * the copy; the old pages go back to it.
         */
        void cluster() throws IOException {
            if (records == null || pool.available() < recordPages.size() + 1) {
                return;
            }
            List<MemorySegment> pages = new ArrayList<>(List.of(pool.poll()));
            RandomAccessOutputView target = new RandomAccessOutputView(pages, pool::poll);
            for (int slot = 0; slot < slotCount; slot++) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                if (page.getLong(offset) == 0) {
                    continue;
                }
                // an inline slot's chain holds the key's records after the first
                long pointer = inline != null ? chainOf(page.getInt(offset + STATE)) : page.getLong(offset);
                if (pointer == 0) {
                    continue;
                }
                long head = target.position();
                for (long entry = pointer - 1; ; ) {
                    target.writeByte(entryByte(entry));
                    reader.seek(entry + 1);
                    long next = reader.readLong();
                    long nextField = target.position();
                    target.writeLong(0);
                    buildSerializer.copy(reader, target);
                    if (next == 0) {
                        break;
                    }
                    long end = target.position();
                    target.seek(nextField);
                    target.writeLong(end + 1);
                    target.seek(end);
                    entry = next - 1;
                }
                if (inline != null) {
                    page.putInt(offset + STATE, withChain(head + 1));
                } else {
                    page.putLong(offset, head + 1);
                }
            }
            pool.addAll(recordPages);
            recordPages = pages;
            records = target;
            reader = new RandomAccessInputView(pages, 0);
            reader.setEnd(target.position());
        }

        /** Appends an entry with the given next pointer; its position, or -1 when memory is short. */
        private long append(long next, B record) throws IOException {
            scratch.reset();
            scratch.writeByte(0); // not matched yet
            scratch.writeLong(next);
            buildSerializer.serialize(record, scratch);
            return appendEntry(scratch);
        }

        /** Joins a probe record with every build record of equal key in this partition. */
        void probe(int hash, P record) throws IOException {
            boolean matched =
                    slotCount > 0 && (inline != null ? probeInline(hash, record) : probeEntries(hash, record));
            if (!matched && keepUnmatchedProbe) {
                emit(null, record);
            }
        }

        /** Joins with the records of the probe's key, if any, in record pages; whether there were. */
        private boolean probeEntries(int hash, P record) throws IOException {
            Object[] probeKey = null;
            int mask = slotCount - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                long pointer = page.getLong(offset);
                if (pointer == 0) {
                    return false;
                }
                if (page.getInt(offset + 8) == hash) {
                    reader.seek(pointer + 8); // past the matched flag and the next pointer
                    B build = buildSerializer.deserialize(reader);
                    if (probeKey == null) {
                        probeKey = probeComparator.extractKeys(record);
                    }
                    if (buildComparator.compareKeyWith(build, probeKey) == 0) {
                        // the slot's chain holds every record of this key
                        emitChain(pointer - 1, build, record);
                        return true;
                    }
                }
            }
        }

        /** Joins with the records of the probe's key, if any, in an inline slot and its chain; whether there were. */
        private boolean probeInline(int hash, P record) throws IOException {
            Object[] probeKey = null;
            boolean keyBytesWritten = false;
            int mask = slotCount - 1;
            for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                if (page.getLong(offset) == 0) {
                    return false;
                }
                if (page.getInt(offset) == hash) {
                    B build = null;
                    boolean equal;
                    if (probeKeys == null) {
                        build = inline.read(page, offset + INLINE_ENTRY, offset + slotSize);
                        if (probeKey == null) {
                            probeKey = probeComparator.extractKeys(record);
                        }
                        equal = buildComparator.compareKeyWith(build, probeKey) == 0;
                    } else if (probeKeys.hasFixedOffsets()) {
                        equal = probeKeys.keyEquals(record, page, offset + INLINE_ENTRY);
                    } else {
                        if (!keyBytesWritten) {
                            probeKeyBytes.reset();
                            probeKeys.writeKey(record, probeKeyBytes);
                            keyBytesWritten = true;
                        }
                        // no key's bytes are a prefix of another's (InlineEntries)
                        equal = page.equalTo(offset + INLINE_ENTRY, probeKeyBytes.buffer(), 0, probeKeyBytes.length());
                    }
                    if (equal) {
                        if (build == null) {
                            build = inline.read(page, offset + INLINE_ENTRY, offset + slotSize);
                        }
                        int state = page.getInt(offset + STATE);
                        if (keepUnmatchedBuild) {
                            page.putInt(offset + STATE, state | MATCHED);
                        }
                        emit(build, record);
                        long chain = chainOf(state);
                        if (chain != 0) {
                            reader.seek(chain + 8); // the entry's record: past its flag and next pointer
                            emitChain(chain - 1, buildSerializer.deserialize(reader), record);
                        }
                        return true;
                    }
                }
            }
        }

        /** Joins {@code record} with the chain of entries from {@code entry}, whose record {@code build} is. */
        private void emitChain(long entry, B build, P record) throws IOException {
            while (true) {
                if (keepUnmatchedBuild) {
                    markMatched(entry);
                }
                emit(build, record);
                reader.seek(entry + 1);
                long next = reader.readLong();
                if (next == 0) {
                    return;
                }
                entry = next - 1;
                reader.seek(entry + 9);
                build = buildSerializer.deserialize(reader);
            }
        }

        /**
         * Calls {@code action} with the position (not + 1) and hash of every entry in record pages,
         * walking each key's chain (which, for inline slots, holds the key's records after the first).
         */
        private void forEachEntry(SlotAction action) throws IOException {
            if (inline != null) {
                forEachInlineEntry((page, entry, end) -> walkChain(
                        chainOf(page.getInt(entry - INLINE_ENTRY + STATE)), page.getInt(entry - INLINE_ENTRY), action));
            } else {
                forEachSlot((pointer, hash) -> walkChain(pointer, hash, action));
            }
        }

        private void walkChain(long head, int hash, SlotAction action) throws IOException {
            for (long entry = head - 1; head != 0; ) {
                action.accept(entry, hash);
                reader.seek(entry + 1);
                long next = reader.readLong();
                if (next == 0) {
                    return;
                }
                entry = next - 1;
            }
        }

        private void markMatched(long position) {
            recordPage(position).put(recordOffset(position), (byte) 1);
        }

        void emitUnmatched() throws IOException {
            if (inline != null) {
                forEachInlineEntry((page, entry, end) -> {
                    if ((page.getInt(entry - INLINE_ENTRY + STATE) & MATCHED) == 0) {
                        emit(inline.read(page, entry, end), null);
                    }
                });
            }
            forEachEntry((entry, hash) -> {
                if (recordPage(entry).get(recordOffset(entry)) == 0) {
                    reader.seek(entry + 9);
                    emit(buildSerializer.deserialize(reader), null);
                }
            });
        }

        /** Moves the partition's records to a build file and keeps their hashes in a Bloom filter. */
        void spill() throws IOException {
            while (spillReserve.size() < SPILL_PAGES && !pool.isEmpty()) {
                spillReserve.add(pool.poll());
            }
            if (spillReserve.size() < SPILL_PAGES) {
                throw new IOException("no memory left to start spilling a partition of the join");
            }
            bloom = new BloomFilter(spillReserve.remove(0));
            buildFile = resources.ioManager().createChannel(resources);
            buildWriter = new ChannelWriterOutputView(
                    resources.ioManager().createBlockWriter(buildFile), List.of(spillReserve.remove(0)));
            if (inline != null) {
                forEachInlineEntry((page, entry, end) -> {
                    bloom.add(page.getInt(entry - INLINE_ENTRY));
                    buildSerializer.serialize(inline.read(page, entry, end), buildWriter);
                });
            }
            forEachEntry((entry, hash) -> {
                bloom.add(hash);
                reader.seek(entry + 9);
                buildSerializer.copy(reader, buildWriter);
            });
            releaseAll();
            while (spillReserve.size() < SPILL_PAGES && !pool.isEmpty()) {
                spillReserve.add(pool.poll());
            }
        }

        void finishBuildSpill() throws IOException {
            long bytes = buildWriter.bytesWritten();
            pool.addAll(buildWriter.close());
            buildWriter = null;
            resources.metrics().addSpill(bytes);
        }

        void spillProbe(P record) throws IOException {
            if (probeWriter == null) {
                probeFile = resources.ioManager().createChannel(resources);
                MemorySegment page = pool.poll();
                if (page == null) {
                    page = spillReserve.remove(0);
                }
                probeWriter =
                        new ChannelWriterOutputView(resources.ioManager().createBlockWriter(probeFile), List.of(page));
            }
            probeSerializer.serialize(record, probeWriter);
            probeRecords++;
        }

        void finishProbeSpill() throws IOException {
            if (probeWriter != null) {
                long bytes = probeWriter.bytesWritten();
                pool.addAll(probeWriter.close());
                probeWriter = null;
                resources.metrics().addSpill(bytes);
            }
            while (spillReserve.size() < SPILL_PAGES && !pool.isEmpty()) {
                spillReserve.add(pool.poll());
            }
        }

        RecordIterator<B> openBuild() throws IOException {
            buildIn = new ChannelReaderInputView(
                    resources.ioManager().createBlockReader(buildFile), List.of(pool.poll()));
            long[] remaining = {buildRecords};
            return () -> remaining[0]-- > 0 ? buildSerializer.deserialize(buildIn) : null;
        }

        RecordIterator<P> openProbe() throws IOException {
            if (probeFile == null) {
                return RecordIterator.empty();
            }
            probeIn = new ChannelReaderInputView(
                    resources.ioManager().createBlockReader(probeFile), List.of(pool.poll()));
            long[] remaining = {probeRecords};
            return () -> remaining[0]-- > 0 ? probeSerializer.deserialize(probeIn) : null;
        }

        void closeReaders() {
            if (buildIn != null) {
                pool.addAll(buildIn.closeAndDelete());
                buildIn = null;
            }
            if (probeIn != null) {
                pool.addAll(probeIn.closeAndDelete());
                probeIn = null;
            }
        }

        void deleteFiles() {
            if (buildFile != null) {
                resources.ioManager().deleteChannel(buildFile);
            }
            if (probeFile != null) {
                resources.ioManager().deleteChannel(probeFile);
            }
        }
    }
}
