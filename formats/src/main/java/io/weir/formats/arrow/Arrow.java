package io.weir.formats.arrow;

import io.weir.core.io.WriteMode;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSink;
import io.weir.dataset.ExecutionEnvironment;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Arrow from programs: {@code Arrow.read(env, path, Type.class)}, {@code Arrow.write(dataSet, path,
 * mode)} (or {@link #writer} for the stream format and the batch size), and {@link #collect}, which
 * runs the program and gives the result as one Arrow {@link VectorSchemaRoot} for notebooks and
 * Python — no conversion row by row on the caller's side.
 */
public final class Arrow {

    private Arrow() {}

    public static <T> DataSet<T> read(ExecutionEnvironment env, String path, Class<T> type) {
        return read(env, path, TypeExtractor.of(type));
    }

    public static <T> DataSet<T> read(ExecutionEnvironment env, String path, TypeInfo<T> type) {
        return env.createInput(new ArrowInputFormat<>(path, composite(type)), type)
                .name("read Arrow " + path);
    }

    /** Writes {@code data} as Arrow IPC files (file format, batches of 65,536 rows). */
    public static <T> DataSink<T> write(DataSet<T> data, String path, WriteMode mode) {
        return writer().write(data, path, mode);
    }

    public static Writer writer() {
        return new Writer(false, 65_536);
    }

    /** Options of written Arrow data. */
    public record Writer(boolean streamFormat, int batchSize) {
        /** The IPC stream format instead of the file format. */
        public Writer stream() {
            return new Writer(true, batchSize);
        }

        public Writer batchSize(int rows) {
            return new Writer(streamFormat, rows);
        }

        public <T> DataSink<T> write(DataSet<T> data, String path, WriteMode mode) {
            return data.output(new ArrowOutputFormat<>(path, mode, composite(data.getType()), streamFormat, batchSize))
                    .name("write Arrow " + path);
        }
    }

    /**
     * Runs the program and returns {@code data} as one Arrow table, its vectors allocated from {@code
     * allocator}; the caller closes the root (and the allocator). The rows are collected to the
     * client first, as {@code collect()} does, so the result must fit in its memory.
     */
    public static <T> VectorSchemaRoot collect(DataSet<T> data, BufferAllocator allocator) {
        CompositeTypeInfo<T> type = composite(data.getType());
        List<T> rows = data.collect();
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowMapping.schema(type), allocator);
        try {
            root.allocateNew();
            for (int i = 0; i < rows.size(); i++) {
                ArrowMapping.writeRow(root, type, rows.get(i), i);
            }
            root.setRowCount(rows.size());
            return root;
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    private static <T> CompositeTypeInfo<T> composite(TypeInfo<T> type) {
        if (!(type instanceof CompositeTypeInfo<T> composite)) {
            throw new IllegalArgumentException(
                    "Arrow rows are records with fields; " + type + " has none: use a Java record, a POJO or a tuple");
        }
        return composite;
    }
}
