package io.weir.runtime.operators.sort;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import io.weir.memory.view.SegmentInputView;
import io.weir.memory.view.SegmentOutputView;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records serialized into pages, with an index that is sorted instead of the records.
 *
 * <pre>
 *   record pages (one address space, see RandomAccessOutputView)
 *   ┌──────────┬─────────────┬──────┬────────────────────────────────┐
 *   │ record 0 │ record 1    │ ...  │ record n-1 (may cross pages)   │
 *   └──────────┴─────────────┴──────┴────────────────────────────────┘
 *        ▲           ▲
 *   index pages: fixed-size entries, 2^k bytes each, entriesPerPage = pageSize / entrySize
 *   ┌───────────────┬──────────────────────────────────────┬─────────┐
 *   │ pointer (8 B) │ normalized key prefix (8, 16, 24 B)  │ padding │  entry i (16 or 32 B)
 *   │ native order  │ big-endian words, unsigned order     │         │
 *   └───────────────┴──────────────────────────────────────┴─────────┘
 *   pointer = record length (top 24 bits; 0 if it does not fit) | record offset (low 40 bits)
 * </pre>
 *
 * The length lets a run be written by copying each record's bytes instead of walking its fields.
 *
 * Records of a small fixed length whose key prefix decides the order (a {@code long} key, say) are
 * stored inside the entry instead — the <em>inline</em> layout:
 *
 * <pre>
 *   ┌──────────────────────────────────┬──────────────────────────┬─────────┐
 *   │ normalized key prefix (8..24 B)  │ record (fixed length)    │ padding │  entry i (≤ 64 B)
 *   └──────────────────────────────────┴──────────────────────────┴─────────┘
 * </pre>
 *
 * so sorting moves the records with their keys and reading back in order is a sequential scan
 * (through pointers it is a random access per record, which cost more than the sort itself).
 *
 * <p>Sorting is a {@link RadixSort} on the key prefix's bytes down to cache-sized buckets, then
 * {@link QuickSort}, which compares the key prefixes a word at a time (the comparator pads short
 * keys with zeros to whole words); only when two prefixes are equal and the prefix does not decide
 * the order (a long string key, say) are the records themselves compared.
 * Entries have a power-of-two size so that locating entry {@code i} is two shifts, and swaps move
 * whole words. Pages come from and go back to the sorter's free pool; the buffer is full when the
 * pool has no page for the next record or index entry.
 */
final class SortBuffer<T> implements RadixSortable {

    /** The longest normalized-key prefix kept in an entry. */
    static final int MAX_PREFIX = 24;

    private static final int POINTER = 8;
    /** How many records ahead of the one read {@link #touch} reads. */
    private static final int TOUCH_AHEAD = 8;

    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    private static final long MAX_LENGTH_IN_POINTER = (1L << (64 - OFFSET_BITS)) - 1;

    /** The largest entry of the inline layout: larger ones make swaps costlier than pointers. */
    static final int MAX_INLINE_ENTRY = 64;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final PageBudget pool;
    private int maxPages = Integer.MAX_VALUE;
    private final int pageSize;
    private final int pageShift;
    /** The sum of the bytes {@link #touch} read, kept so the reads are not optimized away. */
    private long touched;

    private final int prefixLength;
    private final int prefixWords;
    private final boolean prefixDecides;
    /** Whether records live inside the entries (see the class comment). */
    private final boolean inline;
    /** Where the key prefix starts in an entry: after the pointer, or at 0 when inline. */
    private final int keyOffset;
    /** The fixed record length when inline. */
    private final int recordLength;

    private final int entrySize;
    private final int entryShift;
    private final int entriesPerPageShift;
    private final int entriesPerPageMask;

    private MemorySegment[] indexPages = new MemorySegment[16];
    private int indexPageCount;
    private List<MemorySegment> recordPages = new ArrayList<>();
    private RandomAccessOutputView recordOut;
    private final byte[] scratch;
    private int count;

    // views for comparing records whose prefixes tie; valid while sorting
    private RandomAccessInputView compareLeft;
    private RandomAccessInputView compareRight;
    // views over the record of an entry, for the inline layout
    private final SegmentOutputView entryOut;
    private final SegmentInputView entryIn;

