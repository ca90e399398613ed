package io.weir.runtime.operators.hash;

import io.weir.core.serialization.KeyValueLayout;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.memory.view.DataInputView;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.SegmentInputView;
import io.weir.memory.view.SegmentOutputView;
import java.io.IOException;

/**
 * How {@link HashAggregation} stores records in its pages and finds a key among them. An entry has
 * an <em>updatable part</em>, rewritten when the record is reduced: the whole record, or — where
 * keys can be compared as bytes ({@link KeyValueLayout}) — only the fields that are not the key, so
 * that a lookup compares key bytes instead of building the stored record, and an update neither
 * reads nor writes the key.
 */
abstract class AggregationEntries<T> {

    /** Entries of records with the given layout for their keys ({@code null}: none). */
    static <T> AggregationEntries<T> create(
            TypeSerializer<T> serializer, TypeComparator<T> comparator, KeyValueLayout<T> layout) {
        return layout == null ? new WholeRecords<>(serializer, comparator) : new KeyBytes<>(layout);
    }

    /** Prepares to look up or insert {@code probe}; called before the methods below that take it. */
    abstract void probe(T probe) throws IOException;

    /** Writes the whole entry of the probed record. */
    abstract void writeEntry(T probe, ByteArrayOutputView target) throws IOException;

    /**
     * The stored record of the entry at {@code position} if it has the probed key, else {@code
     * null}. After a match the reader is at the end of the entry's updatable part, which starts at
     * {@link #updatableStart()}.
     */
    abstract T match(RandomAccessInputView entries, long position, T probe) throws IOException;

    /** Where the updatable part of the last matched entry starts. */
    abstract long updatableStart();

    /** Writes the updatable part of an entry holding {@code reduced}. */
    abstract void writeUpdatable(T reduced, ByteArrayOutputView target) throws IOException;

    /** Writes a whole entry of the probed key with the given updatable part: a record that grew. */
    abstract void writeEntry(ByteArrayOutputView updatable, ByteArrayOutputView target) throws IOException;

    /** Reads the whole record of an entry. */
    abstract T read(DataInputView entry) throws IOException;

    /** {@link #matchInPage}: the entry has the probed key; {@link #matched()} is its record. */
    static final int MATCH = 1;

    /** {@link #matchInPage}: the entry has another key. */
    static final int OTHER_KEY = 0;

    /** {@link #matchInPage}: the entry may reach past its page; {@link #match} decides. */
    static final int UNDECIDED = -1;

    /**
     * Compares the probed key with the entry starting at {@code offset} of {@code page}, reading the
     * page itself rather than through the record pages' view, where that is sure to suffice: the
     * probed key shorter than 128 bytes and the entry's other fields of bounded length, so that an
     * entry of that key would end within the page. {@link #MATCH}, {@link #OTHER_KEY}, or {@link
     * #UNDECIDED} when {@link #match} must decide. After a match, the stored record is {@link
     * #matched()}, and its updatable part lies from {@link #matchedStart()} to {@link #matchedEnd()}
     * of the page.
     */
    int matchInPage(MemorySegment page, int offset, T probe) throws IOException {
        return UNDECIDED;
    }

    T matched() {
        throw new IllegalStateException("no match in a page");
    }

    /**
     * Writes the updatable part of {@code reduced} over that of the entry {@link #matchInPage} matched
     * last, if that part had the most bytes one can have (so any reduced record fits): whether it did.
     */
    boolean updateInPage(T reduced, MemorySegment page) throws IOException {
        return false;
    }

    int matchedStart() {
        throw new IllegalStateException("no match in a page");
    }

    int matchedEnd() {
        throw new IllegalStateException("no match in a page");
    }

    /** Entries are serialized records; a lookup deserializes the stored record and compares keys. */
    private static final class WholeRecords<T> extends AggregationEntries<T> {
        private final TypeSerializer<T> serializer;
        private final TypeComparator<T> comparator;
        private long start;

        WholeRecords(TypeSerializer<T> serializer, TypeComparator<T> comparator) {
            this.serializer = serializer;
            this.comparator = comparator;
        }

        @Override
        void probe(T probe) {}

        @Override
        void writeEntry(T probe, ByteArrayOutputView target) throws IOException {
            serializer.serialize(probe, target);
        }

