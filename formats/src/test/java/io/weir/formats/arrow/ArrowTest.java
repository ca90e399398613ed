package io.weir.formats.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.io.WriteMode;
import io.weir.core.types.TypeExtractor;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.formats.parquet.ParquetTest;
import io.weir.formats.parquet.ParquetTest.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arrow IPC files and streams written and read by Weir, checked against the rows and Arrow's own reader and writer. */
class ArrowTest {

    @TempDir
    Path directory;

    public record Projected(long id, String name) {}

    static ExecutionEnvironment environment(int parallelism) {
        return ParquetTest.environment(parallelism);
    }

    static List<Path> parts(Path output) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest(name = "parallelism {0}, stream format {1}")
    @CsvSource({"1, false", "3, false", "2, true"})
    void recordsWrittenAndReadBackAreTheSameAcrossBatchesAndFiles(int parallelism, boolean stream) throws Exception {
        List<Row> rows = ParquetTest.rows(2_500, 11);
        Path output = directory.resolve("rows");
        ExecutionEnvironment env = environment(parallelism);
        Arrow.Writer writer = Arrow.writer().batchSize(300);
        (stream ? writer.stream() : writer)
                .write(
                        env.fromCollection(rows, TypeExtractor.of(Row.class)),
                        output.toString(),
                        WriteMode.NO_OVERWRITE);
        env.execute("write arrow");

        assertThat(parts(output)).hasSize(parallelism);
        List<Row> read = Arrow.read(environment(parallelism), output.toString(), Row.class)
                .collect();
        assertThat(ParquetTest.multiset(read)).isEqualTo(ParquetTest.multiset(rows));
    }

    @Test
    void arrowsOwnReaderSeesTheSchemaAndValues() throws Exception {
        List<Row> rows = ParquetTest.rows(700, 2);
        Path output = directory.resolve("rows");
        ExecutionEnvironment env = environment(1);
        Arrow.writer()
                .batchSize(256)
                .write(
                        env.fromCollection(rows, TypeExtractor.of(Row.class)),
                        output.toString(),
                        WriteMode.NO_OVERWRITE);
        env.execute("write arrow");

        List<Long> ids = new ArrayList<>();
        int batches = 0;
        try (BufferAllocator allocator = new RootAllocator();
                ArrowFileReader reader =
                        new ArrowFileReader(Files.newByteChannel(parts(output).get(0)), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getSchema().findField("id").getType()).isEqualTo(new ArrowType.Int(64, true));
            assertThat(root.getSchema().findField("address").getType()).isEqualTo(ArrowType.Struct.INSTANCE);
            assertThat(root.getSchema().findField("tags").getType()).isEqualTo(ArrowType.List.INSTANCE);
            while (reader.loadNextBatch()) {
                batches++;
                BigIntVector id = (BigIntVector) root.getVector("id");
                for (int i = 0; i < root.getRowCount(); i++) {
                    ids.add(id.get(i));
                }
            }
        }
        assertThat(batches).isEqualTo(3);
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(Row::id).toList());
    }

    /** An Arrow file written by Arrow's API: ids, names (every third null) and a column Weir does not read. */
    Path arrowFile(int count) throws IOException {
        Path file = directory.resolve("data.arrow");
        try (BufferAllocator allocator = new RootAllocator();
                BigIntVector id = new BigIntVector("id", allocator);
                VarCharVector name = new VarCharVector("name", allocator);
                Float8Vector extra = new Float8Vector("extra", allocator);
                VectorSchemaRoot root = VectorSchemaRoot.of(id, name, extra);
                OutputStream out = Files.newOutputStream(file);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            for (int i = 0; i < count; i++) {
                id.setSafe(i, i);
                if (i % 3 == 0) {
                    name.setNull(i);
                } else {
                    name.setSafe(i, ("n" + i).getBytes(StandardCharsets.UTF_8));
                }
                extra.setSafe(i, i * 0.25);
            }
            root.setRowCount(count);
            writer.writeBatch();
            writer.end();
        }
        return file;
    }

    @Test
    void aFileWrittenByArrowIsReadByColumnName() throws Exception {
        Path file = arrowFile(1_000);

        List<Projected> read =
                Arrow.read(environment(2), file.toString(), Projected.class).collect();

        List<Projected> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            expected.add(new Projected(i, i % 3 == 0 ? null : "n" + i));
        }
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    }

    public record Other(long id, String title) {}

    @Test
    void aFieldWithoutAColumnIsAnErrorNamingTheColumns() throws Exception {
        Path file = arrowFile(10);

        assertThatThrownBy(() ->
                        Arrow.read(environment(1), file.toString(), Other.class).collect())
                .hasStackTraceContaining("has no column 'title'")
                .hasStackTraceContaining("[id, name, extra]");
    }

    @Test
    void collectGivesTheResultAsOneArrowTable() {
        List<Row> rows = ParquetTest.rows(400, 4);
        ExecutionEnvironment env = environment(3);

        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = Arrow.collect(
                        env.fromCollection(rows, TypeExtractor.of(Row.class)).filter(row -> row.flag()), allocator)) {
            List<Row> flagged = rows.stream().filter(Row::flag).toList();
            assertThat(root.getRowCount()).isEqualTo(flagged.size());
            List<Long> ids = new ArrayList<>();
            BigIntVector id = (BigIntVector) root.getVector("id");
            for (int i = 0; i < root.getRowCount(); i++) {
                ids.add(id.get(i));
            }
            assertThat(ids)
                    .containsExactlyInAnyOrderElementsOf(
                            flagged.stream().map(Row::id).toList());
            List<Row> back = new ArrayList<>();
            var columns = ArrowMapping.columns(
                    root, (io.weir.core.types.CompositeTypeInfo<Row>) TypeExtractor.of(Row.class), "result");
            for (int i = 0; i < root.getRowCount(); i++) {
                back.add((Row) ArrowMapping.readRow(
                        columns, (io.weir.core.types.CompositeTypeInfo<Row>) TypeExtractor.of(Row.class), i));
            }
            assertThat(back).containsExactlyInAnyOrderElementsOf(flagged);
        }
    }
}
