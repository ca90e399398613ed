package io.weir.formats.parquet;

import io.weir.core.io.FileOutputFormat;
import io.weir.core.io.WriteMode;
import io.weir.core.types.CompositeTypeInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes records (Java records, POJOs, tuples) as Parquet files: one {@code part-NNNNN.parquet}
 * file per parallel instance in the target directory, committed with the job as every file sink is
 * (a failed job leaves nothing at the target). The schema is derived from the type ({@link
 * ParquetMapping}); the codec and the row-group size are options.
 */
public final class ParquetOutputFormat<T> extends FileOutputFormat<T> {

    private static final long serialVersionUID = 1L;

    /** The default row-group size: 128 MiB, Parquet's. */
    public static final long DEFAULT_ROW_GROUP_SIZE = 128L << 20;

    private final CompositeTypeInfo<T> type;
    private final String codec;
    private final long rowGroupSize;
    private final ParquetMapping.Decimal decimal;
    private transient ParquetWriter<T> writer;

    /**
     * @param codec {@code snappy}, {@code zstd}, {@code gzip} or {@code uncompressed} (any codec name
     *     of Parquet's {@code CompressionCodecName})
     * @param rowGroupSize bytes of a row group before it is flushed
     */
    public ParquetOutputFormat(
            String path, WriteMode writeMode, CompositeTypeInfo<T> type, String codec, long rowGroupSize) {
        this(path, writeMode, type, codec, rowGroupSize, 0, 0);
    }

    /**
     * With {@code BigDecimal} fields written as DECIMAL({@code precision}, {@code scale}) (precision 0:
     * the type has none); a value with more places or digits fails naming the field.
     */
    public ParquetOutputFormat(
            String path,
            WriteMode writeMode,
            CompositeTypeInfo<T> type,
            String codec,
            long rowGroupSize,
            int decimalPrecision,
            int decimalScale) {
        super(path, writeMode);
        this.decimal = decimalPrecision == 0 ? null : new ParquetMapping.Decimal(decimalPrecision, decimalScale);
        this.type = type;
        this.codec = codec(codec).name();
        if (rowGroupSize < 1) {
            throw new IllegalArgumentException("the row-group size must be positive, not " + rowGroupSize);
        }
        this.rowGroupSize = rowGroupSize;
        ParquetMapping.schema(type, decimal); // fails now, naming the field, if a field cannot be written
    }

    static CompressionCodecName codec(String name) {
        try {
            return CompressionCodecName.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown Parquet codec '" + name + "': use snappy, zstd, gzip, lz4_raw or uncompressed", e);
        }
    }

    @Override
    public void open(int taskNumber, int numTasks) throws IOException {
        super.open(taskNumber, numTasks);
        writer = new Builder<>(new StreamFile(stream()), type, decimal)
                .withConf(new Configuration(false))
                .withCompressionCodec(CompressionCodecName.valueOf(codec))
                .withRowGroupSize(rowGroupSize)
                .build();
    }

    @Override
    public void writeRecord(T record) throws IOException {
        writer.write(record);
    }

    @Override
    public void close() throws IOException {
        if (writer != null) {
            ParquetWriter<T> closing = writer;
            writer = null;
            closing.close();
        }
        super.close();
    }

    @Override
    public String description() {
        return "Parquet " + super.description();
    }

    /** The part file's stream as Parquet's output file, counting the bytes written. */
    private static final class StreamFile implements OutputFile {
        private final OutputStream stream;

        StreamFile(OutputStream stream) {
            this.stream = stream;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    stream.write(b);
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    stream.write(bytes, offset, length);
                    position += length;
                }

                @Override
                public void flush() throws IOException {
                    stream.flush();
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final CompositeTypeInfo<T> type;
        private final ParquetMapping.Decimal decimal;

        Builder(OutputFile file, CompositeTypeInfo<T> type, ParquetMapping.Decimal decimal) {
            super(file);
            this.type = type;
            this.decimal = decimal;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration configuration) {
            return new RecordWriteSupport<>(type, decimal);
        }
    }

    private static final class RecordWriteSupport<T> extends WriteSupport<T> {
        private final CompositeTypeInfo<T> type;
        private final ParquetMapping.Decimal decimal;
        private final MessageType schema;
        private RecordConsumer consumer;

        RecordWriteSupport(CompositeTypeInfo<T> type, ParquetMapping.Decimal decimal) {
            this.type = type;
            this.decimal = decimal;
            this.schema = ParquetMapping.schema(type, decimal);
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(T record) {
            consumer.startMessage();
            ParquetMapping.writeFields(consumer, type, record, decimal);
            consumer.endMessage();
        }
    }
}