        @Override
        T match(RandomAccessInputView entries, long position, T probe) throws IOException {
            entries.seek(position);
            T existing = serializer.deserialize(entries);
            start = position;
            return comparator.compare(existing, probe) == 0 ? existing : null;
        }

        @Override
        long updatableStart() {
            return start;
        }

        @Override
        void writeUpdatable(T reduced, ByteArrayOutputView target) throws IOException {
            serializer.serialize(reduced, target);
        }

        @Override
        void writeEntry(ByteArrayOutputView updatable, ByteArrayOutputView target) {
            target.write(updatable.buffer(), 0, updatable.length());
        }

        @Override
        T read(DataInputView entry) throws IOException {
            return serializer.deserialize(entry);
        }
    }

    /**
     * Entries are {@code varint(key length) key value}: a lookup compares the key's bytes with the
     * probed record's, and a match reads only the other fields, taking the key from the probe.
     */
    private static final class KeyBytes<T> extends AggregationEntries<T> {
        private final KeyValueLayout<T> layout;
        private final ByteArrayOutputView key = new ByteArrayOutputView(64);
        private long start;
        /** The most bytes of the other fields, or -1: unbounded. */
        private final int maxValueLength;

        private final SegmentInputView inPage = new SegmentInputView();
        private final SegmentOutputView outPage = new SegmentOutputView();
        private T matched;
        private int matchedStart;
        private int matchedEnd;

        KeyBytes(KeyValueLayout<T> layout) {
            this.layout = layout;
            this.maxValueLength = layout.maxValueLength();
        }

        @Override
        int matchInPage(MemorySegment page, int offset, T probe) throws IOException {
            int keyLength = key.length();
            int valueStart = offset + 1 + keyLength;
            if (keyLength > 127 || maxValueLength < 0 || valueStart + maxValueLength > page.size()) {
                return UNDECIDED;
            }
            // a key shorter than 128 bytes has a one-byte length; a longer one's first byte is negative
            if (page.get(offset) != keyLength || !page.equalTo(offset + 1, key.buffer(), 0, keyLength)) {
                return OTHER_KEY;
            }
            inPage.at(page, valueStart, valueStart + maxValueLength);
            matched = layout.readWithKeyOf(probe, inPage);
            matchedStart = valueStart;
            matchedEnd = valueStart + maxValueLength - inPage.remaining();
            return MATCH;
        }

        @Override
        T matched() {
            return matched;
        }

        @Override
        boolean updateInPage(T reduced, MemorySegment page) throws IOException {
            if (matchedEnd - matchedStart != maxValueLength) {
                return false;
            }
            outPage.at(page, matchedStart);
            layout.writeValue(reduced, outPage);
            return true;
        }

        @Override
        int matchedStart() {
            return matchedStart;
        }

        @Override
        int matchedEnd() {
            return matchedEnd;
        }

        @Override
        void probe(T probe) throws IOException {
            key.reset();
            layout.writeKey(probe, key);
        }

        @Override
        void writeEntry(T probe, ByteArrayOutputView target) throws IOException {
            target.writeVarInt(key.length());
            target.write(key.buffer(), 0, key.length());
            layout.writeValue(probe, target);
        }

        @Override
        T match(RandomAccessInputView entries, long position, T probe) throws IOException {
            entries.seek(position);
            int length = entries.readVarInt();
            if (length != key.length()) {
                return null;
            }
            if (!entries.readEquals(key.buffer(), 0, length)) {
                return null;
            }
            start = entries.position();
            return layout.readWithKeyOf(probe, entries);
        }

        @Override
        long updatableStart() {
            return start;
        }

        @Override
        void writeUpdatable(T reduced, ByteArrayOutputView target) throws IOException {
            layout.writeValue(reduced, target);
        }

        @Override
        void writeEntry(ByteArrayOutputView updatable, ByteArrayOutputView target) throws IOException {
            target.writeVarInt(key.length());
            target.write(key.buffer(), 0, key.length());
            target.write(updatable.buffer(), 0, updatable.length());
        }

        @Override
        T read(DataInputView entry) throws IOException {
            entry.readVarInt();
            return layout.read(entry);
        }
    }
}
