package io.weir.benchmarks.operators;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.join.BlockNestedLoopCross;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The block-nested-loop cross: {@code blockRecords × streamedRecords} pairs of {@code (long, long)}
 * records, each pair's product summed, with the block side fitting its memory ("memory") or a
 * tenth of it given ("blocks": the streamed side is buffered, spilled and read once per block),
 * beside plain nested loops over two arrays of the same records.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class CrossBenchmark {

    /** A record of either side. */
    public record Point(long id, long value) {}

    private static final int PAGE = 32 * 1024;

    @Param("5000")
    public int blockRecords;

    @Param("10000")
    public int streamedRecords;

    @Param({"memory", "blocks"})
    public String mode;

    private MemoryManager memory;
    private IOManager io;
    private TypeSerializer<Point> points;

    @Setup(Level.Trial)
    public void setUp() {
        memory = MemoryManager.create(256L << 20, PAGE);
        io = new IOManager(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
        TypeInfo<Point> type = Types.of(Point.class);
        points = type.createSerializer(SerializerConfig.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
        memory.close();
    }

    @Benchmark
    public long blockNestedLoopCross() throws IOException {
        // about 20 bytes per serialized record
        int blockPages = blockRecords * 20 / PAGE + 1;
        int pages = "memory".equals(mode)
                ? 2 * blockPages + 16
                : Math.max(BlockNestedLoopCross.MIN_PAGES, blockPages / 10 + 4);
        long[] sum = new long[1];
        int[] nextBlock = {0};
        int[] nextStreamed = {0};
        new BlockNestedLoopCross<Point, Point, Long>(points, points, new OperatorResources(memory, io, "cross", pages))
                .run(
                        () -> nextBlock[0] < blockRecords ? new Point(nextBlock[0], nextBlock[0]++ % 97) : null,
                        () -> nextStreamed[0] < streamedRecords
                                ? new Point(nextStreamed[0], nextStreamed[0]++ % 89)
                                : null,
                        (block, streamed) -> block.value() * streamed.value(),
                        value -> sum[0] += value);
        return sum[0];
    }

    /** The baseline: nested loops over two arrays of the same records, in memory. */
    @Benchmark
    public long baselineNestedLoops() {
        Point[] block = new Point[blockRecords];
        for (int i = 0; i < blockRecords; i++) {
            block[i] = new Point(i, i % 97);
        }
        Point[] streamed = new Point[streamedRecords];
        for (int i = 0; i < streamedRecords; i++) {
            streamed[i] = new Point(i, i % 89);
        }
        long sum = 0;
        for (Point b : block) {
            for (Point s : streamed) {
                Long product = b.value() * s.value(); // boxed, as a cross function's result is
                sum += product;
            }
        }
        return sum;
    }
}
