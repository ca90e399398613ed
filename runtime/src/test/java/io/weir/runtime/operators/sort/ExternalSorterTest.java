package io.weir.runtime.operators.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.testing.FailingFileChannels;
import io.weir.runtime.operators.OperatorException;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.PageBudget;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.testing.OperatorTestEnvironment;
import io.weir.runtime.testing.ThrowingSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The sorter against {@code List.sort}: the output is ordered by the key and holds exactly the
 * input records, with ample memory and with a tenth of the data's size (which must spill), for keys
 * whose normalized key decides the order, keys where it is only a prefix, composite keys with mixed
 * directions, and keys without a normalized key.
 */
class ExternalSorterTest {

    /** A record with a long key, a string key, and a payload. */
    public record Row(long id, String name, int count, String payload) {}

    private static final TypeInfo<Row> ROWS = Types.of(Row.class);
    static final TypeSerializer<Row> SERIALIZER = ROWS.createSerializer(SerializerConfig.DEFAULT);

    static List<Row> rows(long seed, int count, int distinctKeys) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(count);
        String[] names = new String[Math.max(1, distinctKeys)];
        for (int i = 0; i < names.length; i++) {
            // names share long prefixes, so the normalized-key prefix often ties
            names[i] = "customer-with-a-long-common-prefix-" + random.nextInt(Math.max(1, distinctKeys));
        }
        for (int i = 0; i < count; i++) {
            rows.add(new Row(
                    random.nextInt(Math.max(1, distinctKeys)) - distinctKeys / 2L,
                    names[random.nextInt(names.length)],
                    random.nextInt(5),
                    "payload-" + random.nextInt(1000)));
        }
        return rows;
    }

    /** A key to sort on, with its plain-Java oracle. */
    enum SortKey {
        ID(Keys.fields("id"), new boolean[] {true}, Comparator.comparingLong(Row::id)),
        NAME(Keys.fields("name"), new boolean[] {true}, Comparator.comparing(Row::name)),
        NAME_DESCENDING_THEN_ID(
                Keys.fields("name", "id"),
                new boolean[] {false, true},
                Comparator.comparing(Row::name).reversed().thenComparingLong(Row::id)),
        COUNT_BY_SELECTOR(
                Keys.<Row, Integer>selector(row -> row.count() * 7 % 5, Types.INT),
                new boolean[] {true},
                Comparator.comparingInt(row -> row.count() * 7 % 5));

        final Keys<Row> keys;
        final boolean[] ascending;
        final Comparator<Row> oracle;

        SortKey(Keys<Row> keys, boolean[] ascending, Comparator<Row> oracle) {
            this.keys = keys;
            this.ascending = ascending;
            this.oracle = oracle;
        }

        TypeComparator<Row> comparator() {
            return keys.createComparator(ROWS, ascending, SerializerConfig.DEFAULT);
        }
    }

    @Property(tries = 60)
    void sortsLikeListSortWithAmpleMemoryAndWithATenthOfIt(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int count,
            @ForAll @IntRange(min = 1, max = 50_000) int distinctKeys,
            @ForAll SortKey key)
            throws IOException {
        List<Row> input = rows(seed, count, distinctKeys);
        long bytes = serializedBytes(input);
        int dataPages = (int) (bytes / OperatorTestEnvironment.PAGE_SIZE) + 1;
        int ample = 2 * dataPages + 16;
        int tenth = Math.max(ExternalSorter.MIN_PAGES, dataPages / 10);

        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("sorter under test", pages);
                try (ExternalSorter<Row> sorter = new ExternalSorter<>(SERIALIZER, key.comparator(), resources)) {
                    for (Row row : input) {
                        sorter.add(row);
                    }
                    List<Row> output = drain(sorter.finish());
                    assertSortedPermutation(output, input, key.oracle);
                    if (pages == tenth && dataPages >= 10 * ExternalSorter.MIN_PAGES) {
                        assertThat(sorter.spilled())
                                .as("a tenth of the memory spills")
                                .isTrue();
                        assertThat(resources.metrics().bytesSpilled()).isPositive();
                    }
                    if (pages == ample) {
                        assertThat(sorter.spilled()).isFalse();
                    }
                    assertThat(resources.metrics().recordsIn()).isEqualTo(count);
                    assertThat(resources.metrics().recordsOut()).isEqualTo(count);
                }
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aHundredThousandRecordsInFourPagesMergeInSeveralRounds() throws IOException {
        List<Row> input = rows(7, 100_000, 100_000);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("sorter with a small fan-in", ExternalSorter.MIN_PAGES);
            try (ExternalSorter<Row> sorter =
                    new ExternalSorter<>(SERIALIZER, SortKey.ID.comparator(), null, resources, 3)) {
                for (Row row : input) {
                    sorter.add(row);
                }
                assertSortedPermutation(drain(sorter.finish()), input, SortKey.ID.oracle);
            }
            // every run was spilled once, and the intermediate rounds wrote more runs on top
            assertThat(resources.metrics().spillFiles())
                    .isGreaterThan(resources.metrics().bytesIn() / (2 * 4096));
            assertThat(resources.metrics().bytesSpilled())
                    .isGreaterThan(resources.metrics().bytesIn());
            environment.assertNothingLeft();
        }
    }

    @Test
    void recordsLargerThanTheWholeBufferBecomeRunsOfTheirOwn() throws IOException {
        Random random = new Random(11);
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int length = i % 10 == 0 ? 20_000 + random.nextInt(20_000) : random.nextInt(200);
            input.add(new Row(random.nextInt(100), "n", 0, "x".repeat(length)));
        }
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("sorter of large records", ExternalSorter.MIN_PAGES);
            try (ExternalSorter<Row> sorter = new ExternalSorter<>(SERIALIZER, SortKey.ID.comparator(), resources)) {
                for (Row row : input) {
                    sorter.add(row);
                }
                assertSortedPermutation(drain(sorter.finish()), input, SortKey.ID.oracle);
            }
            environment.assertNothingLeft();
        }
    }

    /** Sums the counts of each name: a combinable aggregation. */
    static final class SumCounts implements GroupCombineFunction<Row, Row> {
        @Override
        public void combine(Iterable<Row> values, io.weir.core.functions.Collector<Row> out) {
            Row first = null;
            long sum = 0;
            for (Row row : values) {
                if (first == null) {
                    first = row;
                }
                sum += row.count();
            }
            out.collect(new Row(first.id(), first.name(), (int) sum, first.payload()));
        }
    }

    @Property(tries = 30)
    void theCombiningSorterPreAggregatesEachBufferAndKeepsTheSums(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 30_000) int count,
            @ForAll @IntRange(min = 1, max = 2_000) int keys)
            throws IOException {
        List<Row> input = rows(seed, count, keys);
        Map<String, Long> expected =
                input.stream().collect(Collectors.groupingBy(Row::name, Collectors.summingLong(Row::count)));
        int dataPages = (int) (serializedBytes(input) / OperatorTestEnvironment.PAGE_SIZE) + 1;
        for (int pages : new int[] {2 * dataPages + 16, Math.max(ExternalSorter.MIN_PAGES, dataPages / 10)}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(2 * dataPages + 16)) {
                OperatorResources resources = environment.resources("combining sorter", pages);
                try (ExternalSorter<Row> sorter =
                        new ExternalSorter<>(SERIALIZER, SortKey.NAME.comparator(), new SumCounts(), resources, 64)) {
                    for (Row row : input) {
                        sorter.add(row);
                    }
                    List<Row> output = drain(sorter.finish());
                    assertSorted(output, SortKey.NAME.oracle);
                    Map<String, Long> sums = new HashMap<>();
                    for (Row row : output) {
                        sums.merge(row.name(), (long) row.count(), Long::sum);
                    }
                    assertThat(sums).isEqualTo(expected);
                    // combining shrinks the data: at most one record per key and buffer
                    assertThat(output.size()).isLessThanOrEqualTo(input.size());
                    if (!sorter.spilled()) {
                        assertThat(output).hasSize(expected.size());
                    }
                }
                environment.assertNothingLeft();
            }
        }
    }

    /** A record of fixed length (28 bytes), which the sort buffer stores inside its index entries. */
    public record Fixed(long key, int group, double weight, long tag) {}

    private static final TypeInfo<Fixed> FIXED = Types.of(Fixed.class);

    /** Keys whose normalized key decides the order, with their oracles. */
    enum FixedKey {
        LONG(Keys.fields("key"), new boolean[] {true}, Comparator.comparingLong(Fixed::key)),
        LONG_DESCENDING(
                Keys.fields("key"),
                new boolean[] {false},
                Comparator.comparingLong(Fixed::key).reversed()),
        INT_THEN_DOUBLE(
                Keys.fields("group", "weight"),
                new boolean[] {true, false},
                Comparator.comparingInt(Fixed::group)
                        .thenComparing(Comparator.comparingDouble(Fixed::weight).reversed()));

        final Keys<Fixed> keys;
        final boolean[] ascending;
        final Comparator<Fixed> oracle;

        FixedKey(Keys<Fixed> keys, boolean[] ascending, Comparator<Fixed> oracle) {
            this.keys = keys;
            this.ascending = ascending;
            this.oracle = oracle;
        }
    }

    @Property(tries = 40)
    void fixedLengthRecordsSortInsideTheIndexLikeListSort(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 40_000) int count,
            @ForAll @IntRange(min = 1, max = 50_000) int distinctKeys,
            @ForAll FixedKey key)
            throws IOException {
        Random random = new Random(seed);
        List<Fixed> input = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long k = random.nextInt(distinctKeys) - distinctKeys / 2L;
            input.add(new Fixed(
                    random.nextBoolean() ? k : k * 0x9E3779B97F4A7C15L,
                    random.nextInt(Math.max(1, distinctKeys / 100) + 1) - 3,
                    random.nextInt(7) - 3.5 + (random.nextInt(20) == 0 ? Double.NaN : 0),
                    random.nextLong()));
        }
        TypeSerializer<Fixed> serializer = FIXED.createSerializer(SerializerConfig.DEFAULT);
        TypeComparator<Fixed> comparator = key.keys.createComparator(FIXED, key.ascending, SerializerConfig.DEFAULT);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(1)) {
            PageBudget none = environment.resources("no pages", 1).budget(0);
            assertThat(new SortBuffer<>(serializer, comparator, none, 4096).isInline())
                    .as("the records are stored inside the index entries")
                    .isTrue();
        }
        int dataPages = count * 64 / OperatorTestEnvironment.PAGE_SIZE + 1;
        int ample = dataPages + 16;
        int tenth = Math.max(ExternalSorter.MIN_PAGES, dataPages / 10);
        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("sorter of fixed-length records", pages);
                try (ExternalSorter<Fixed> sorter = new ExternalSorter<>(serializer, comparator, resources)) {
                    for (Fixed record : input) {
                        sorter.add(record);
                    }
                    assertSortedPermutation(drain(sorter.finish()), input, key.oracle);
                    if (pages == tenth && dataPages >= 10 * ExternalSorter.MIN_PAGES) {
                        assertThat(sorter.spilled())
                                .as("a tenth of the memory spills")
                                .isTrue();
                    }
                    if (pages == ample) {
                        assertThat(sorter.spilled()).isFalse();
                    }
                    assertThat(resources.metrics().bytesIn()).isEqualTo(28L * count);
                }
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aKeyWithoutNormalizedKeySortsThroughTheComparator() throws IOException {
        // a generic Comparable type, serialized by Kryo, has no normalized key
        TypeInfo<java.util.UUID> uuids = Types.GENERIC(java.util.UUID.class);
        Random random = new Random(5);
        List<java.util.UUID> input = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            input.add(new java.util.UUID(random.nextInt(100), random.nextLong()));
        }
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("sorter of UUIDs", 8);
            try (ExternalSorter<java.util.UUID> sorter = new ExternalSorter<>(
                    uuids.createSerializer(SerializerConfig.DEFAULT),
                    uuids.createComparator(true, SerializerConfig.DEFAULT),
                    resources)) {
                for (java.util.UUID uuid : input) {
                    sorter.add(uuid);
                }
                assertSortedPermutation(drain(sorter.finish()), input, Comparator.naturalOrder());
                assertThat(sorter.spilled()).isTrue();
            }
            environment.assertNothingLeft();
        }
    }

    @Test
    void tooSmallABudgetIsAClearError() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            assertThatThrownBy(() -> new ExternalSorter<>(
                            SERIALIZER, SortKey.ID.comparator(), environment.resources("sorter of 'sortPartition'", 2)))
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("sorter of 'sortPartition' needs at least 4 pages")
                    .hasMessageContaining("was given 2");
            environment.assertNothingLeft();
        }
    }

    @Test
    void aSerializerThatThrowsFailsNamingTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("sorter of 'groupBy at Job.java:21'", 6);
            ExternalSorter<Row> sorter = new ExternalSorter<>(
                    new ThrowingSerializer<>(SERIALIZER, 20_000), SortKey.ID.comparator(), resources);
            assertThatThrownBy(() -> {
                        for (Row row : rows(3, 30_000, 1000)) {
                            sorter.add(row);
                        }
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("sorter of 'groupBy at Job.java:21'")
                    .hasMessageContaining("serializer bug");
            sorter.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void aFullDiskFailsNamingTheOperatorAndTheDiskErrorAndLeavesNothing() {
        try (OperatorTestEnvironment environment =
                new OperatorTestEnvironment(16, FailingFileChannels.failWritesAfter(10))) {
            OperatorResources resources = environment.resources("sorter of 'sort lineitem'", 6);
            ExternalSorter<Row> sorter = new ExternalSorter<>(SERIALIZER, SortKey.NAME.comparator(), resources);
            assertThatThrownBy(() -> {
                        for (Row row : rows(4, 50_000, 1000)) {
                            sorter.add(row);
                        }
                        drain(sorter.finish());
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("sorter of 'sort lineitem'")
                    .hasStackTraceContaining(FailingFileChannels.NO_SPACE);
            sorter.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void cancellationFromAnotherThreadStopsTheSortAndLeavesNothing() throws Exception {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("sorter of 'reduce'", 6);
            ExternalSorter<Row> sorter = new ExternalSorter<>(SERIALIZER, SortKey.ID.comparator(), resources);
            CountDownLatch spilling = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread task = new Thread(() -> {
                try {
                    Random random = new Random(9);
                    while (true) {
                        sorter.add(new Row(random.nextLong(), "n", 1, "p"));
                        if (sorter.spilled()) {
                            spilling.countDown();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    sorter.close();
                }
            });
            task.start();
            assertThat(spilling.await(30, TimeUnit.SECONDS)).isTrue();
            resources.cancel();
            task.join(30_000);
            assertThat(failure.get())
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("sorter of 'reduce' was cancelled");
            environment.assertNothingLeft();
        }
    }

    // ------------------------------------------------------------------------------------------

    static <T> List<T> drain(RecordIterator<T> iterator) throws IOException {
        List<T> result = new ArrayList<>();
        for (T record = iterator.next(); record != null; record = iterator.next()) {
            result.add(record);
        }
        return result;
    }

    static <T> void assertSorted(List<T> output, Comparator<? super T> order) {
        for (int i = 1; i < output.size(); i++) {
            if (order.compare(output.get(i - 1), output.get(i)) > 0) {
                throw new AssertionError(
                        "out of order at " + i + ": " + output.get(i - 1) + " before " + output.get(i));
            }
        }
    }

    static <T> void assertSortedPermutation(List<T> output, List<T> input, Comparator<? super T> order) {
        List<T> expected = new ArrayList<>(input);
        expected.sort(order);
        assertSorted(output, order);
        assertThat(output).hasSize(input.size());
        Map<T, Long> expectedCounts =
                input.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        Map<T, Long> actualCounts =
                output.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(actualCounts).isEqualTo(expectedCounts);
    }

    static long serializedBytes(List<Row> rows) {
        return rows.stream()
                .mapToLong(row -> 16 + row.name().length() + row.payload().length())
                .sum();
    }
}
