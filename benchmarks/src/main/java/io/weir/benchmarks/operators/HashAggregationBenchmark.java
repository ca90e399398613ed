package io.weir.benchmarks.operators;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.hash.HashAggregation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * Summing 10 million (long key, long value) records by key over 100 thousand and over 10 million
 * distinct keys: {@link HashAggregation} (final mode, memory for all keys) beside a {@code HashMap}
 * of boxed keys and sums. Records are created as they are read, on both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g", "-XX:MaxDirectMemorySize=2g"})
public class HashAggregationBenchmark {

    /** A record to sum. */
    public record Sale(long product, long amount) {}

    private static final int PAGE = 32 * 1024;

    @Param("10000000")
    public int records;

    @Param({"100000", "10000000"})
    public int keys;

    private long[] productKeys;
    private MemoryManager memory;
    private IOManager io;
    private TypeSerializer<Sale> serializer;
    private TypeComparator<Sale> byProduct;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        productKeys = new long[records];
        for (int i = 0; i < records; i++) {
            productKeys[i] = random.nextInt(keys);
        }
        memory = MemoryManager.create(1800L << 20, PAGE);
        io = new IOManager(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
        TypeInfo<Sale> type = Types.of(Sale.class);
        serializer = type.createSerializer(SerializerConfig.DEFAULT);
        byProduct = Keys.<Sale>fields("product").createComparator(type, SerializerConfig.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
        memory.close();
    }

    @Benchmark
    public long hashAggregation() throws IOException {
        long[] sum = new long[1];
        try (HashAggregation<Sale> aggregation = new HashAggregation<>(
                serializer,
                byProduct,
                (a, b) -> new Sale(a.product(), a.amount() + b.amount()),
                HashAggregation.Mode.FINAL,
                sale -> sum[0] += sale.amount(),
                new OperatorResources(memory, io, "aggregation", (int) (1700L << 20) / PAGE))) {
            for (int i = 0; i < records; i++) {
                aggregation.add(new Sale(productKeys[i], 1));
            }
            aggregation.finish();
        }
        return sum[0];
    }

    /** The baseline: a HashMap of boxed keys to boxed sums. */
    @Benchmark
    public long baselineHashMap() {
        Map<Long, Long> sums = new HashMap<>();
        for (int i = 0; i < records; i++) {
            Sale sale = new Sale(productKeys[i], 1);
            sums.merge(sale.product(), sale.amount(), Long::sum);
        }
        long sum = 0;
        for (long value : sums.values()) {
            sum += value;
        }
        return sum;
    }
}
