package io.weir.formats.parquet;

import io.weir.core.fs.FileStatus;
import io.weir.core.fs.FileSystem;
import io.weir.core.io.WriteMode;
import io.weir.core.predicate.Predicate;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.Row;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSink;
import io.weir.dataset.ExecutionEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * Reading and writing Parquet from programs: {@code Parquet.read(env, path, Type.class)} and {@code
 * Parquet.write(dataSet, path)} (or {@link #writer} for the codec and row-group size).
 */
public final class Parquet {

    private Parquet() {}

    /** The records of the Parquet files at {@code path}, as {@code type} (a record, POJO or tuple). */
    public static <T> DataSet<T> read(ExecutionEnvironment env, String path, Class<T> type) {
        return read(env, path, TypeExtractor.of(type));
    }

    /** Like {@link #read(ExecutionEnvironment, String, Class)} with the type given as type info. */
    public static <T> DataSet<T> read(ExecutionEnvironment env, String path, TypeInfo<T> type) {
        return read(env, path, type, null);
    }

    /**
     * The rows of the Parquet files at {@code path} that {@code filter} accepts — e.g. {@code
     * Predicate.col("day").ge(LocalDate.of(1998, 1, 1))} — with the filter pushed into the
     * reader: row groups that cannot match are skipped by their statistics, unread.
     */
    public static <T> DataSet<T> read(ExecutionEnvironment env, String path, Class<T> type, Predicate filter) {
        return read(env, path, TypeExtractor.of(type), filter);
    }

    /** Like {@link #read(ExecutionEnvironment, String, Class, Predicate)} with the type as type info. */
    public static <T> DataSet<T> read(ExecutionEnvironment env, String path, TypeInfo<T> type, Predicate filter) {
        return env.createInput(new ParquetInputFormat<>(path, composite(type), filter), type)
                .name("read Parquet " + path + (filter == null ? "" : " where " + filter));
    }

    /**
     * The rows of the Parquet files at {@code path} without a class: a {@link Row} per row, its
     * fields the columns of the first file (read when the program is built; the other files must
     * have those columns). Key and select fields by name.
     */
    public static DataSet<Row> readRows(ExecutionEnvironment env, String path) {
        return readRows(env, path, null);
    }

    /** Like {@link #readRows(ExecutionEnvironment, String)}, with a filter pushed into the reader. */
    public static DataSet<Row> readRows(ExecutionEnvironment env, String path, Predicate filter) {
        return read(env, path, rowType(path), filter);
    }

    /** The row type of the first Parquet file at {@code path}. */
    public static CompositeTypeInfo<Row> rowType(String path) {
        URI uri = FileSystem.toUri(path);
        try {
            for (FileStatus file : FileSystem.get(uri).inputFiles(uri)) {
                if (file.length() > 0 && !FileSystem.name(file.path()).startsWith("_")) {
                    try (ParquetFileReader footer =
                            ParquetFileReader.open(new ParquetInputFormat.WeirInputFile(file.path()))) {
                        return ParquetMapping.rowType(
                                footer.getFileMetaData().getSchema(),
                                file.path().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Parquet schema at " + path + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("there is no Parquet file at " + path + " to take the row type from");
    }

    /** Writes {@code data} as snappy-compressed Parquet files into directory {@code path}. */
    public static <T> DataSink<T> write(DataSet<T> data, String path, WriteMode mode) {
        return writer().write(data, path, mode);
    }

    public static Writer writer() {
        return new Writer("snappy", ParquetOutputFormat.DEFAULT_ROW_GROUP_SIZE, 0, 0);
    }

    /** Options of written files. */
    public record Writer(String codec, long rowGroupSize, int decimalPrecision, int decimalScale) {
        /** {@code snappy} (default), {@code zstd}, {@code gzip}, {@code lz4_raw}, {@code uncompressed}. */
        public Writer codec(String newCodec) {
            ParquetOutputFormat.codec(newCodec);
            return new Writer(newCodec, rowGroupSize, decimalPrecision, decimalScale);
        }

        /** Bytes of a row group (default 128 MiB); the unit of parallel reading. */
        public Writer rowGroupSize(long bytes) {
            return new Writer(codec, bytes, decimalPrecision, decimalScale);
        }

        /**
         * {@code BigDecimal} fields as DECIMAL(precision, scale) — needed when the type has any; a
         * value with more decimal places or digits fails the job naming the field.
         */
        public Writer decimal(int precision, int scale) {
            new ParquetMapping.Decimal(precision, scale); // validates
            return new Writer(codec, rowGroupSize, precision, scale);
        }

        public <T> DataSink<T> write(DataSet<T> data, String path, WriteMode mode) {
            return data.output(new ParquetOutputFormat<>(
                            path, mode, composite(data.getType()), codec, rowGroupSize, decimalPrecision, decimalScale))
                    .name("write Parquet " + path);
        }
    }

    private static <T> CompositeTypeInfo<T> composite(TypeInfo<T> type) {
        if (!(type instanceof CompositeTypeInfo<T> composite)) {
            throw new IllegalArgumentException("Parquet rows are records with fields; " + type
                    + " has none: use a Java record, a POJO or a tuple");
        }
        return composite;
    }
}
