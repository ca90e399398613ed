package io.weir.formats.arrow;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import io.weir.core.fs.SeekableInputStream;
import io.weir.core.io.FileInputSplit;
import io.weir.core.io.InputFormat;
import io.weir.core.types.CompositeTypeInfo;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * Reads Arrow IPC data — files (with the {@code ARROW1} magic) or streams, told apart by their first
 * bytes — into records, one split per file, one record batch in memory at a time. Fields map to
 * columns by name; a field without a column fails naming the file and the columns there are.
 */
public final class ArrowInputFormat<T> implements InputFormat<T, FileInputSplit> {

    private static final long serialVersionUID = 1L;
    private static final byte[] FILE_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private final String path;
    private final CompositeTypeInfo<T> type;
    private transient BufferAllocator allocator;
    private transient ArrowReader reader;
    private transient List<FieldVector> columns;
    private transient int row;
    private transient int rowCount;
    private transient boolean exhausted;
    private transient URI file;

    public ArrowInputFormat(String path, CompositeTypeInfo<T> type) {
        this.path = path;
        this.type = type;
    }

    @Override
    public FileInputSplit[] createInputSplits(int minSplits) throws IOException {
        URI uri = FileSystem.toUri(path);
        List<FileInputSplit> splits = new ArrayList<>();
        for (FileStatus status : FileSystem.get(uri).inputFiles(uri)) {
            if (status.length() > 0) {
                splits.add(new FileInputSplit(splits.size(), status.path(), 0, status.length()));
            }
        }
        return splits.toArray(new FileInputSplit[0]);
    }

    @Override
    public void open(FileInputSplit split) throws IOException {
        file = split.file();
        allocator = new RootAllocator();
        SeekableInputStream in = FileSystem.get(file).open(file);
        try {
            byte[] head = new byte[FILE_MAGIC.length];
            int read = in.readNBytes(head, 0, head.length);
            in.seek(0);
            reader = read == head.length && java.util.Arrays.equals(head, FILE_MAGIC)
                    ? new ArrowFileReader(new Channel(in, split.length()), allocator)
                    : new ArrowStreamReader(in, allocator);
        } catch (IOException | RuntimeException e) {
            in.close(); // no reader owns the stream yet
            throw e;
        }
        VectorSchemaRoot root = reader.getVectorSchemaRoot();
        columns = ArrowMapping.columns(root, type, file.toString());
        row = 0;
        rowCount = 0;
        exhausted = false;
        advance();
    }

    /** Loads batches until one has a row left, or none is. */
    private void advance() throws IOException {
        while (row >= rowCount && !exhausted) {
            if (reader.loadNextBatch()) {
                rowCount = reader.getVectorSchemaRoot().getRowCount();
                row = 0;
            } else {
                exhausted = true;
            }
        }
    }

    @Override
    public boolean reachedEnd() {
        return row >= rowCount && exhausted;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T nextRecord() throws IOException {
        if (reachedEnd()) {
            return null;
        }
        T record;
        try {
            record = (T) ArrowMapping.readRow(columns, type, row++);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        advance();
        return record;
    }

    @Override
    public void close() throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            reader = null;
            columns = null;
            if (allocator != null) {
                allocator.close();
                allocator = null;
            }
        }
    }

    @Override
    public String description() {
        return "Arrow " + path + " as " + type.typeClass().getSimpleName();
    }

    /** A file of Weir's file systems as the seekable channel Arrow's file reader wants. */
    private static final class Channel implements SeekableByteChannel {
        private final SeekableInputStream in;
        private final long size;
        private boolean open = true;

        Channel(SeekableInputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            int wanted = target.remaining();
            byte[] buffer = new byte[Math.min(wanted, 64 * 1024)];
            int total = 0;
            while (target.hasRemaining()) {
                int n = in.read(buffer, 0, Math.min(buffer.length, target.remaining()));
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                target.put(buffer, 0, n);
                total += n;
            }
            return total;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            in.seek(newPosition);
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() throws IOException {
            open = false;
            in.close();
        }
    }
}
