package io.weir.runtime.operators.sort;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.DataOutputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayDeque;
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
 *   ┌───────────────┬──────────────────────────────┬─────────┐
 *   │ pointer (8 B) │ normalized key prefix (nk B) │ padding │  entry i
 *   │ native order  │ big-endian, memcmp order     │         │
 *   └───────────────┴──────────────────────────────┴─────────┘
 * </pre>
 *
 * Sorting compares the key prefixes with one {@code memcmp}; only when two prefixes are equal and the
 * prefix does not decide the order (a long string key, say) are the records themselves compared.
 * Entries have a power-of-two size so that locating entry {@code i} is two shifts, and swaps move
 * whole words. Pages come from and go back to the sorter's free pool; the buffer is full when the
 * pool has no page for the next record or index entry.
 */
final class SortBuffer<T> implements IndexedSortable {

    /** The longest normalized-key prefix kept in an entry. */
    static final int MAX_PREFIX = 24;

    private static final int POINTER = 8;

    private final TypeSerializer<T> serializer;
    private final TypeComparator<T> comparator;
    private final ArrayDeque<MemorySegment> pool;
    private final int pageSize;

    private final int prefixLength;
    private final boolean prefixDecides;
    private final int entrySize;
    private final int entryShift;
    private final int entriesPerPageShift;
    private final int entriesPerPageMask;

    private final List<MemorySegment> indexPages = new ArrayList<>();
    private List<MemorySegment> recordPages = new ArrayList<>();
    private RandomAccessOutputView recordOut;
    private final byte[] scratch;
    private int count;

    // views for comparing records whose prefixes tie; valid while sorting
    private RandomAccessInputView compareLeft;
    private RandomAccessInputView compareRight;

    SortBuffer(
            TypeSerializer<T> serializer, TypeComparator<T> comparator, ArrayDeque<MemorySegment> pool, int pageSize) {
        this.serializer = serializer;
        this.comparator = comparator;
        this.pool = pool;
        this.pageSize = pageSize;
        this.prefixLength =
                comparator.supportsNormalizedKey() ? Math.min(comparator.normalizedKeyLength(), MAX_PREFIX) : 0;
        this.prefixDecides = prefixLength > 0 && !comparator.isNormalizedKeyPrefixOnly(prefixLength);
        this.entrySize = Integer.highestOneBit(POINTER + prefixLength - 1) << 1;
        this.entryShift = Integer.numberOfTrailingZeros(entrySize);
        this.entriesPerPageShift = Integer.numberOfTrailingZeros(pageSize) - entryShift;
        this.entriesPerPageMask = (1 << entriesPerPageShift) - 1;
        this.scratch = new byte[entrySize];
    }

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Pages held now (index and records). */
    int pagesHeld() {
        return indexPages.size() + recordPages.size();
    }

    /** Bytes of serialized records held. */
    long recordBytes() {
        return recordOut == null ? 0 : recordOut.position();
    }

    /**
     * Adds a record if it fits.
     *
     * @return false, with the buffer unchanged, when the pool has no page for it
     */
    boolean add(T record) throws IOException {
        if (count >> entriesPerPageShift == indexPages.size()) {
            MemorySegment page = pool.poll();
            if (page == null) {
                return false;
            }
            indexPages.add(page);
        }
        if (recordOut == null) {
            MemorySegment first = pool.poll();
            if (first == null) {
                return false;
            }
            recordPages.add(first);
            recordOut = new RandomAccessOutputView(recordPages, pool::poll);
        }
        long pointer = recordOut.position();
        try {
            serializer.serialize(record, recordOut);
        } catch (EOFException full) {
            // the record does not fit: forget its partial bytes (pages taken for it stay in the buffer)
            recordOut.seek(pointer);
            return false;
        }
        MemorySegment indexPage = indexPages.get(count >> entriesPerPageShift);
        int offset = (count & entriesPerPageMask) << entryShift;
        indexPage.putLong(offset, pointer);
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
        compareLeft = new RandomAccessInputView(recordPages, recordOut == null ? 0 : recordOut.position());
        compareRight = new RandomAccessInputView(recordPages, recordOut == null ? 0 : recordOut.position());
        QuickSort.sort(this, 0, count);
    }

    @Override
    public int compare(int i, int j) {
        MemorySegment left = indexPages.get(i >> entriesPerPageShift);
        MemorySegment right = indexPages.get(j >> entriesPerPageShift);
        int leftOffset = (i & entriesPerPageMask) << entryShift;
        int rightOffset = (j & entriesPerPageMask) << entryShift;
        if (prefixLength > 0) {
            int result = left.compare(right, leftOffset + POINTER, rightOffset + POINTER, prefixLength);
            if (result != 0 || prefixDecides) {
                return result;
            }
        }
        try {
            compareLeft.seek(left.getLong(leftOffset));
            compareRight.seek(right.getLong(rightOffset));
            return comparator.compareSerialized(compareLeft, compareRight);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("comparing two records of a sort buffer failed", e);
        }
    }

    @Override
    public void swap(int i, int j) {
        MemorySegment left = indexPages.get(i >> entriesPerPageShift);
        MemorySegment right = indexPages.get(j >> entriesPerPageShift);
        left.swapBytes(
                scratch,
                right,
                (i & entriesPerPageMask) << entryShift,
                (j & entriesPerPageMask) << entryShift,
                entrySize);
    }

    /** A view for reading records by pointer, or {@code null} when the buffer holds none. */
    RandomAccessInputView recordReader() {
        return count == 0 ? null : new RandomAccessInputView(recordPages, recordOut.position());
    }

    /** The pointer of the record at sorted position {@code i}. */
    long pointer(int i) {
        return indexPages.get(i >> entriesPerPageShift).getLong((i & entriesPerPageMask) << entryShift);
    }

    /** Copies the records, in index order, to {@code target} without deserializing them. */
    void copySortedTo(DataOutputView target) throws IOException {
        RandomAccessInputView in = recordReader();
        for (int i = 0; i < count; i++) {
            in.seek(pointer(i));
            serializer.copy(in, target);
        }
    }

    /** Gives every page back to the pool and forgets all records. */
    void reset() {
        pool.addAll(indexPages);
        pool.addAll(recordPages);
        indexPages.clear();
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
