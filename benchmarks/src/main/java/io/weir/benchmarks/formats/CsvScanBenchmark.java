package io.weir.benchmarks.formats;

import static io.weir.core.predicate.Predicate.col;

import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.examples.tpch.TpchData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Counting the TPC-H line items shipped after a date, read from a {@code .tbl} file into records of
 * eleven of its columns (numbers, decimals, dates, strings): the filter declarative, so the
 * optimizer pushes it into the CSV reader (which tests each line once its ship date is parsed and
 * skips the rest of a rejected line), or an opaque function behind the source. A late date keeps
 * about a tenth of the lines, an early one nearly all. Parallelism 2, the table generated at scale
 * factor {@code scaleFactor} into the temporary directory once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g", "-XX:MaxDirectMemorySize=2g", "-XX:+UseParallelGC"})
public class CsvScanBenchmark {

    /** The columns read: keys, quantities and prices, flags, dates, shipping instruction, comment. */
    public record LineItem(
            long orderKey,
            long partKey,
            BigDecimal quantity,
            BigDecimal extendedPrice,
            BigDecimal discount,
            BigDecimal tax,
            String returnFlag,
            LocalDate shipDate,
            LocalDate commitDate,
            String shipInstruct,
            String comment) {}

    @Param("0.5")
    public double scaleFactor;

    /** Lines shipped after it are kept: 1998-01-01 keeps ~11%, 1992-03-01 ~99%. */
    @Param({"1998-01-01", "1992-03-01"})
    public String shippedAfter;

    private String file;
    private LocalDate date;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "weir-csv-scan-" + scaleFactor);
        Path table = directory.resolve("lineitem.tbl");
        if (!Files.exists(table)) {
            Files.createDirectories(directory);
            TpchData.generate(directory, scaleFactor, List.of("lineitem"));
        }
        file = table.toString();
        date = LocalDate.parse(shippedAfter);
    }

    private DataSet<LineItem> lineItems(ExecutionEnvironment env) {
        return env.readCsvFile(file)
                .fieldDelimiter('|')
                .noQuoting()
                .columns(0, 1, 4, 5, 6, 7, 8, 10, 11, 13, 15)
                .as(LineItem.class);
    }

    @Benchmark
    public long pushedFilter() {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return lineItems(env).filter(col("shipDate").gt(date)).count();
    }

    @Benchmark
    public long functionFilter() {
        ExecutionEnvironment env = ExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        LocalDate after = date;
        return lineItems(env).filter(line -> line.shipDate().isAfter(after)).count();
    }
}
