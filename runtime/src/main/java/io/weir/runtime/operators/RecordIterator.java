package io.weir.runtime.operators;

import java.io.IOException;

/**
 * A pull-style stream of records, as operators hand them to each other: {@link #next()} returns the
 * next record, or {@code null} at the end. Records are never {@code null}.
 */
@FunctionalInterface
public interface RecordIterator<T> {

    /** The next record, or {@code null} when there are no more. */
    T next() throws IOException;

    /** An iterator with no records. */
    static <T> RecordIterator<T> empty() {
        return () -> null;
    }

    /** An iterator over the records of a list, for tests and small inputs. */
    static <T> RecordIterator<T> of(Iterable<T> records) {
        java.util.Iterator<T> iterator = records.iterator();
        return () -> iterator.hasNext() ? iterator.next() : null;
    }
}
