package io.weir.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.io.WriteMode;
import io.weir.core.predicate.Predicate;
import io.weir.core.types.TypeExtractor;
import io.weir.dataset.ExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parquet files written and read by Weir, checked against the rows and against Parquet's own reader and writer. */
public class ParquetTest {

    @TempDir
    Path directory;

    public enum Kind {
        SMALL,
        LARGE,
        ODD
    }

    public record Address(String city, int zip) {}

    public record Row(
            long id,
            Integer count,
            double score,
            String name,
            boolean flag,
            LocalDate day,
            Instant at,
            Kind kind,
            Address address,
            List<String> tags,
            Short small) {}

    public record Projected(long id, String name) {}

    public record Missing(long id, String nickname) {}

    public static ExecutionEnvironment environment(int parallelism) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("32m"))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    /** Rows with every kind of field, some of them null, generated from a seed. */
    public static List<Row> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean gaps = i % 7 == 3;
            List<String> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add(t == 2 && i % 5 == 0 ? null : "t" + random.nextInt(100));
            }
            rows.add(new Row(
                    (1L << 40) + i,
                    gaps ? null : random.nextInt(),
                    random.nextDouble() * 1000 - 500,
                    gaps ? null : "name-" + random.nextInt(1000) + (i % 11 == 0 ? " ünïcødé" : ""),
                    random.nextBoolean(),
                    gaps ? null : LocalDate.ofEpochDay(random.nextInt(40_000) - 10_000),
                    gaps
                            ? null
                            : Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1000L),
                    gaps ? null : Kind.values()[random.nextInt(3)],
                    gaps ? null : new Address("city" + random.nextInt(50), random.nextInt(99_999)),
                    i % 13 == 0 ? null : tags,
                    gaps ? null : (short) random.nextInt(Short.MAX_VALUE)));
        }
        return rows;
    }

    public static <T> Map<T, Long> multiset(List<T> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Writes {@code rows} as snappy Parquet into directory "rows" at {@code parallelism}. */
    Path write(List<Row> rows, int parallelism) throws Exception {
        Path output = directory.resolve("rows");
        ExecutionEnvironment env = environment(parallelism);
        Parquet.write(env.fromCollection(rows, TypeExtractor.of(Row.class)), output.toString(), WriteMode.NO_OVERWRITE);
        env.execute("write");
        return output;
    }

    static List<Path> parts(Path output) throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.sorted().toList();
        }
    }

    @ParameterizedTest(name = "parallelism {0}, {1}")
    @CsvSource({"1, snappy", "4, zstd", "2, gzip", "3, uncompressed"})
    void recordsWrittenAndReadBackAreTheSameInSeveralRowGroupsAndFiles(int parallelism, String codec) throws Exception {
        List<Row> rows = rows(3_000, parallelism);
        Path output = directory.resolve("rows");
        ExecutionEnvironment env = environment(parallelism);
        Parquet.writer()
                .codec(codec)
                .rowGroupSize(16 * 1024)
                .write(
                        env.fromCollection(rows, TypeExtractor.of(Row.class)),
                        output.toString(),
                        WriteMode.NO_OVERWRITE);
        env.execute("write");

        int rowGroups = 0;
        for (Path part : parts(output)) {
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part))) {
                for (BlockMetaData block : reader.getRowGroups()) {
                    rowGroups++;
                    assertThat(block.getColumns().get(0).getCodec())
                            .isEqualTo(CompressionCodecName.valueOf(codec.toUpperCase(java.util.Locale.ROOT)));
                }
            }
        }
        assertThat(parts(output)).hasSize(parallelism);
        assertThat(rowGroups).as("small row groups").isGreaterThan(parallelism);

        List<Row> read = Parquet.read(environment(parallelism), output.toString(), Row.class)
                .collect();
        assertThat(multiset(read)).isEqualTo(multiset(rows));
    }

    @Test
    void parquetsOwnReaderSeesTheColumnsWeirWrote() throws Exception {
        List<Row> rows = rows(500, 7);
        Path output = write(rows, 1);

        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        int seen = 0;
        try (ParquetReader<Group> reader = ParquetReader.builder(
                        new GroupReadSupport(),
                        new org.apache.hadoop.fs.Path(parts(output).get(0).toUri()))
                .build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                Row row = byId.get(group.getLong("id", 0));
                assertThat(group.getDouble("score", 0)).isEqualTo(row.score());
                assertThat(group.getFieldRepetitionCount("name")).isEqualTo(row.name() == null ? 0 : 1);
                if (row.name() != null) {
                    assertThat(group.getString("name", 0)).isEqualTo(row.name());
                    assertThat(group.getInteger("day", 0))
                            .isEqualTo((int) row.day().toEpochDay());
                    assertThat(group.getGroup("address", 0).getString("city", 0))
                            .isEqualTo(row.address().city());
                }
                seen++;
            }
        }
        assertThat(seen).isEqualTo(rows.size());
    }

    static final MessageType EXAMPLE = MessageTypeParser.parseMessageType(
            "message example { required int64 id; optional binary name (STRING); required double extra; }");

    /** A file written by Parquet's example writer: ids, names (every fifth null) and an extra column. */
    Path exampleFile(int count) throws IOException {
        Path file = directory.resolve("example.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(EXAMPLE);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withType(EXAMPLE)
                .withRowGroupSize(4096L)
                .build()) {
            for (int i = 0; i < count; i++) {
                Group group = groups.newGroup().append("id", (long) i).append("extra", i * 0.5);
                if (i % 5 != 0) {
                    group.append("name", "n" + i);
                }
                writer.write(group);
            }
        }
        return file;
    }

    @Test
    void aTruncatedFileIsAnErrorNamingItAndTheJobWritesNothing() throws Exception {
        Path file = exampleFile(2_000);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // the footer is gone
        Path output = directory.resolve("copy");
        ExecutionEnvironment env = environment(2);
        env.createInput(
                        new ParquetInputFormat<>(file.toString(), (io.weir.core.types.CompositeTypeInfo<Projected>)
                                TypeExtractor.of(Projected.class)),
                        TypeExtractor.of(Projected.class))
                .writeAsText(output.toString(), WriteMode.NO_OVERWRITE);

        assertThatThrownBy(() -> env.execute("copy a truncated file"))
                .hasStackTraceContaining("example.parquet")
                .hasStackTraceContaining("not a Parquet file");
        assertThat(output).doesNotExist();
    }

    @Test
    void aFileWrittenByParquetIsReadByColumnNameWithTheOtherColumnsLeftOut() throws Exception {
        Path file = exampleFile(2_000);

        List<Projected> read =
                Parquet.read(environment(3), file.toString(), Projected.class).collect();

        List<Projected> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            expected.add(new Projected(i, i % 5 != 0 ? "n" + i : null));
        }
        assertThat(multiset(read)).isEqualTo(multiset(expected));
    }

    @Test
    void aFieldWithoutAColumnIsAnErrorNamingTheFileAndTheColumns() throws Exception {
        Path file = exampleFile(10);

        assertThatThrownBy(() -> Parquet.read(environment(1), file.toString(), Missing.class)
                        .collect())
                .hasStackTraceContaining("has no column 'nickname'")
                .hasStackTraceContaining("example.parquet")
                .hasStackTraceContaining("[id, name, extra]");
    }

    public record WrongType(String id) {}

    @Test
    void aColumnOfAnotherKindIsAnErrorNamingIt() throws Exception {
        Path file = exampleFile(10);

        assertThatThrownBy(() -> Parquet.read(environment(1), file.toString(), WrongType.class)
                        .collect())
                .hasStackTraceContaining("column 'id'")
                .hasStackTraceContaining("cannot be read into a String");
    }

    @Test
    void aFailedJobLeavesNoParquetOutput() {
        Path output = directory.resolve("failed");
        ExecutionEnvironment env = environment(2);
        Parquet.write(
                env.fromCollection(rows(1_000, 3), TypeExtractor.of(Row.class))
                        .map(row -> {
                            if (row.id() == (1L << 40) + 777) {
                                throw new IllegalStateException("boom at row 777");
                            }
                            return row;
                        })
                        .returns(Row.class),
                output.toString(),
                WriteMode.NO_OVERWRITE);

        assertThatThrownBy(() -> env.execute("fails")).hasStackTraceContaining("boom at row 777");
        assertThat(output).doesNotExist();
    }

    @Test
    void aPushedFilterSkipsRowGroupsByTheirStatisticsAndKeepsExactlyTheMatchingRows() throws Exception {
        List<Row> rows = rows(4_000, 21); // ids ascending: each row group holds a range of ids
        Path output = directory.resolve("rows");
        ExecutionEnvironment env = environment(1);
        Parquet.writer()
                .rowGroupSize(16 * 1024)
                .write(
                        env.fromCollection(rows, TypeExtractor.of(Row.class)),
                        output.toString(),
                        WriteMode.NO_OVERWRITE);
        env.execute("write");
        long first = rows.get(0).id();
        Predicate filter = Predicate.col("id")
                .lt(first + 500)
                .and(Predicate.col("day").ge(LocalDate.of(1990, 1, 1)))
                .or(Predicate.col("address.city").eq("city7"));

        List<Row> read = Parquet.read(environment(2), output.toString(), Row.class, filter)
                .collect();

        List<Row> expected = rows.stream()
                .filter(row -> (row.id() < first + 500
                                && row.day() != null
                                && !row.day().isBefore(LocalDate.of(1990, 1, 1)))
                        || (row.address() != null && row.address().city().equals("city7")))
                .toList();
        assertThat(multiset(read)).isEqualTo(multiset(expected));

        io.weir.core.types.CompositeTypeInfo<Row> type =
                (io.weir.core.types.CompositeTypeInfo<Row>) TypeExtractor.of(Row.class);
        int all = new ParquetInputFormat<>(output.toString(), type).createInputSplits(1).length;
        int kept = new ParquetInputFormat<>(
                        output.toString(), type, Predicate.col("id").lt(first + 500))
                .createInputSplits(1)
                .length;
        assertThat(all).isGreaterThan(4);
        assertThat(kept)
                .as("row groups past the first ids are skipped")
                .isLessThan(all / 2)
                .isPositive();

        // the last row groups kept: a split names its group by its place in the file, not among the kept
        long last = rows.get(rows.size() - 1).id();
        assertThat(multiset(Parquet.read(
                                environment(2),
                                output.toString(),
                                Row.class,
                                Predicate.col("id").gt(last - 500))
                        .collect()))
                .isEqualTo(multiset(
                        rows.stream().filter(row -> row.id() > last - 500).toList()));
    }

    @Test
    void theOptimizerPushesADeclarativeFilterAfterTheSourceIntoTheReader() throws Exception {
        List<Row> rows = rows(4_000, 22);
        Path output = directory.resolve("rows");
        ExecutionEnvironment writer = environment(1);
        Parquet.writer()
                .rowGroupSize(16 * 1024)
                .write(
                        writer.fromCollection(rows, TypeExtractor.of(Row.class)),
                        output.toString(),
                        WriteMode.NO_OVERWRITE);
        writer.execute("write");
        long first = rows.get(0).id();
        ExecutionEnvironment env = environment(2);
        io.weir.dataset.DataSet<Row> read = Parquet.read(env, output.toString(), Row.class)
                .name("rows")
                .filter(Predicate.col("id").lt(first + 500))
                .name("first ids");
        read.output(new io.weir.core.io.DiscardingOutputFormat<>());

        io.weir.optimizer.PlanNode source = env.optimizedPlan().node("rows");
        assertThat(source.pushdown()).isNotNull();
        assertThat(source.pushdown().description()).isEqualTo("filter id < " + (first + 500));
        ParquetInputFormat<?> pushed = (ParquetInputFormat<?>) source.pushdown().format();
        assertThat(pushed.createInputSplits(1).length)
                .as("the pushed format skips row groups")
                .isLessThan(new ParquetInputFormat<>(output.toString(), (io.weir.core.types.CompositeTypeInfo<Row>)
                                        TypeExtractor.of(Row.class))
                                .createInputSplits(1)
                                .length
                        / 2);
        assertThat(source.estimate().records()).as("the footers' row count").isEqualTo(4_000);
        assertThat(env.explain()).contains("pushed into the source: filter id < " + (first + 500));

        List<Row> expected = rows.stream().filter(row -> row.id() < first + 500).toList();
        assertThat(multiset(read.collect())).isEqualTo(multiset(expected));
    }

    @Test
    void onlyTheColumnsAProjectionAndAFilterReadAreReadFromParquet() throws Exception {
        List<Row> rows = rows(2_000, 23);
        Path output = directory.resolve("rows");
        ExecutionEnvironment writer = environment(1);
        Parquet.write(
                writer.fromCollection(rows, TypeExtractor.of(Row.class)), output.toString(), WriteMode.NO_OVERWRITE);
        writer.execute("write");
        LocalDate since = LocalDate.of(1990, 1, 1);
        ExecutionEnvironment env = environment(2);
        io.weir.dataset.DataSet<io.weir.core.tuple.Tuple1<Long>> ids = Parquet.read(env, output.toString(), Row.class)
                .name("rows")
                .filter(Predicate.col("day").ge(since))
                .project("id");
        ids.output(new io.weir.core.io.DiscardingOutputFormat<>());

        io.weir.optimizer.PlanNode source = env.optimizedPlan().node("rows");
        assertThat(source.pushdown().description()).isEqualTo("filter day >= " + since + ", fields [day, id]");
        assertThat(((ParquetInputFormat<?>) source.pushdown().format()).fields())
                .containsExactly("day", "id");

        List<Long> expected = rows.stream()
                .filter(row -> row.day() != null && !row.day().isBefore(since))
                .map(Row::id)
                .sorted()
                .toList();
        assertThat(ids.collect().stream().map(id -> id.f0).sorted().toList()).isEqualTo(expected);
    }

    @Test
    void aFilterOnAColumnTheFileLacksOrWithAValueOfAnotherKindIsNamed() throws Exception {
        Path file = exampleFile(10);

        assertThatThrownBy(() -> Parquet.read(
                                environment(1),
                                file.toString(),
                                Projected.class,
                                Predicate.col("age").gt(3L))
                        .collect())
                .hasStackTraceContaining("column 'age'")
                .hasStackTraceContaining("[id, name, extra]");
        assertThatThrownBy(() -> Parquet.read(
                                environment(1),
                                file.toString(),
                                Projected.class,
                                Predicate.col("id").gt("three"))
                        .collect())
                .hasStackTraceContaining("compares column 'id'")
                .hasStackTraceContaining("String");
    }

    public record Money(long id, java.math.BigDecimal small, java.math.BigDecimal price) {}

    @ParameterizedTest(name = "precision {0}, scale {1}")
    @CsvSource({"9, 2", "18, 4", "30, 6"})
    void decimalsAreWrittenWithTheirPrecisionAndScaleAndReadBackExactly(int precision, int scale) throws Exception {
        Random random = new Random(precision);
        List<Money> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            java.math.BigDecimal bound = java.math.BigDecimal.TEN.pow(precision - scale);
            java.math.BigDecimal price =
                    new java.math.BigDecimal(new java.math.BigInteger(precision * 3, random), scale).remainder(bound);
            rows.add(new Money(
                    i,
                    i % 9 == 0 ? null : java.math.BigDecimal.valueOf(random.nextInt(100_000) - 50_000, 2),
                    random.nextBoolean() ? price : price.negate()));
        }
        Path output = directory.resolve("money");
        ExecutionEnvironment env = environment(2);
        Parquet.writer()
                .decimal(precision, scale)
                .write(
                        env.fromCollection(rows, TypeExtractor.of(Money.class)),
                        output.toString(),
                        WriteMode.NO_OVERWRITE);
        env.execute("write");

        try (ParquetFileReader reader =
                ParquetFileReader.open(new LocalInputFile(parts(output).get(0)))) {
            assertThat(reader.getFileMetaData().getSchema().getType("price").getLogicalTypeAnnotation())
                    .isEqualTo(org.apache.parquet.schema.LogicalTypeAnnotation.decimalType(scale, precision));
        }
        List<Money> read =
                Parquet.read(environment(2), output.toString(), Money.class).collect();
        // read back at the column's scale: equal in value and in scale to the written values rescaled
        List<Money> expected = rows.stream()
                .map(m -> new Money(
                        m.id(),
                        m.small() == null ? null : m.small().setScale(scale),
                        m.price().setScale(scale)))
                .toList();
        assertThat(multiset(read)).isEqualTo(multiset(expected));
    }

    @Test
    void aDecimalWithMorePlacesThanTheScaleFailsNamingTheField() {
        ExecutionEnvironment env = environment(1);
        Parquet.writer()
                .decimal(9, 2)
                .write(
                        env.fromCollection(
                                List.of(new Money(1, java.math.BigDecimal.ONE, new java.math.BigDecimal("1.234"))),
                                TypeExtractor.of(Money.class)),
                        directory.resolve("bad").toString(),
                        WriteMode.NO_OVERWRITE);

        assertThatThrownBy(() -> env.execute("bad decimal"))
                .hasStackTraceContaining("field 'price' holds 1.234")
                .hasStackTraceContaining("2 decimal places");
        assertThatThrownBy(() -> Parquet.write(
                        env.fromCollection(List.of(new Money(1, null, null)), TypeExtractor.of(Money.class)),
                        directory.resolve("no-spec").toString(),
                        WriteMode.NO_OVERWRITE))
                .hasMessageContaining("decimal(precision, scale)");
    }

    @Test
    void filesAreReadWithoutAClassAsRowsTypedFromTheSchema() throws Exception {
        List<Row> rows = rows(800, 17);
        Path output = write(rows, 2);

        io.weir.core.types.CompositeTypeInfo<io.weir.core.types.Row> type = Parquet.rowType(output.toString());
        assertThat(type.fieldNames())
                .containsExactly(
                        "id", "count", "score", "name", "flag", "day", "at", "kind", "address", "tags", "small");
        assertThat(type.toString()).contains("day: LocalDate").contains("address: Row(city: String, zip: Integer)");

        List<io.weir.core.types.Row> read =
                Parquet.readRows(environment(3), output.toString()).collect();
        Map<Long, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        assertThat(read).hasSize(rows.size());
        for (io.weir.core.types.Row row : read) {
            Row original = byId.get((Long) row.getField("id"));
            assertThat(row.getField("name")).isEqualTo(original.name());
            assertThat(row.getField("day")).isEqualTo(original.day());
            assertThat(row.getField("at")).isEqualTo(original.at());
            assertThat(row.getField("kind"))
                    .isEqualTo(original.kind() == null ? null : original.kind().name());
            assertThat(row.getField("tags")).isEqualTo(original.tags());
            assertThat(row.getField("small")).isEqualTo(original.small());
            io.weir.core.types.Row address = (io.weir.core.types.Row) row.getField("address");
            assertThat(address == null ? null : address.getField("city"))
                    .isEqualTo(
                            original.address() == null
                                    ? null
                                    : original.address().city());
        }

        // rows are keyed by field name
        Map<String, Long> perKind = new HashMap<>();
        for (io.weir.core.tuple.Tuple2<String, Long> count : Parquet.readRows(environment(2), output.toString())
                .filter(row -> row.getField("kind") != null)
                .map(row -> io.weir.core.tuple.Tuple2.of((String) row.getField("kind"), 1L))
                .returns(io.weir.core.types.Types.TUPLE(io.weir.core.types.Types.STRING, io.weir.core.types.Types.LONG))
                .groupBy(0)
                .sum(1)
                .collect()) {
            perKind.put(count.f0, count.f1);
        }
        Map<String, Long> expected = rows.stream()
                .filter(row -> row.kind() != null)
                .collect(Collectors.groupingBy(row -> row.kind().name(), Collectors.counting()));
        assertThat(perKind).isEqualTo(expected);
        List<io.weir.core.types.Row> distinctCities = Parquet.readRows(environment(2), output.toString())
                .distinct("address.city")
                .collect();
        assertThat(distinctCities).hasSize((int) rows.stream()
                .map(row -> row.address() == null ? null : row.address().city())
                .distinct()
                .count());
    }
}
