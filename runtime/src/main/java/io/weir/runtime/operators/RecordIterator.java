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

    /**
     * These records as a {@link java.util.Iterator}, for functions that take an {@code Iterable}; an
     * {@link IOException} surfaces as an {@link java.io.UncheckedIOException}.
     */
    default java.util.Iterator<T> asIterator() {
        RecordIterator<T> records = this;
        return new java.util.Iterator<>() {
            private T next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next == null && !ended) {
                    try {
                        next = records.next();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    ended = next == null;
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                T result = next;
                next = null;
                return result;
            }
        };
    }
}
