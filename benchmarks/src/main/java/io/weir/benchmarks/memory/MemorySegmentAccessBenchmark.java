package io.weir.benchmarks.memory;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast a 32 KiB off-heap page can be read and written, by the access patterns of Weir's
 * operators: sequential big-endian writes and reads (serialization), random reads (hash table
 * probes), and compares and swaps of 16-byte sort-index entries (the sorter's inner loop). The
 * {@code design} parameter picks the implementation (see {@link PageDesigns}): {@code weir} is
 * {@code io.weir.memory.MemorySegment}; the others are the alternatives it was chosen over. Each
 * operation is one pass over a page.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx1g", "-XX:MaxDirectMemorySize=512m"})
public class MemorySegmentAccessBenchmark {

    private static final int PAGE = 32 * 1024;
    private static final int ENTRY = 16;

    @Param({"weir", "rawBuffer", "bufferTryCatch", "bufferFlag", "unsafe", "heap"})
    public String design;

    private PageAccess page;
    private PageAccess other;
    private int[] randomOffsets;
    private int[] entries;

    @Setup
    public void setUp() {
        page = PageDesigns.create(design, PAGE);
        other = PageDesigns.create(design, PAGE);
        Random random = new Random(42);
        randomOffsets = new int[PAGE / 8];
        for (int i = 0; i < randomOffsets.length; i++) {
            randomOffsets[i] = random.nextInt(PAGE - 8);
        }
        // sort-index entries that often share a prefix, as normalized keys do
        for (int offset = 0; offset < PAGE; offset += 8) {
            long value = random.nextInt(4);
            page.putLongBigEndian(offset, value);
            other.putLongBigEndian(offset, value + random.nextInt(3) - 1);
        }
        entries = new int[PAGE / ENTRY];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = random.nextInt(PAGE / ENTRY) * ENTRY;
        }
    }

    @TearDown
    public void tearDown() {
        page.free();
        other.free();
    }

    @Benchmark
    public long sequentialWriteThenRead() {
        PageAccess target = page;
        for (int i = 0; i < PAGE; i += 8) {
            target.putLongBigEndian(i, i);
        }
        long sum = 0;
        for (int i = 0; i < PAGE; i += 8) {
            sum += target.getLongBigEndian(i);
        }
        return sum;
    }

    @Benchmark
    public long randomRead() {
        PageAccess source = page;
        long sum = 0;
        for (int offset : randomOffsets) {
            sum += source.getLong(offset);
        }
        return sum;
    }

    @Benchmark
    public int compareSortEntries() {
        PageAccess left = page;
        PageAccess right = other;
        int sum = 0;
        for (int offset : entries) {
            sum += left.compare(right, offset, offset, ENTRY);
        }
        return sum;
    }

    @Benchmark
    public PageAccess swapSortEntries() {
        PageAccess left = page;
        PageAccess right = other;
        for (int offset : entries) {
            left.swap(right, offset, offset, ENTRY);
        }
        return left;
    }
}
