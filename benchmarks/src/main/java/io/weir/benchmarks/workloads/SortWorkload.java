package io.weir.benchmarks.workloads;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lineitem table sorted by (l_shipdate, l_orderkey): {@code bin/weir example sort} beside DuckDB
 * reading each line whole and ordering by the two fields split out of it. Both outputs must hold the
 * same lines (compared as a count and an order-independent checksum) in key order.
 */
final class SortWorkload implements EndToEnd.Workload {

    private final TpchWorkload tables = new TpchWorkload("q1");

    @Override
    public Path prepare(Path dir, Map<String, String> options) throws IOException {
        return tables.prepare(dir, options);
    }

    @Override
    public List<String> weirArguments(Path input, Path output) {
        return List.of(
                "example",
                "sort",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--overwrite",
                "--quiet");
    }

    @Override
    public List<String> duckDbStatements(Path input, Path output) {
        String lines = "read_csv('" + input.resolve("lineitem.tbl") + "', columns = {'line': 'VARCHAR'},"
                + " header = false, delim = '\u0001', quote = '', escape = '', auto_detect = false)";
        return List.of("COPY (SELECT line FROM " + lines + " ORDER BY split_part(line, '|', 11),"
                + " CAST(split_part(line, '|', 1) AS BIGINT)) TO '" + output + "' (HEADER false, QUOTE '')");
    }

    @Override
    public void compare(Path weirOutput, Path duckDbOutput) throws IOException {
        List<Path> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(weirOutput)) {
            files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .forEach(parts::add);
        }
        long[] weir = {0, 0};
        String last = null;
        for (Path part : parts) {
            last = check(part, weir, last);
        }
        long[] duck = {0, 0};
        check(duckDbOutput, duck, null);
        if (weir[0] != duck[0] || weir[1] != duck[1]) {
            throw new IllegalStateException("weir wrote " + weir[0] + " lines, duckdb " + duck[0]
                    + (weir[0] == duck[0] ? ", with different contents" : ""));
        }
    }

    /** Counts and checksums the lines of {@code file} and checks their order; returns the last key. */
    private static String check(Path file, long[] countAndSum, String previous) throws IOException {
        String last = previous;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = reader.readLine()) != null; ) {
                String[] fields = line.split("\\|", 12);
                String key = fields[10] + String.format("%020d", Long.parseLong(fields[0]));
                if (last != null && key.compareTo(last) < 0) {
                    throw new IllegalStateException(file + ": line out of order: " + line);
                }
                last = key;
                countAndSum[0]++;
                countAndSum[1] += line.hashCode() * 0x9E3779B97F4A7C15L;
            }
        }
        return last;
    }
}
