package io.weir.runtime.operators.hash;

import io.weir.core.functions.Collector;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.serialization.KeyValueLayout;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reduces records by key in a hash table over managed-memory pages, updating each key's record in
 * place: the engine of {@code reduce} and of combiners.
 *
 * <h2>Layout</h2>
 *
 * The table is split into partitions by the high bits of the (seeded, mixed) hash; each partition
 * owns its pages, so it can be spilled on its own:
 *
 * <pre>
 *   partition p
 *   slot pages: open addressing, linear probing, load at most 1/2, doubled when full
 *   ┌──────────────────────────┬────────────┬────────────┐
 *   │ pointer + 1 (8 B, 0=free)│ hash (4 B) │ unused 4 B │   slot i
 *   └──────────────────────────┴────────────┴────────────┘
 *   record pages: one address space of entries (see AggregationEntries)
 *   ┌──────────┬──────────┬──────────────┬─────────┐
 *   │ entry a  │ entry b  │ (garbage)    │ ...     │
 *   └──────────┴──────────┴──────────────┴─────────┘
 * </pre>
 *
 * An entry is the serialized record or, where keys compare as bytes, the key's bytes followed by the
 * other fields; a lookup then compares bytes in the page and an update rewrites only the other
 * fields — straight in the entry's page where the key is short and the other fields of bounded
 * length (a count per word), else through a view of the record pages. The updated part is rewritten in place when its reduced form is no longer than before
 * (counts, sums, most aggregates); a longer entry is appended and the slot repointed.
 *
 * <p>Where keys compare as bytes and every field has a fixed length (a sum per {@code long} id),
 * the entries sit in the slots themselves ({@link InlineEntries}): no record pages, one memory access
 * per lookup, every update in place.
 *
 * <h2>When memory runs out</h2>
 *
 * <ul>
 *   <li>{@link Mode#COMBINE}: everything in the table is emitted (partial aggregates) and the table
 *       starts over. A key may be emitted more than once; the final reduce downstream merges them.
 *   <li>{@link Mode#FINAL}: the largest in-memory partition is written (already aggregated) to its
 *       spill file, its pages freed, and later records of that partition go straight to the file. At
 *       the end the in-memory partitions are emitted, then every spilled partition is aggregated
 *       again from its file, with a new hash seed and all memory, recursively. Each distinct key
 *       needs only one record's room, so this always finishes, whatever the number of keys.
 * </ul>
 *
 * <h2>Recent keys on the heap</h2>
 *
 * In front of the table sits a direct-mapped cache of records (8 slots per page of the budget, at
 * most {@link #MAX_CACHED_KEYS}): a record whose key is in its slot is reduced into the cached
 * record as objects — no serialization, no page access — which is where skewed keys (a few words
 * of a text, the four groups of TPC-H Q1) spend their time. A record of another key takes the slot and the one it
 * displaces goes to the table; so does a cached record after {@link #CACHED_REDUCES} reductions, which
 * bounds what a growing reduce (concatenation, lists) holds on the heap and lets the table's size
 * checks see it. Reduces keep their order: a key's cached record only ever holds records newer than
 * its entry in the table, and is reduced into that entry as the newer side. Where fewer than an eighth
 * of the lookups hit (many keys of similar frequency), the cache is emptied into the table and
 * bypassed for a while ({@link #CACHE_BYPASS} records), then tried again.
 */
public final class HashAggregation<T> implements AutoCloseable {

    /** What happens when the table is full. */
    public enum Mode {
        COMBINE,
        FINAL
    }

    /** The fewest pages: two partitions of a slot page and a record page, plus a spill page. */
    public static final int MIN_PAGES = 6;

    private static final int MAX_PARTITIONS = 32;

    /** The most slots of the cache of recent keys. */
    static final int MAX_CACHED_KEYS = 1024;

    /** Reductions after which a cached record is written back to the table. */
    static final int CACHED_REDUCES = 128;

    /** Lookups in the cache after which its hits are counted: fewer than an eighth turn it off. */
    static final int CACHE_WINDOW = 1 << 12;

    /** Records that go past a cache turned off before it is tried again. */
    static final int CACHE_BYPASS = 1 << 16;

    private static final int MAX_LEVELS = 32;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final ReduceFunction<T> reducer;
    private final Mode mode;
    private final Collector<T> out;
    private final OperatorResources resources;
    private final int pageSize;

    private final PageBudget pool;
    /** One page kept free, to start a spill file when the pool is empty. */
    private MemorySegment spillReserve;

    private Table table;
    /** Entries in slots, or {@code null}: then {@link #entries} in record pages. */
    private final InlineEntries<T> inline;

    private final AggregationEntries<T> entries;
    private final ByteArrayOutputView scratch = new ByteArrayOutputView(256);
    private final ByteArrayOutputView grown = new ByteArrayOutputView(256);
    private long addedSinceCheck;
    private long emitted;

    /**
     * Records added but not yet looked up: the table takes them {@link PagedPartition#BATCH} at a time
     * and reads their slots and entries ahead. A mutable record is copied as it arrives, since the
     * caller may change it once {@link #add} returns.
     */
    private final T[] batch;

    private final boolean copyBatched;
    private int batched;
    private final int[] hashes = new int[PagedPartition.BATCH];
    private final PagedPartition[] targets = new PagedPartition[PagedPartition.BATCH];
    private final long[] pointers = new long[PagedPartition.BATCH];
    /** What the batches read ahead, kept so that the reads are not optimized away. */
    private long touched;

    /** The cache of recent keys: a record (ours), its mixed hash, the reductions it holds. */
    private final T[] cached;

    private final int[] cachedHashes;
    private final int[] cachedReduces;
    /** The cache's lookups and hits in the current window, and the records left to go past it. */
    private int cacheLookups;

    private int cacheHits;
    private int bypassCache;

    public HashAggregation(
            TypeSerializer<T> serializer,
            TypeComparator<T> comparator,
            ReduceFunction<T> reducer,
            Mode mode,
            Collector<T> out,
            OperatorResources resources) {
        this(
                serializer,
                comparator,
                reducer,
                mode,
                out,
                resources,
                Math.min(MAX_CACHED_KEYS, Integer.highestOneBit(8 * Math.max(1, resources.pages()))));
    }

    /** With {@code cachedKeys} (0 or a power of two) slots of recent keys on the heap. */
    HashAggregation(
            TypeSerializer<T> serializer,
            TypeComparator<T> comparator,
            ReduceFunction<T> reducer,
            Mode mode,
            Collector<T> out,
            OperatorResources resources,
            int cachedKeys) {
        if (cachedKeys < 0 || Integer.bitCount(cachedKeys) > 1) {
            throw new IllegalArgumentException("cachedKeys must be 0 or a power of two: " + cachedKeys);
        }
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.comparator = Objects.requireNonNull(comparator, "comparator is null");
        this.reducer = Objects.requireNonNull(reducer, "reducer is null");
        this.mode = Objects.requireNonNull(mode, "mode is null");
        this.out = Objects.requireNonNull(out, "out is null");
        this.resources = Objects.requireNonNull(resources, "resources is null");
        this.pageSize = resources.pageSize();
        KeyValueLayout<T> layout = KeyValueLayout.of(serializer, comparator);
        this.inline = InlineEntries.of(layout, pageSize);
        this.entries = inline != null ? null : AggregationEntries.create(serializer, comparator, layout);
        this.pool = resources.budget(MIN_PAGES);
        this.spillReserve = pool.poll();
        this.table = new Table(0);
        @SuppressWarnings("unchecked")
        T[] records = (T[]) new Object[PagedPartition.BATCH];
        this.batch = records;
        this.copyBatched = !serializer.isImmutable();
        @SuppressWarnings("unchecked")
        T[] cache = (T[]) new Object[cachedKeys];
        this.cached = cache;
        this.cachedHashes = new int[cachedKeys];
        this.cachedReduces = new int[cachedKeys];
    }

    /** Adds a record: reduced into its key's record, or inserted. */
    public void add(T record) throws IOException {
        if ((++addedSinceCheck & 0xFF) == 0) {
            resources.metrics().addRecordsIn(256);
            resources.checkCancelled();
        }
        try {
            T ours = copyBatched ? serializer.copy(record) : record;
            int hash = Hashing.mix(comparator.hash(ours), table.level);
            if (cached.length == 0 || bypassCache > 0) {
                bypassCache--;
                toTable(ours, hash);
                return;
            }
            if (++cacheLookups == CACHE_WINDOW && !assessCache()) {
                toTable(ours, hash);
                return;
            }
            int slot = hash & (cached.length - 1);
            T held = cached[slot];
            if (held != null && cachedHashes[slot] == hash && comparator.compare(held, ours) == 0) {
                cacheHits++;
                T reduced = reduce(held, ours);
                if (++cachedReduces[slot] < CACHED_REDUCES) {
                    cached[slot] = reduced;
                    return;
                }
                cached[slot] = null;
                toTable(reduced, hash);
                return;
            }
            int heldHash = cachedHashes[slot];
            cached[slot] = ours;
            cachedHashes[slot] = hash;
            cachedReduces[slot] = 0;
            if (held != null) {
                toTable(held, heldHash);
            }
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while aggregating a record", e);
        }
    }

    /**
     * Ends a window of cache lookups: when fewer than an eighth hit (many keys, none much more
     * frequent than the rest), the cache costs more than it saves, so its records go to the table
     * and the next {@link #CACHE_BYPASS} records go straight there too; then it is tried again.
     * Whether the cache stays on: if not, the record at hand goes to the table too, after them.
     */
    private boolean assessCache() throws IOException {
        boolean keep = cacheHits >= CACHE_WINDOW / 8;
        if (!keep) {
            flushCache();
            bypassCache = CACHE_BYPASS;
        }
        cacheLookups = 0;
        cacheHits = 0;
        return keep;
    }

    /** Moves every cached record to the table. */
    private void flushCache() throws IOException {
        for (int slot = 0; slot < cached.length; slot++) {
            if (cached[slot] != null) {
                toTable(cached[slot], cachedHashes[slot]);
                cached[slot] = null;
            }
        }
    }

    /** Queues a record (ours) of the given mixed hash for the table. */
    private void toTable(T record, int hash) throws IOException {
        batch[batched] = record;
        hashes[batched++] = hash;
        if (batched == batch.length) {
            addBatch();
        }
    }

    /** Adds the batched records, their slots and entries read ahead. */
    private void addBatch() throws IOException {
        Table current = table;
        for (int i = 0; i < batched; i++) {
            targets[i] = current.partitions.get(hashes[i] >>> current.partitionShift);
        }
        touched += PagedPartition.readAhead(targets, hashes, pointers, batched);
        for (int i = 0; i < batched; i++) {
            @SuppressWarnings("unchecked")
            Partition target = (Partition) targets[i];
            current.add(target, batch[i], hashes[i]);
            batch[i] = null;
        }
        batched = 0;
    }

    /** Ends the input and emits the aggregated records (the spilled partitions' last). */
    public void finish() throws IOException {
        resources.metrics().addRecordsIn(addedSinceCheck & 0xFF);
        try {
            flushCache();
            addBatch();
            table.finish();
            resources.metrics().addRecordsOut(emitted);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while finishing the aggregation", e);
        }
    }

    /** Whether the records sit in the slots themselves ({@link InlineEntries}). */
    boolean entriesInSlots() {
        return inline != null;
    }

    /** Frees all pages and deletes all spill files. */
    @Override
    public void close() {
        resources.close();
    }

    private T reduce(T first, T second) throws IOException {
        T reduced;
        try {
            reduced = reducer.reduce(first, second);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the reduce function failed: " + e, e);
        }
        if (reduced == null) {
            throw new IOException("the reduce function returned null; it must return the reduced record");
        }
        return reduced;
    }

    private void emit(T record) {
        emitted++;
        out.collect(record);
    }

    /** One level of partitions: the table for the input, or for one spilled partition's file. */
    private final class Table {
        final int level;
        final List<Partition> partitions;
        final int partitionShift;

        Table(int level) {
            if (level > MAX_LEVELS) {
                throw new IllegalStateException("hash aggregation recursed " + MAX_LEVELS
                        + " levels deep without the data fitting in memory; give it more memory");
            }
            this.level = level;
            int count = Integer.highestOneBit(Math.max(2, Math.min(MAX_PARTITIONS, (pool.available() + 1) / 4)));
            this.partitions = new ArrayList<>(count);
            this.partitionShift = 32 - Integer.numberOfTrailingZeros(count);
            for (int i = 0; i < count; i++) {
                partitions.add(new Partition());
            }
        }

        void add(T record) throws IOException {
            add(record, Hashing.mix(comparator.hash(record), level));
        }

        void add(T record, int hash) throws IOException {
            add(partitions.get(hash >>> partitionShift), record, hash);
        }

        /** Adds a record of the given mixed hash to its partition. */
        void add(Partition partition, T record, int hash) throws IOException {
            for (int attempt = 0; ; attempt++) {
                if (partition.spill != null) {
                    serializer.serialize(record, partition.spill);
                    partition.spilledRecords++;
                    return;
                }
                if (partition.insertOrUpdate(hash, record)) {
                    return;
                }
                if (attempt == 2) {
                    int bytes = inline != null ? inline.entryBytes() : scratch.length();
                    throw new IOException("a record of " + bytes + " bytes does not fit in the aggregation's"
                            + " memory of " + resources.pages() + " pages even when the table is empty; give it more"
                            + " memory");
                }
                makeRoom();
            }
        }

        /** Frees memory: emits everything (combine), or spills the largest partition (final). */
        void makeRoom() throws IOException {
            if (mode == Mode.COMBINE) {
                for (Partition partition : partitions) {
                    partition.emitAll();
                    partition.clear();
                }
                return;
            }
            Partition largest = null;
            for (Partition partition : partitions) {
                if (partition.spill == null
                        && partition.pagesHeld() > 0
                        && (largest == null || partition.pagesHeld() > largest.pagesHeld())) {
                    largest = partition;
                }
            }
            if (largest == null) {
                throw new IOException("a single record does not fit in the aggregation's memory of " + resources.pages()
                        + " pages; give it more memory");
            }
            if (largest.records != null && largest.garbage * 2 >= largest.records.position()) {
                // mostly old versions of grown records: rewriting frees more than spilling would
                largest.compact();
            } else {
                largest.spill();
            }
        }

        void finish() throws IOException {
            List<Partition> spilled = new ArrayList<>();
            for (Partition partition : partitions) {
                if (partition.spill == null) {
                    partition.emitAll();
                    partition.releaseAll();
                } else {
                    partition.finishSpill();
                    spilled.add(partition);
                }
            }
            for (Partition partition : spilled) {
                resources.checkCancelled();
                Table recursion = new Table(level + 1);
                table = recursion;
                ChannelReaderInputView in = new ChannelReaderInputView(
                        resources.ioManager().createBlockReader(partition.file), List.of(pool.poll()));
                for (long i = 0; i < partition.spilledRecords; i++) {
                    recursion.add(serializer.deserialize(in));
                }
                pool.addAll(in.closeAndDelete());
                recursion.finish();
            }
        }
    }

    /** One partition: its slots, its records, and its spill file once spilled. */
    private final class Partition extends PagedPartition {

        /** Bytes of old record versions left behind by records that grew. */
        long garbage;

        FileChannelId file;
        ChannelWriterOutputView spill;
        long spilledRecords;

        Partition() {
            super(HashAggregation.this.pool, HashAggregation.this.pageSize, inline == null ? -1 : inline.entryBytes());
        }

        /** Inserts or updates; false (with nothing changed) when memory is short. */
        boolean insertOrUpdate(int hash, T record) throws IOException {
            if (inline != null) {
                return insertOrUpdateInline(hash, record);
            }
            if (slotCount == 0 && !growSlots()) {
                return false;
            }
            entries.probe(record);
            int mask = slotCount - 1;
            int slot = hash & mask;
            while (true) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                long pointer = page.getLong(offset);
                if (pointer == 0) {
                    if (used + 1 > slotCount / 2) {
                        if (!growSlots()) {
                            return false;
                        }
                        return insertOrUpdate(hash, record);
                    }
                    long position = append(record);
                    if (position < 0) {
                        return false;
                    }
                    page.putLong(offset, position + 1);
                    page.putInt(offset + 8, hash);
                    used++;
                    return true;
                }
                if (page.getInt(offset + 8) == hash) {
                    long position = pointer - 1;
                    MemorySegment entryPage = recordPage(position);
                    int decided = entries.matchInPage(entryPage, recordOffset(position), record);
                    if (decided == AggregationEntries.MATCH) {
                        T reduced = reduce(entries.matched(), record);
                        if (entries.updateInPage(reduced, entryPage)) {
                            return true;
                        }
                        int start = entries.matchedStart();
                        return update(page, offset, entryPage, start, entries.matchedEnd() - start, reduced);
                    }
                    if (decided == AggregationEntries.OTHER_KEY) {
                        slot = (slot + 1) & mask;
                        continue;
                    }
                    T existing = entries.match(reader, position, record);
                    if (existing != null) {
                        long start = entries.updatableStart();
                        return update(page, offset, start, reader.position() - start, reduce(existing, record));
                    }
                }
                slot = (slot + 1) & mask;
            }
        }

        /** {@link #insertOrUpdate} where slots hold the entries. */
        private boolean insertOrUpdateInline(int hash, T record) throws IOException {
            if (slotCount == 0 && !growSlots()) {
                return false;
            }
            inline.probe(record);
            int mask = slotCount - 1;
            int slot = hash & mask;
            while (true) {
                MemorySegment page = slotPage(slot);
                int offset = slotOffset(slot);
                if (page.getLong(offset) == 0) {
                    if (used + 1 > slotCount / 2) {
                        if (!growSlots()) {
                            return false;
                        }
                        return insertOrUpdateInline(hash, record);
                    }
                    inline.insert(record, page, offset + INLINE_ENTRY);
                    page.putInt(offset, hash);
                    page.putInt(offset + 4, 1);
                    used++;
                    return true;
                }
                if (page.getInt(offset) == hash && inline.matches(record, page, offset + INLINE_ENTRY)) {
                    T existing = inline.readWithKeyOf(record, page, offset + INLINE_ENTRY, offset + slotSize);
                    inline.update(reduce(existing, record), page, offset + INLINE_ENTRY);
                    return true;
                }
                slot = (slot + 1) & mask;
            }
        }

        /** What {@link #forEachRecord} does with each record. */
        @FunctionalInterface
        interface RecordAction<T> {
            void accept(T record) throws IOException;
        }

        /** Calls {@code action} with every record of the partition. */
        private void forEachRecord(RecordAction<T> action) throws IOException {
            if (inline != null) {
                forEachInlineEntry((page, offset, end) -> action.accept(inline.read(page, offset, end)));
            } else {
                forEachSlot((pointer, hash) -> {
                    reader.seek(pointer - 1);
                    action.accept(entries.read(reader));
                });
            }
        }

        /** As {@link #update(MemorySegment, int, long, long, Object)}, for an entry within {@code entryPage}. */
        private boolean update(
                MemorySegment page, int offset, MemorySegment entryPage, int start, int oldLength, T reduced)
                throws IOException {
            scratch.reset();
            entries.writeUpdatable(reduced, scratch);
            if (scratch.length() <= oldLength) {
                entryPage.put(start, scratch.buffer(), 0, scratch.length());
                return true;
            }
            return grow(page, offset, oldLength);
        }

        /**
         * Writes the reduced record's updatable part over the old one if it fits, else appends a new
         * entry and repoints the slot.
         */
        private boolean update(MemorySegment page, int offset, long position, long oldLength, T reduced)
                throws IOException {
            scratch.reset();
            entries.writeUpdatable(reduced, scratch);
            if (scratch.length() <= oldLength) {
                long end = records.position();
                records.seek(position);
                records.write(scratch.buffer(), 0, scratch.length());
                records.seek(end);
                return true;
            }
            return grow(page, offset, oldLength);
        }

        /** Appends the probed key's entry with the updatable part in {@code scratch} and repoints the slot. */
        private boolean grow(MemorySegment page, int offset, long oldLength) throws IOException {
            grown.reset();
            entries.writeEntry(scratch, grown);
            long appended = appendEntry(grown);
            if (appended < 0) {
                // the old record stays as it was; the caller makes room and adds the new record again,
                // which finds the old one and reduces once more: reduce is applied exactly once
                // because the input record was not consumed
                return false;
            }
            page.putLong(offset, appended + 1);
            garbage += oldLength;
            return true;
        }

        /** Appends a record; its position, or -1 (nothing written) when memory is short. */
        private long append(T record) throws IOException {
            scratch.reset();
            entries.writeEntry(record, scratch);
            return appendEntry(scratch);
        }

        /** Emits every record of the partition. */
        void emitAll() throws IOException {
            forEachRecord(HashAggregation.this::emit);
        }

        /** Writes the partition's records to a new spill file and frees its pages. */
        void spill() throws IOException {
            file = resources.ioManager().createChannel(resources);
            spill = new ChannelWriterOutputView(resources.ioManager().createBlockWriter(file), List.of(spillReserve));
            spillReserve = null;
            forEachRecord(record -> {
                serializer.serialize(record, spill);
                spilledRecords++;
            });
            clear();
            releaseAll();
            spillReserve = pool.poll(); // the partition's pages are back: keep one free for the next spill
        }

        /**
         * Rewrites the partition without the garbage of grown records: its live records go to a
         * temporary spill file, its pages are freed, and the records are inserted again.
         */
        void compact() throws IOException {
            FileChannelId temporary = resources.ioManager().createChannel(resources);
            ChannelWriterOutputView writer = new ChannelWriterOutputView(
                    resources.ioManager().createBlockWriter(temporary), List.of(spillReserve));
            spillReserve = null;
            long[] count = new long[1];
            forEachRecord(record -> {
                serializer.serialize(record, writer);
                count[0]++;
            });
            long bytes = writer.bytesWritten();
            releaseAll();
            pool.addAll(writer.close());
            ChannelReaderInputView in = new ChannelReaderInputView(
                    resources.ioManager().createBlockReader(temporary), List.of(pool.poll()));
            try {
                for (long i = 0; i < count[0]; i++) {
                    T record = serializer.deserialize(in);
                    if (!insertOrUpdate(Hashing.mix(comparator.hash(record), table.level), record)) {
                        throw new IOException("compacting a partition of " + bytes + " bytes did not free memory");
                    }
                }
            } finally {
                pool.addAll(in.closeAndDelete());
            }
            spillReserve = pool.poll();
        }

        void finishSpill() throws IOException {
            long bytes = spill.bytesWritten();
            pool.addAll(spill.close());
            spill = null;
            resources.metrics().addSpill(bytes);
            if (spillReserve == null) {
                spillReserve = pool.poll();
            }
        }

        /** Forgets all records; the slot table stays, emptied. */
        void clear() {
            for (MemorySegment page : slots) {
                page.clear(0, pageSize);
            }
            used = 0;
            garbage = 0;
            for (int i = 1; i < recordPages.size(); i++) {
                pool.add(recordPages.get(i));
            }
            if (!recordPages.isEmpty()) {
                MemorySegment first = recordPages.get(0);
                recordPages = new ArrayList<>(List.of(first));
                records = new RandomAccessOutputView(recordPages, pool::poll);
                reader = new RandomAccessInputView(recordPages, 0);
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
