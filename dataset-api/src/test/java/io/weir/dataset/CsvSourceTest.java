package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.io.WriteMode;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple2;
import io.weir.core.util.DoubleFormat;
import io.weir.runtime.cluster.JobExecutionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code readCsvFile}: typed records, headers, leniency and errors, at parallelism 1 and 4. */
class CsvSourceTest {

    record Item(long order, String name, BigDecimal price, LocalDate shipped) {}

    /** A POJO: its fields have no declared order. */
    public static class Reading {
        public String sensor;
        public double value;

        public Reading() {}

        Reading(String sensor, double value) {
            this.sensor = sensor;
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reading r && r.sensor.equals(sensor) && r.value == value;
        }

        @Override
        public int hashCode() {
            return sensor.hashCode() * 31 + Double.hashCode(value);
        }
    }

    @TempDir
    Path dir;

    static List<Item> items(int count) {
        Random random = new Random(count);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Item(
                    random.nextInt(1000),
                    random.nextInt(10) == 0 ? "a \"quoted\", name " + i : "item" + i,
                    BigDecimal.valueOf(random.nextInt(1_000_000), 2),
                    LocalDate.of(1992, 1, 1).plusDays(random.nextInt(2500))));
        }
        return items;
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void writtenCsvReadsBackAsRecordsAndSumsExactly(int parallelism) throws Exception {
        List<Item> items = items(30_000);
        ExecutionEnvironment writer = environment(parallelism, "64m");
        writer.fromCollection(items).writeAsCsv(dir.resolve("items").toString(), "|", WriteMode.NO_OVERWRITE);
        writer.execute();

        ExecutionEnvironment env = environment(parallelism, "64m");
        DataSet<Item> read = env.readCsvFile(dir.resolve("items").toString())
                .fieldDelimiter('|')
                .as(Item.class);
        List<Tuple2<Long, BigDecimal>> totals = read.map(item -> Tuple2.of(item.order(), item.price()))
                .returns(new io.weir.core.types.TypeHint<Tuple2<Long, BigDecimal>>() {})
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1.add(b.f1)))
                .collect();

        Map<Long, BigDecimal> expected = new HashMap<>();
        for (Item item : items) {
            expected.merge(item.order(), item.price(), BigDecimal::add);
        }
        Map<Long, BigDecimal> actual = new HashMap<>();
        totals.forEach(t -> actual.put(t.f0, t.f1));
        assertThat(actual).isEqualTo(expected);
        assertThat(multiset(environment(parallelism, "64m")
                        .readCsvFile(dir.resolve("items").toString())
                        .fieldDelimiter("|")
                        .as(Item.class)
                        .collect()))
                .isEqualTo(multiset(items));
    }

    @Test
    void doublesAreWrittenInTheShortestFormThatReadsBack() throws Exception {
        Random random = new Random(3);
        List<Tuple2<Long, Double>> values = new ArrayList<>();
        for (long i = 0; i < 2_000; i++) {
            values.add(Tuple2.of(i, random.nextDouble() * Math.pow(10, random.nextInt(60) - 30)));
        }
        values.add(Tuple2.of(-1L, 2.0E-3));
        values.add(Tuple2.of(-2L, 1.0E23)); // JDK 17's Double.toString: 9.999999999999999E22
        ExecutionEnvironment env = environment(2, "64m");
        env.fromCollection(
                        values,
                        io.weir.core.types.Types.TUPLE(io.weir.core.types.Types.LONG, io.weir.core.types.Types.DOUBLE))
                .writeAsCsv(dir.resolve("doubles").toString(), ",", WriteMode.NO_OVERWRITE);
        env.execute();

        Map<Long, String> written = new HashMap<>();
        try (var parts = Files.list(dir.resolve("doubles"))) {
            for (Path part : parts.toList()) {
                for (String line : Files.readAllLines(part)) {
                    String[] fields = line.split(",");
                    written.put(Long.parseLong(fields[0]), fields[1]);
                }
            }
        }
        assertThat(written).hasSize(values.size());
        for (Tuple2<Long, Double> value : values) {
            String text = written.get(value.f0);
            assertThat(Double.parseDouble(text)).isEqualTo(value.f1);
            assertThat(text).isEqualTo(DoubleFormat.toString(value.f1));
        }
        assertThat(written.get(-1L)).isEqualTo("0.002");
        assertThat(written.get(-2L)).isEqualTo("1.0E23");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void lenientReadingSkipsAndCountsBadLines(int parallelism) throws Exception {
        StringBuilder text = new StringBuilder("sensor,value\n");
        List<Reading> expected = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < 5000; i++) {
            if (i % 97 == 5) {
                text.append("s").append(i).append(",not-a-number\n");
                bad++;
            } else if (i % 89 == 3) {
                text.append("s").append(i).append('\n');
                bad++;
            } else {
                text.append("s").append(i).append(',').append(i / 4.0).append('\n');
                expected.add(new Reading("s" + i, i / 4.0));
            }
        }
        Files.writeString(dir.resolve("readings.csv"), text);

        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Reading> read = env.readCsvFile(dir.resolve("readings.csv").toString())
                .header()
                .ignoreInvalidLines("bad readings")
                .as(Reading.class)
                .collect();

        assertThat(multiset(read)).isEqualTo(multiset(expected));
        Long skipped = env.getLastJobExecutionResult().getAccumulatorResult("bad readings");
        assertThat(skipped).isEqualTo(bad);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void gzipFilesAreReadDecompressedAsOneSplitEachBesidePlainOnes(int parallelism) throws Exception {
        List<Item> items = items(20_000);
        ExecutionEnvironment writer = environment(1, "64m");
        writer.fromCollection(items).writeAsCsv(dir.resolve("plain").toString(), "|", WriteMode.NO_OVERWRITE);
        writer.execute();
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        List<Path> parts;
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("plain"))) {
            parts = files.sorted().toList();
        }
        for (int i = 0; i < parts.size(); i++) {
            Path part = parts.get(i);
            if (i % 2 == 0) {
                try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
                        Files.newOutputStream(mixed.resolve(part.getFileName() + ".gz")))) {
                    Files.copy(part, out);
                }
            } else {
                Files.copy(part, mixed.resolve(part.getFileName()));
            }
        }

        List<Item> read = environment(parallelism, "64m")
                .readCsvFile(mixed.toString())
                .fieldDelimiter('|')
                .as(Item.class)
                .collect();

        assertThat(multiset(read)).isEqualTo(multiset(items));
    }

    @Test
    void aBadLineInAGzipFileIsNamedByItsLine() throws IOException {
        Path file = dir.resolve("items.csv.gz");
        try (java.io.Writer out = new java.io.OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)),
                java.nio.charset.StandardCharsets.UTF_8)) {
            out.write("1|a|1.00|2020-01-01\n2|b|2.00|2020-01-02\n3|c|oops|2020-01-03\n");
        }
        ExecutionEnvironment env = environment(2, "64m");

        assertThatThrownBy(() -> env.readCsvFile(file.toString())
                        .fieldDelimiter('|')
                        .as(Item.class)
                        .collect())
                .hasMessageContaining("items.csv.gz")
                .hasMessageContaining("line 3");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void quotedFieldsWithLineBreaksAreReadWholeWhenMultiLineFieldsAreOn(int parallelism) throws Exception {
        Random random = new Random(parallelism);
        List<Item> items = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            String name = switch (i % 4) {
                case 0 -> "line one\nline two";
                case 1 -> "with, a comma and \"quotes\"\n\nand an empty line";
                case 2 -> "plain" + i;
                default -> "ends with a break\n";
            };
            Item item = new Item(i, name, BigDecimal.valueOf(random.nextInt(100_000), 2), LocalDate.of(2020, 1, 1));
            items.add(item);
            text.append(item.order())
                    .append(",\"")
                    .append(name.replace("\"", "\"\""))
                    .append("\",")
                    .append(item.price())
                    .append(',')
                    .append(item.shipped())
                    .append('\n');
        }
        Path file = dir.resolve("multi.csv");
        Files.writeString(file, text);

        List<Item> read = environment(parallelism, "64m")
                .readCsvFile(file.toString())
                .multiLineFields()
                .as(Item.class)
                .collect();

        assertThat(multiset(read)).isEqualTo(multiset(items));
        assertThatThrownBy(() -> environment(parallelism, "64m")
                        .readCsvFile(file.toString())
                        .as(Item.class)
                        .collect())
                .as("without multi-line fields a line break ends the record")
                .hasMessageContaining("multi.csv")
                .hasMessageContaining("line 1");
    }

    @Test
    void aBadLineFailsTheJobNamingTheSourceFileLineAndColumn() throws IOException {
        Path file = dir.resolve("items.csv");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append(i).append(",x,").append(i == 1234 ? "1.2.3" : "1.50").append(",1995-03-15\n");
        }
        Files.writeString(file, text);

        ExecutionEnvironment env = environment(4, "64m");
        DataSet<Item> read = env.readCsvFile(file.toString()).as(Item.class);

        assertThatThrownBy(read::collect)
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("readCsvFile(" + file + ")")
                .hasMessageContaining("line 1235 of ")
                .hasMessageContaining("column 3 (field 'price' of type BigDecimal)")
                .hasMessageContaining("'1.2.3'");
    }

    @Test
    void pojosNeedAHeaderOrAColumnOrder() throws IOException {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, "1.5;a\n2.5;b\n");
        ExecutionEnvironment env = environment(1, "64m");

        assertThatThrownBy(() -> env.readCsvFile(file.toString()).as(Reading.class))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("CsvSourceTest.java")
                .hasMessageContaining("header()")
                .hasMessageContaining("pojoType");
        assertThatThrownBy(() -> env.readCsvFile(file.toString()).pojoType(Reading.class, "value", "sensr"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("no field 'sensr'");

        List<Reading> read = env.readCsvFile(file.toString())
                .fieldDelimiter(';')
                .pojoType(Reading.class, "value", "sensor")
                .collect();
        assertThat(read).containsExactlyInAnyOrder(new Reading("a", 1.5), new Reading("b", 2.5));
    }

    @Test
    void tuplesByTypesWithAnIncludeMask() throws IOException {
        Path file = dir.resolve("t.tbl");
        Files.writeString(file, "1|skip|one|\n2|skip||\n");

        List<Tuple2<Integer, String>> read = environment(1, "64m")
                .readCsvFile(file.toString())
                .fieldDelimiter('|')
                .includeFields("101")
                .<Tuple2<Integer, String>>types(Integer.class, String.class)
                .collect();

        assertThat(read).containsExactlyInAnyOrder(Tuple2.of(1, "one"), Tuple2.of(2, ""));
    }
}