    SortBuffer(TypeSerializer<T> serializer, TypeComparator<T> comparator, PageBudget pool, int pageSize) {
        this.serializer = serializer;
        this.comparator = comparator;
        this.pool = pool;
        this.pageSize = pageSize;
        this.pageShift = Integer.numberOfTrailingZeros(pageSize);
        // the prefix is padded to whole words: comparators pad short keys with zeros, and comparing
        // words is cheaper than comparing bytes
        int keyLength = comparator.supportsNormalizedKey() ? Math.min(comparator.normalizedKeyLength(), MAX_PREFIX) : 0;
        this.prefixLength = (keyLength + 7) & ~7;
        this.prefixWords = prefixLength / 8;
        this.prefixDecides = prefixLength > 0 && !comparator.isNormalizedKeyPrefixOnly(prefixLength);
        int fixedLength = serializer.length();
        this.inline = prefixDecides && fixedLength > 0 && prefixLength + fixedLength <= MAX_INLINE_ENTRY;
        this.keyOffset = inline ? 0 : POINTER;
        this.recordLength = inline ? fixedLength : -1;
        this.entrySize = Integer.highestOneBit((inline ? prefixLength + fixedLength : POINTER + prefixLength) - 1) << 1;
        this.entryOut = inline ? new SegmentOutputView() : null;
        this.entryIn = inline ? new SegmentInputView() : null;
        this.entryShift = Integer.numberOfTrailingZeros(entrySize);
        this.entriesPerPageShift = Integer.numberOfTrailingZeros(pageSize) - entryShift;
        this.entriesPerPageMask = (1 << entriesPerPageShift) - 1;
        this.scratch = new byte[entrySize];
    }

    int size() {
        return count;
    }

    /** Limits the pages this buffer takes from the pool (two buffers share it while one spills). */
    void setMaxPages(int pages) {
        this.maxPages = pages;
    }

