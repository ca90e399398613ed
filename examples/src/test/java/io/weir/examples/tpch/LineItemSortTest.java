package io.weir.examples.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.dataset.ExecutionEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sort example against a plain Java sort of the same lines. */
class LineItemSortTest {

    /** The sort key as text that orders as the key does: ship date, then the order key padded to 20 digits. */
    static String sortKey(String line) {
        String[] fields = line.split("\\|");
        return fields[10] + String.format("%020d", Long.parseLong(fields[0]));
    }

    @ParameterizedTest(name = "scale factor {0}, parallelism {1}, memory {2}")
    @CsvSource({"0.01, 1, 64m", "0.01, 4, 64m", "0.1, 2, 16m"})
    void thePartFilesInNameOrderAreTheInputLinesSortedByShipDateThenOrderKey(
            double scaleFactor, int parallelism, String memory, @TempDir Path directory) throws IOException {
        Path tables = directory.resolve("tpch");
        TpchData.generate(tables, scaleFactor, List.of("lineitem"));
        ExecutionEnvironment env = TpchQueriesTest.environment(parallelism, memory);

        LineItemSort.run(env, tables.toString(), directory.resolve("sorted").toString(), false);

        List<String> input = Files.readAllLines(tables.resolve("lineitem.tbl"));
        List<String> output = new ArrayList<>();
        List<Path> parts;
        try (Stream<Path> files = Files.list(directory.resolve("sorted"))) {
            parts = files.sorted().toList();
        }
        for (Path part : parts) {
            output.addAll(Files.readAllLines(part));
        }
        List<String> keys = output.stream().map(LineItemSortTest::sortKey).toList();
        assertThat(keys).isSorted();
        List<String> expected =
                input.stream().map(line -> sortKey(line) + line).sorted().toList();
        List<String> actual =
                output.stream().map(line -> sortKey(line) + line).sorted().toList();
        assertThat(actual).isEqualTo(expected);
        assertThat(parts).hasSize(parallelism);
        if (memory.equals("16m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }
}
