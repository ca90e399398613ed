package io.weir.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.io.WriteMode;
import io.weir.core.types.TypeExtractor;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.formats.arrow.Arrow;
import io.weir.formats.parquet.Parquet;
import io.weir.formats.parquet.ParquetTest;
import io.weir.formats.parquet.ParquetTest.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Records with nulls, nested records and lists go through Parquet and through Arrow (files and
 * streams) and come back the same, however many: none (every part file empty), fewer than the
 * parallel instances (some empty), or many.
 */
class RoundTripPropertiesTest {

    @Property(tries = 12)
    void recordsComeBackTheSameThroughParquetAndArrowIncludingEmptyFiles(
            @ForAll @IntRange(min = 0, max = 400) int count,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int parallelism)
            throws IOException {
        // a third of the tries write no rows, or fewer than the instances: empty part files
        int rows = Math.floorMod(seed, 3) == 0 ? count % (parallelism + 1) : count;
        List<Row> written = ParquetTest.rows(rows, seed);
        Path directory = Files.createTempDirectory("weir-round-trip");
        try {
            for (String format : List.of("parquet", "arrow", "arrow-stream")) {
                String output = directory.resolve(format).toString();
                ExecutionEnvironment env = ParquetTest.environment(parallelism);
                var records = env.fromCollection(written, TypeExtractor.of(Row.class));
                switch (format) {
                    case "parquet" ->
                        Parquet.writer().rowGroupSize(8 * 1024).write(records, output, WriteMode.NO_OVERWRITE);
                    case "arrow" -> Arrow.writer().batchSize(64).write(records, output, WriteMode.NO_OVERWRITE);
                    default -> Arrow.writer().batchSize(64).stream().write(records, output, WriteMode.NO_OVERWRITE);
                }
                env.execute("write " + format);

                List<Row> read = format.equals("parquet")
                        ? Parquet.read(ParquetTest.environment(2), output, Row.class)
                                .collect()
                        : Arrow.read(ParquetTest.environment(2), output, Row.class)
                                .collect();
                assertThat(ParquetTest.multiset(read)).as(format).isEqualTo(ParquetTest.multiset(written));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    @net.jqwik.api.Example
    void noRecordsAtAllComeBackAsNoRecords() throws IOException {
        recordsComeBackTheSameThroughParquetAndArrowIncludingEmptyFiles(0, 0, 3);
    }
}
