package io.weir.benchmarks.operators;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.hash.HashAggregation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Word count's combiner alone: 10 million {@code (word, 1)} records, the words drawn with a Zipf-like
 * skew from 100 thousand made-up words of 2 to 10 letters (as the word count example's generator
 * does), each a new {@code String} cut from a text as a tokenizer cuts it. {@link HashAggregation} in
 * combine mode with memory for all words, beside a {@code HashMap} of boxed counts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "-XX:MaxDirectMemorySize=2g"})
public class WordAggregationBenchmark {

    private static final int RECORDS = 10_000_000;
    private static final int VOCABULARY = 100_000;
    private static final int PAGE = 32 * 1024;

    /** The words one after another, and where each starts (the last entry is the end). */
    private byte[] text;

    private int[] starts;
    private MemoryManager memory;
    private IOManager io;
    private TypeSerializer<Tuple2<String, Long>> serializer;
    private TypeComparator<Tuple2<String, Long>> byWord;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            StringBuilder word = new StringBuilder();
            for (int c = 2 + random.nextInt(9); c > 0; c--) {
                word.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = word.toString();
        }
        StringBuilder all = new StringBuilder();
        starts = new int[RECORDS + 1];
        for (int i = 0; i < RECORDS; i++) {
            starts[i] = all.length();
            double u = random.nextDouble();
            all.append(words[(int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY + 1.0, u)) - 1)]);
        }
        starts[RECORDS] = all.length();
        text = all.toString().getBytes(StandardCharsets.ISO_8859_1);
        memory = MemoryManager.create(1200L << 20, PAGE);
        io = new IOManager(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
        TypeInfo<Tuple2<String, Long>> type = Types.TUPLE(Types.STRING, Types.LONG);
        serializer = type.createSerializer(SerializerConfig.DEFAULT);
        byWord = Keys.<Tuple2<String, Long>>positions(0).createComparator(type, SerializerConfig.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
        memory.close();
    }

    private String word(int i) {
        return new String(text, starts[i], starts[i + 1] - starts[i], StandardCharsets.ISO_8859_1);
    }

    @Benchmark
    public long hashCombine() throws IOException {
        long[] distinct = new long[1];
        try (HashAggregation<Tuple2<String, Long>> aggregation = new HashAggregation<>(
                serializer,
                byWord,
                (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1),
                HashAggregation.Mode.COMBINE,
                count -> distinct[0]++,
                new OperatorResources(memory, io, "combine", (int) (1100L << 20) / PAGE))) {
            for (int i = 0; i < RECORDS; i++) {
                aggregation.add(Tuple2.of(word(i), 1L));
            }
            aggregation.finish();
        }
        return distinct[0];
    }

    /** The baseline: a HashMap of words to boxed counts. */
    @Benchmark
    public long baselineHashMap() {
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < RECORDS; i++) {
            counts.merge(word(i), 1L, Long::sum);
        }
        return counts.size();
    }
}
