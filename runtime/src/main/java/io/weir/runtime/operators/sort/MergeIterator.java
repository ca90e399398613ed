package io.weir.runtime.operators.sort;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.io.ChannelReaderInputView;
import io.weir.memory.io.FileChannelId;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import java.io.IOException;
import java.util.List;

/**
 * Merges sorted runs into one sorted stream: a binary min-heap holds each run's current record; the
 * top is emitted and replaced by its run's next record, which sinks to its place (one sift-down per
 * record, no remove-and-insert). A run that ends leaves the heap, and its file is deleted.
 */
final class MergeIterator<T> implements RecordIterator<T> {

    /** One run being read. */
    static final class Source<T> {
        final FileChannelId file;
        final ChannelReaderInputView in;
        final TypeSerializer<T> serializer;
        long remaining;
        T current;

        Source(FileChannelId file, ChannelReaderInputView in, long records, TypeSerializer<T> serializer) {
            this.file = file;
            this.in = in;
            this.remaining = records;
            this.serializer = serializer;
        }

        boolean advance() throws IOException {
            if (remaining == 0) {
                current = null;
                return false;
            }
            remaining--;
            current = serializer.deserialize(in);
            return true;
        }
    }

    private final Source<T>[] heap;
    private final TypeComparator<T> comparator;
    private final OperatorResources resources;
    private final List<Source<T>> all;
    private int size;
    private long emitted;

    @SuppressWarnings("unchecked")
    MergeIterator(List<Source<T>> sources, TypeComparator<T> comparator, OperatorResources resources)
            throws IOException {
        this.heap = new Source[sources.size()];
        this.comparator = comparator;
        this.resources = resources;
        this.all = sources;
        for (Source<T> source : sources) {
            if (source.advance()) {
                heap[size++] = source;
            } else {
                finishSource(source);
            }
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    @Override
    public T next() throws IOException {
        if (size == 0) {
            return null;
        }
        if ((++emitted & 0xFFF) == 0) {
            resources.checkCancelled();
        }
        Source<T> top = heap[0];
        T result = top.current;
        if (!top.advance()) {
            finishSource(top);
            heap[0] = heap[--size];
            heap[size] = null;
        }
        if (size > 0) {
            siftDown(0);
        }
        return result;
    }

    private void siftDown(int index) {
        Source<T> moving = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && comparator.compare(heap[child + 1].current, heap[child].current) < 0) {
                child++;
            }
            if (comparator.compare(heap[child].current, moving.current) >= 0) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = moving;
    }

    /** A run that is read to its end: its reader closes, its pages are kept for the next use. */
    private void finishSource(Source<T> source) throws IOException {
        source.in.closeAndDelete();
    }

    /**
     * Closes every run still open (an intermediate merge ends early only on failure) and gives all
     * read-ahead pages back to the pool.
     */
    void close(PageBudget pool) {
        for (Source<T> source : all) {
            pool.addAll(source.in.closeAndDelete());
        }
    }
}