    /** A page from the pool, unless this buffer holds its maximum or the pool is empty. */
    private MemorySegment takePage() {
        return pagesHeld() < maxPages ? pool.poll() : null;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Pages held now (index and records). */
    int pagesHeld() {
        return indexPageCount + recordPages.size();
    }

    /** Bytes of serialized records held. */
    long recordBytes() {
        if (inline) {
            return (long) count * recordLength;
        }
        return recordOut == null ? 0 : recordOut.position();
    }

    /** Whether records are stored inside the index entries. */
    boolean isInline() {
        return inline;
    }

    /**
     * Adds a record if it fits.
     *
     * @return false, with the buffer unchanged, when the pool has no page for it
     */
    boolean add(T record) throws IOException {
        if (count >> entriesPerPageShift == indexPageCount) {
            MemorySegment page = takePage();
            if (page == null) {
                return false;
            }
            if (indexPageCount == indexPages.length) {
                indexPages = java.util.Arrays.copyOf(indexPages, indexPageCount * 2);
            }
            indexPages[indexPageCount++] = page;
        }
        MemorySegment indexPage = indexPages[count >> entriesPerPageShift];
        int offset = (count & entriesPerPageMask) << entryShift;
        if (inline) {
            entryOut.at(indexPage, offset + prefixLength);
            serializer.serialize(record, entryOut);
            comparator.putNormalizedKey(record, indexPage, offset, prefixLength);
            count++;
            return true;
        }
        if (recordOut == null) {
            MemorySegment first = takePage();
            if (first == null) {
                return false;
            }
            recordPages.add(first);
            recordOut = new RandomAccessOutputView(recordPages, this::takePage);
        }
        long pointer = recordOut.position();
        try {
            serializer.serialize(record, recordOut);
        } catch (EOFException full) {
            // the record does not fit: forget its partial bytes (pages taken for it stay in the buffer)
            recordOut.seek(pointer);
            return false;
        }
        long length = recordOut.position() - pointer;
        if (pointer > OFFSET_MASK) {
            throw new IOException("a sort buffer holds more than " + OFFSET_MASK + " bytes of records");
        }
        indexPage.putLong(offset, length <= MAX_LENGTH_IN_POINTER ? length << OFFSET_BITS | pointer : pointer);
        if (prefixLength > 0) {
            comparator.putNormalizedKey(record, indexPage, offset + POINTER, prefixLength);
        }
        count++;
        return true;
    }

    /** Sorts the index. */
    void sort() {
        if (count < 2) {
            return;
        }
        if (!prefixDecides) {
            compareLeft = new RandomAccessInputView(recordPages, recordOut.position());
            compareRight = new RandomAccessInputView(recordPages, recordOut.position());
        }
        RadixSort.sort(this, 0, count);
    }

    @Override
    public int compare(int i, int j) {
        MemorySegment left = indexPages[i >> entriesPerPageShift];
        MemorySegment right = indexPages[j >> entriesPerPageShift];
        int leftOffset = (i & entriesPerPageMask) << entryShift;
        int rightOffset = (j & entriesPerPageMask) << entryShift;
        for (int word = 0; word < prefixWords; word++) {
            int offset = keyOffset + 8 * word;
            long a = left.getLongBigEndian(leftOffset + offset);
            long b = right.getLongBigEndian(rightOffset + offset);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        if (prefixDecides) {
            return 0;
        }
        try {
            compareLeft.seek(left.getLong(leftOffset) & OFFSET_MASK);
            compareRight.seek(right.getLong(rightOffset) & OFFSET_MASK);
            return comparator.compareSerialized(compareLeft, compareRight);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("comparing two records of a sort buffer failed", e);
        }
    }

    @Override
    public int keyLength() {
        return prefixLength;
    }

    @Override
    public boolean keyDecides() {
        return prefixDecides;
    }

    @Override
    public int keyByte(int i, int k) {
        return indexPages[i >> entriesPerPageShift].get(((i & entriesPerPageMask) << entryShift) + keyOffset + k)
                & 0xFF;
    }

    @Override
    public void swap(int i, int j) {
        MemorySegment left = indexPages[i >> entriesPerPageShift];
        MemorySegment right = indexPages[j >> entriesPerPageShift];
        left.swapBytes(
                scratch,
                right,
                (i & entriesPerPageMask) << entryShift,
                (j & entriesPerPageMask) << entryShift,
                entrySize);
    }

    /**
     * The records in index order, deserialized one by one; valid until the buffer is reset or
     * records are added.
     */
    RecordIterator<T> sortedRecords() {
        if (count == 0) {
            return RecordIterator.empty();
        }
        DataInputView in = inline ? entryIn : new RandomAccessInputView(recordPages, recordOut.position());
        int size = count;
        return new RecordIterator<>() {
            private int next;

            @Override
            public T next() throws IOException {
                if (next == size) {
                    return null;
                }
                if (!inline && next + TOUCH_AHEAD < size) {
                    touch(next + TOUCH_AHEAD);
                }
                seekRecord(in, next++);
                return serializer.deserialize(in);
            }
        };
    }

    /**
     * Reads the first byte of record {@code i}. Records in sorted order are scattered over the pages,
     * and each one's first read misses the caches; touching a record a few places ahead starts its
     * miss while the records before it are processed (Java has no prefetch instruction).
     */
    private void touch(int i) {
        long pointer =
                indexPages[i >> entriesPerPageShift].getLong((i & entriesPerPageMask) << entryShift) & OFFSET_MASK;
        touched += recordPages.get((int) (pointer >>> pageShift)).get((int) (pointer & (pageSize - 1)));
    }

    /** Copies the records, in index order, to {@code target} without deserializing them. */
    void copySortedTo(DataOutputView target) throws IOException {
        if (count == 0) {
            return;
        }
        if (inline) {
            for (int i = 0; i < count; i++) {
                seekRecord(entryIn, i);
                target.write(entryIn, recordLength);
            }
            return;
        }
        RandomAccessInputView in = new RandomAccessInputView(recordPages, recordOut.position());
        for (int i = 0; i < count; i++) {
            long pointer = indexPages[i >> entriesPerPageShift].getLong((i & entriesPerPageMask) << entryShift);
            in.seek(pointer & OFFSET_MASK);
            int length = (int) (pointer >>> OFFSET_BITS);
            if (length > 0) {
                target.write(in, length);
            } else {
                serializer.copy(in, target);
            }
        }
    }

    /** Positions {@code in} (the entry view, or a view over the record pages) at record {@code i}. */
    private void seekRecord(DataInputView in, int i) throws IOException {
        MemorySegment page = indexPages[i >> entriesPerPageShift];
        int offset = (i & entriesPerPageMask) << entryShift;
        if (inline) {
            ((SegmentInputView) in).at(page, offset + prefixLength, offset + prefixLength + recordLength);
        } else {
            ((RandomAccessInputView) in).seek(page.getLong(offset) & OFFSET_MASK);
        }
    }

    /** Gives every page back to the pool and forgets all records. */
    void reset() {
        List<MemorySegment> pages = new ArrayList<>(pagesHeld());
        for (int i = 0; i < indexPageCount; i++) {
            pages.add(indexPages[i]);
            indexPages[i] = null;
        }
        indexPageCount = 0;
        pages.addAll(recordPages);
        pool.addAll(pages);
        recordPages = new ArrayList<>();
        recordOut = null;
        compareLeft = null;
        compareRight = null;
        count = 0;
    }

    int pageSize() {
        return pageSize;
    }
}
