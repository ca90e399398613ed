package io.weir.examples.etl;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.examples.tpch.TpchData;
import io.weir.formats.parquet.Parquet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ETL example against a plain Java computation over the same generated {@code .tbl} files. */
class TpchEtlTest {

    @TempDir
    static Path tpch;

    @BeforeAll
    static void generate() throws IOException {
        TpchData.generate(tpch, 0.01, TpchData.EXAMPLE_TABLES);
    }

    private static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("8k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    private static List<String[]> rows(String table) throws IOException {
        try (Stream<String> lines = Files.lines(tpch.resolve(table + ".tbl"))) {
            return lines.map(line -> line.split("\\|")).toList();
        }
    }

    /** The query by hand: maps and loops over the .tbl rows. */
    private static Map<String, TpchEtl.SegmentRevenue> expected() throws IOException {
        Map<Long, String> segments = new HashMap<>();
        for (String[] customer : rows("customer")) {
            segments.put(Long.parseLong(customer[0]), customer[6].trim());
        }
        Map<Long, String[]> orders = new HashMap<>();
        for (String[] order : rows("orders")) {
            orders.put(Long.parseLong(order[0]), order);
        }
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, Long> lines = new HashMap<>();
        Map<String, Set<Long>> orderKeys = new HashMap<>();
        for (String[] line : rows("lineitem")) {
            if (LocalDate.parse(line[10]).isBefore(TpchEtl.SINCE)
                    || line[8].equals("R")
                    || new BigDecimal(line[4]).signum() <= 0) {
                continue;
            }
            long orderKey = Long.parseLong(line[0]);
            String[] order = orders.get(orderKey);
            String key = segments.get(Long.parseLong(order[1])) + "/"
                    + LocalDate.parse(order[4]).getYear();
            BigDecimal value = new BigDecimal(line[5]).multiply(BigDecimal.ONE.subtract(new BigDecimal(line[6])));
            revenue.merge(key, value, BigDecimal::add);
            lines.merge(key, 1L, Long::sum);
            orderKeys.computeIfAbsent(key, k -> new HashSet<>()).add(orderKey);
        }
        Map<String, TpchEtl.SegmentRevenue> result = new HashMap<>();
        for (String key : revenue.keySet()) {
            String[] parts = key.split("/");
            result.put(
                    key,
                    new TpchEtl.SegmentRevenue(
                            parts[0],
                            Integer.parseInt(parts[1]),
                            orderKeys.get(key).size(),
                            lines.get(key),
                            revenue.get(key).setScale(4)));
        }
        return result;
    }

    @ParameterizedTest
    @CsvSource({"1, 256m", "4, 16m"})
    void theParquetResultIsTheQueryComputedByHand(int parallelism, String memory, @TempDir Path work)
            throws IOException {
        ExecutionEnvironment env = environment(parallelism, memory);
        String tables = work.resolve("_tables").toString();
        String output = work.resolve("revenue").toString();

        TpchEtl.run(env, tpch.toString(), tables, output, false);

        Map<String, TpchEtl.SegmentRevenue> actual = new HashMap<>();
        for (TpchEtl.SegmentRevenue row :
                Parquet.read(env, output, TpchEtl.SegmentRevenue.class).collect()) {
            assertThat(actual.put(row.mktSegment() + "/" + row.year(), row)).isNull();
        }
        assertThat(actual).isEqualTo(expected());
        try (Stream<Path> files = Files.list(work.resolve("revenue"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> isParquet(work.resolve("revenue").resolve(name))
                            || name.startsWith("_")
                            || name.startsWith("."));
        }
    }

    /** The lines of every file under {@code directory}, in name order. */
    private static List<String> lines(Path directory) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void q1AndQ3OverTheParquetTablesGiveWhatTheyGiveOverTheTblFiles(boolean pushdown, @TempDir Path work)
            throws IOException {
        String tables = work.resolve("_tables").toString();
        TpchEtl.convert(environment(2, "64m"), tpch.toString(), tables);
        io.weir.examples.tpch.TpchSource parquet = io.weir.examples.tpch.TpchSource.parquet(tables, pushdown);
        io.weir.examples.tpch.TpchSource tbl = io.weir.examples.tpch.TpchSource.tbl(tpch.toString());

        io.weir.examples.tpch.TpchQ1.run(
                environment(2, "64m"), tbl, work.resolve("q1-tbl").toString(), false);
        io.weir.examples.tpch.TpchQ1.run(
                environment(2, "64m"), parquet, work.resolve("q1-parquet").toString(), false);
        io.weir.examples.tpch.TpchQ3.run(
                environment(2, "64m"), tbl, work.resolve("q3-tbl").toString(), false);
        io.weir.examples.tpch.TpchQ3.run(
                environment(2, "64m"), parquet, work.resolve("q3-parquet").toString(), false);

        assertThat(lines(work.resolve("q1-parquet"))).hasSizeGreaterThan(1).isEqualTo(lines(work.resolve("q1-tbl")));
        assertThat(lines(work.resolve("q3-parquet"))).hasSizeGreaterThan(1).isEqualTo(lines(work.resolve("q3-tbl")));
        ExecutionEnvironment env = environment(2, "64m");
        io.weir.examples.tpch.TpchQ3.query(env, parquet).output(new io.weir.core.io.DiscardingOutputFormat<>());
        String plan = env.explain();
        if (pushdown) {
            // (the columns are already few: Q3's records have only the fields it uses, and Parquet reads those)
            assertThat(plan)
                    .contains("pushed into the source: filter mktSegment = BUILDING")
                    .contains("pushed into the source: filter orderDate < 1995-03-15")
                    .contains("pushed into the source: filter shipDate > 1995-03-15");
        } else {
            assertThat(plan).doesNotContain("pushed into the source: filter");
        }
    }

    /** Whether the file starts and ends with Parquet's magic bytes. */
    private static boolean isParquet(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String head = new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
            String tail = new String(bytes, bytes.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            return head.equals("PAR1") && tail.equals("PAR1");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @org.junit.jupiter.api.Test
    void theFiltersAndTheFieldsTheQueryUsesArePushedIntoTheParquetReaders(@TempDir Path work) {
        ExecutionEnvironment env = environment(2, "64m");
        String tables = work.resolve("_tables").toString();
        TpchEtl.convert(env, tpch.toString(), tables);
        TpchEtl.query(env, tables).output(new io.weir.core.io.DiscardingOutputFormat<>());

        String plan = env.explain();

        assertThat(plan)
                .contains(
                        "pushed into the source: filter ((shipDate >= 1995-01-01 and returnFlag != R) and quantity > 0),"
                                + " fields [shipDate, returnFlag, quantity, orderKey, extendedPrice, discount]")
                .contains("pushed into the source: fields [orderKey, custKey, orderDate]");
    }
}
