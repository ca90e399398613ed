package io.weir.benchmarks.formats;

import io.weir.core.util.DoubleFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Printing a million doubles as text: {@link DoubleFormat} beside the running JDK's {@code
 * Double.toString}. {@code pagerank}: ranks of a million-vertex graph (about 1e-6, 16–17 digits);
 * {@code money}: cents up to a million (two decimals).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DoubleFormatBenchmark {

    @Param({"pagerank", "money"})
    public String values;

    private double[] doubles;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        doubles = new double[1_000_000];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = values.equals("pagerank")
                    ? (0.15 + 5 * random.nextDouble()) / doubles.length
                    : random.nextInt(100_000_000) / 100.0;
        }
    }

    @Benchmark
    public long doubleFormat() {
        long length = 0;
        for (double value : doubles) {
            length += DoubleFormat.toString(value).length();
        }
        return length;
    }

    @Benchmark
    public long jdkToString() {
        long length = 0;
        for (double value : doubles) {
            length += Double.toString(value).length();
        }
        return length;
    }
}
