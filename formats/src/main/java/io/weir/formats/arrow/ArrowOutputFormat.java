package io.weir.formats.arrow;

import io.weir.core.io.FileOutputFormat;
import io.weir.core.io.WriteMode;
import io.weir.core.types.CompositeTypeInfo;
import java.io.IOException;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.ArrowWriter;

/**
 * Writes records as Arrow IPC data: one {@code part-NNNNN} file per parallel instance, in the file
 * format (random access, with a footer) or the stream format, in record batches of {@code
 * batchSize} rows. A batch is built in Arrow vectors off the heap and written before the next
 * starts, so an instance holds one batch at a time. Committed with the job as every file sink is.
 */
public final class ArrowOutputFormat<T> extends FileOutputFormat<T> {

    private static final long serialVersionUID = 1L;

    private final CompositeTypeInfo<T> type;
    private final boolean stream;
    private final int batchSize;
    private transient BufferAllocator allocator;
    private transient VectorSchemaRoot root;
    private transient ArrowWriter writer;
    private transient int rows;

    public ArrowOutputFormat(
            String path, WriteMode writeMode, CompositeTypeInfo<T> type, boolean stream, int batchSize) {
        super(path, writeMode);
        if (batchSize < 1) {
            throw new IllegalArgumentException("an Arrow record batch has at least one row, not " + batchSize);
        }
        this.type = type;
        this.stream = stream;
        this.batchSize = batchSize;
        ArrowMapping.schema(type); // fails now, naming the field, if a field cannot be mapped
    }

    @Override
    public void open(int taskNumber, int numTasks) throws IOException {
        super.open(taskNumber, numTasks);
        allocator = new RootAllocator();
        root = VectorSchemaRoot.create(ArrowMapping.schema(type), allocator);
        root.allocateNew();
        writer = stream
                ? new ArrowStreamWriter(root, null, Channels.newChannel(stream()))
                : new ArrowFileWriter(root, null, Channels.newChannel(stream()));
        writer.start();
        rows = 0;
    }

    @Override
    public void writeRecord(T record) throws IOException {
        ArrowMapping.writeRow(root, type, record, rows++);
        if (rows == batchSize) {
            flush();
        }
    }

    private void flush() throws IOException {
        root.setRowCount(rows);
        writer.writeBatch();
        root.allocateNew();
        rows = 0;
    }

    @Override
    public void close() throws IOException {
        try {
            if (writer != null) {
                if (rows > 0) {
                    flush();
                }
                writer.end();
                writer.close();
            }
        } finally {
            release();
            super.close();
        }
    }

    @Override
    public void abort() throws IOException {
        try {
            release();
        } finally {
            super.abort();
        }
    }

    /** Frees the batch's vectors and their allocator. */
    private void release() {
        writer = null;
        if (root != null) {
            root.close();
            root = null;
        }
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
    }

    @Override
    public String description() {
        return "Arrow " + super.description();
    }
}
