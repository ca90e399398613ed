package io.weir.runtime.operators.buffer;

import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.io.ChannelReaderInputView;
import io.weir.memory.io.ChannelWriterOutputView;
import io.weir.memory.io.FileChannelId;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only collection of records that keeps as many as its memory budget holds and spills the
 * rest to one file, and can be read back, in insertion order, any number of times: the storage
 * behind cached iteration inputs, broadcast sets, blocking exchanges and cross products.
 *
 * <pre>
 *   budget of P pages
 *   ┌──────────────────────────────────────┬──────────────┐
 *   │ in-memory part: records 0 .. k-1     │ 2 I/O pages  │──► spill file: records k .. n-1
 *   │ (up to P - 2 pages)                  │ (write, then │
 *   │                                      │  read-ahead) │
 *   └──────────────────────────────────────┴──────────────┘
 * </pre>
 *
 * The first record that does not fit in memory and every record after it go to the spill file, so
 * a reader sees the in-memory part and then the file, without ever sorting or moving records.
 * Reading starts after {@link #finishWriting()}; in-memory readers can run side by side, but only
 * one reader at a time reads the spilled part (opening another closes the first).
 */
public final class SpillableRecordBuffer<T> implements AutoCloseable {

    /** The fewest pages the buffer works with: one for memory, two for spilling. */
    public static final int MIN_PAGES = 3;

    private final TypeSerializer<T> serializer;
    private final OperatorResources resources;

    private final List<MemorySegment> memoryPages = new ArrayList<>();
    private final PageBudget freePages;
    private final List<MemorySegment> ioPages;
    private final RandomAccessOutputView memoryOut;
    private long memoryEnd;
    private long memoryRecords;

    private FileChannelId spillFile;
    private ChannelWriterOutputView spillOut;
    private long spilledRecords;
    private ChannelReaderInputView spillReader;

    private boolean writingFinished;
    private boolean closed;

    public SpillableRecordBuffer(TypeSerializer<T> serializer, OperatorResources resources) {
        this.serializer = serializer;
        this.resources = resources;
        this.freePages = resources.budget(MIN_PAGES);
        this.ioPages = new ArrayList<>(freePages.take(2));
        memoryPages.add(freePages.poll());
        this.memoryOut = new RandomAccessOutputView(memoryPages, freePages::poll);
    }

    /** Appends a record. */
    public void add(T record) throws IOException {
        if (writingFinished) {
            throw new IllegalStateException(resources + ": records cannot be added after writing finished");
        }
        resources.checkCancelled();
        try {
            if (spillOut == null) {
                long start = memoryOut.position();
                try {
                    serializer.serialize(record, memoryOut);
                    memoryEnd = memoryOut.position();
                    memoryRecords++;
                    resources.metrics().addBytesIn(memoryEnd - start);
                    resources.metrics().addRecordsIn(1);
                    return;
                } catch (EOFException full) {
                    memoryOut.seek(start); // the record goes to the spill file, whole
                    startSpilling();
                }
            }
            long before = spillOut.bytesWritten();
            serializer.serialize(record, spillOut);
            spilledRecords++;
            resources.metrics().addBytesIn(spillOut.bytesWritten() - before);
            resources.metrics().addRecordsIn(1);
        } catch (IOException | RuntimeException e) {
            throw resources.failure("while buffering a record", e);
        }
    }

    private void startSpilling() throws IOException {
        spillFile = resources.ioManager().createChannel(resources);
        spillOut = new ChannelWriterOutputView(resources.ioManager().createBlockWriter(spillFile), ioPages);
        ioPages.clear();
    }

    /** Ends writing; reading may start. */
    public void finishWriting() throws IOException {
        if (writingFinished) {
            return;
        }
        writingFinished = true;
        if (spillOut != null) {
            try {
                long bytes = spillOut.bytesWritten();
                ioPages.addAll(spillOut.close());
                resources.metrics().addSpill(bytes);
            } catch (IOException | RuntimeException e) {
                throw resources.failure("while finishing its spill file", e);
            } finally {
                spillOut = null;
            }
        }
    }

    /** The number of records added. */
    public long size() {
        return memoryRecords + spilledRecords;
    }

    /** Whether some records went to disk. */
    public boolean isSpilled() {
        return spillFile != null;
    }

    /**
     * A reader over all records in insertion order. Opening one while another still reads the spilled
     * part closes that one's file reader.
     */
    public RecordIterator<T> read() throws IOException {
        if (!writingFinished) {
            throw new IllegalStateException(resources + ": finish writing before reading");
        }
        if (closed) {
            throw new IllegalStateException(resources + " is closed");
        }
        RandomAccessInputView memoryIn = new RandomAccessInputView(memoryPages, memoryEnd);
        return new RecordIterator<>() {
            private long memoryRead;
            private long spilledRead;
            private ChannelReaderInputView fileIn;

            @Override
            public T next() throws IOException {
                try {
                    if (memoryRead < memoryRecords) {
                        memoryRead++;
                        return serializer.deserialize(memoryIn);
                    }
                    if (spilledRead < spilledRecords) {
                        resources.checkCancelled();
                        if (fileIn == null) {
                            fileIn = openSpillReader();
                        } else if (fileIn != spillReader) {
                            throw new IllegalStateException(resources + ": another reader took over the spilled part");
                        }
                        spilledRead++;
                        return serializer.deserialize(fileIn);
                    }
                    if (fileIn != null && fileIn == spillReader) {
                        closeSpillReader();
                    }
                    return null;
                } catch (IOException | RuntimeException e) {
                    throw resources.failure("while reading buffered records back", e);
                }
            }
        };
    }

    private ChannelReaderInputView openSpillReader() throws IOException {
        closeSpillReader();
        spillReader = new ChannelReaderInputView(resources.ioManager().createBlockReader(spillFile), ioPages);
        ioPages.clear();
        return spillReader;
    }

    private void closeSpillReader() throws IOException {
        if (spillReader != null) {
            ioPages.addAll(spillReader.close());
            spillReader = null;
        }
    }

    /**
     * Forgets every record, for reuse (a join keeps one buffer for each key's group in turn): the
     * spill file is deleted and all but one memory page go back to the buffer's free pages.
     */
    public void reset() throws IOException {
        if (spillReader != null) {
            ioPages.addAll(spillReader.closeAndDelete());
            spillReader = null;
        }
        if (spillOut != null) {
            ioPages.addAll(spillOut.closeAndDelete());
            spillOut = null;
        }
        if (spillFile != null) {
            resources.ioManager().deleteChannel(spillFile);
            spillFile = null;
        }
        while (memoryPages.size() > 1) {
            freePages.add(memoryPages.remove(memoryPages.size() - 1));
        }
        memoryOut.seek(0);
        memoryEnd = 0;
        memoryRecords = 0;
        spilledRecords = 0;
        writingFinished = false;
    }

    /** Releases all pages and deletes the spill file. */
    @Override
    public void close() {
        closed = true;
        resources.close();
    }
}
