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
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.sort.ExternalSorter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 * Sorting 10 million records with {@link ExternalSorter}, in memory and with a tenth of the memory
 * (spilling), beside plain Java sorting the same keys: {@code Arrays.sort} of a {@code long[]} (the
 * floor for long keys) and of a {@code String[]}. One operation sorts everything and reads the
 * result back; single fork, short warm-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g", "-XX:MaxDirectMemorySize=2g"})
public class SortBenchmark {

    /** (long key, long value). */
    public record LongPair(long key, long value) {}

    /** (16-character string key, long value). */
    public record StringKeyed(String key, long value) {}

    private static final int PAGE = 32 * 1024;

    @Param("10000000")
    public int records;

    /** "memory": budget for everything; "spilling": a tenth of the data's size. */
    @Param({"memory", "spilling"})
    public String mode;

    private long[] keys;
    private long[] values;
    private String[] stringKeys;
    private MemoryManager memory;
    private IOManager io;

    private TypeSerializer<LongPair> longSerializer;
    private TypeComparator<LongPair> longComparator;
    private TypeSerializer<StringKeyed> stringSerializer;
    private TypeComparator<StringKeyed> stringComparator;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        keys = new long[records];
        values = new long[records];
        stringKeys = new String[records];
        char[] chars = new char[16];
        for (int i = 0; i < records; i++) {
            keys[i] = random.nextLong();
            values[i] = i;
            for (int c = 0; c < chars.length; c++) {
                chars[c] = (char) ('a' + random.nextInt(26));
            }
            stringKeys[i] = new String(chars);
        }
        memory = MemoryManager.create(1536L << 20, PAGE);
        io = new IOManager(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
        TypeInfo<LongPair> longPairs = Types.of(LongPair.class);
        longSerializer = longPairs.createSerializer(SerializerConfig.DEFAULT);
        longComparator = Keys.<LongPair>fields("key").createComparator(longPairs, SerializerConfig.DEFAULT);
        TypeInfo<StringKeyed> stringKeyed = Types.of(StringKeyed.class);
        stringSerializer = stringKeyed.createSerializer(SerializerConfig.DEFAULT);
        stringComparator = Keys.<StringKeyed>fields("key").createComparator(stringKeyed, SerializerConfig.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
        memory.close();
    }

    /** Pages for the data (records plus a 16- or 32-byte index entry each), or a tenth of them. */
    private int pages(int recordBytes) {
        long data = (long) records * recordBytes;
        long pages = data / PAGE + 64;
        return (int) ("memory".equals(mode) ? pages : Math.max(ExternalSorter.MIN_PAGES, pages / 10));
    }

    @Benchmark
    public long sortLongKeys() throws IOException {
        try (ExternalSorter<LongPair> sorter = new ExternalSorter<>(
                longSerializer, longComparator, new OperatorResources(memory, io, "sort benchmark", pages(16 + 16)))) {
            for (int i = 0; i < records; i++) {
                sorter.add(new LongPair(keys[i], values[i]));
            }
            return drain(sorter.finish());
        }
    }

    @Benchmark
    public long sortStringKeys() throws IOException {
        try (ExternalSorter<StringKeyed> sorter = new ExternalSorter<>(
                stringSerializer,
                stringComparator,
                new OperatorResources(memory, io, "sort benchmark", pages(17 + 8 + 32)))) {
            for (int i = 0; i < records; i++) {
                sorter.add(new StringKeyed(stringKeys[i], values[i]));
            }
            return drain(sorter.finish());
        }
    }

    /** The floor: sorting the bare keys (run once, whatever the mode). */
    @Benchmark
    public long baselineSortLongArray() {
        long[] copy = keys.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    @Benchmark
    public String baselineSortStringArray() {
        String[] copy = stringKeys.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static <T> long drain(RecordIterator<T> result) throws IOException {
        long count = 0;
        for (T record = result.next(); record != null; record = result.next()) {
            count++;
        }
        return count;
    }
}
