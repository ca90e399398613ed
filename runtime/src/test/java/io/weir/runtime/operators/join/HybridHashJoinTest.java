package io.weir.runtime.operators.join;

import static io.weir.runtime.operators.join.SortMergeJoinTest.CUSTOMER_SERIALIZER;
import static io.weir.runtime.operators.join.SortMergeJoinTest.DESCRIBE;
import static io.weir.runtime.operators.join.SortMergeJoinTest.ORDER_SERIALIZER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.testing.FailingFileChannels;
import io.weir.runtime.operators.OperatorException;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.hash.HybridHashJoin;
import io.weir.runtime.operators.join.SortMergeJoinTest.Customer;
import io.weir.runtime.operators.join.SortMergeJoinTest.Order;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The hybrid hash join against a nested-loop join, with either side as the build side. */
class HybridHashJoinTest {

    /** Runs the join of orders (left) and customers (right), building on one side or the other. */
    static void hashJoin(
            List<Order> orders,
            List<Customer> customers,
            JoinType type,
            boolean buildOnOrders,
            OperatorResources resources,
            io.weir.core.functions.Collector<String> out)
            throws IOException {
        if (buildOnOrders) {
            new HybridHashJoin<Order, Customer, String>(
                            ORDER_SERIALIZER,
                            CUSTOMER_SERIALIZER,
                            SortMergeJoinTest.keys().left(),
                            SortMergeJoinTest.keys().right(),
                            type.keepsLeft(),
                            type.keepsRight(),
                            resources)
                    .run(
                            RecordIterator.of(orders),
                            RecordIterator.of(customers),
                            FlatPairFunction.leftFirst(DESCRIBE),
                            out);
        } else {
            new HybridHashJoin<Customer, Order, String>(
                            CUSTOMER_SERIALIZER,
                            ORDER_SERIALIZER,
                            SortMergeJoinTest.keys().right(),
                            SortMergeJoinTest.keys().left(),
                            type.keepsRight(),
                            type.keepsLeft(),
                            resources)
                    .run(
                            RecordIterator.of(customers),
                            RecordIterator.of(orders),
                            FlatPairFunction.leftSecond(DESCRIBE),
                            out);
        }
    }

    @Property(tries = 80)
    void joinsLikeANestedLoopJoinForEveryJoinTypeAndBuildSideWithAmpleMemoryAndATenthOfIt(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 4_000) int orderCount,
            @ForAll @IntRange(min = 0, max = 4_000) int customerCount,
            @ForAll @IntRange(min = 1, max = 2_000) int keySpace,
            @ForAll JoinType type,
            @ForAll boolean buildOnOrders)
            throws IOException {
        int keys = SortMergeJoinTest.boundedKeySpace(orderCount, customerCount, keySpace);
        List<Order> orders = SortMergeJoinTest.orders(seed, orderCount, keys);
        List<Customer> customers = SortMergeJoinTest.customers(seed + 1, customerCount, keys);
        Map<String, Integer> expected = SortMergeJoinTest.nestedLoopJoin(orders, customers, type);
        int dataPages = SortMergeJoinTest.dataPages(orders, customers);
        int ample = 8 * dataPages + 64;
        int tenth = Math.max(HybridHashJoin.MIN_PAGES, dataPages / 10);

        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("hash join under test", pages);
                Map<String, Integer> actual = new HashMap<>();
                hashJoin(
                        orders,
                        customers,
                        type,
                        buildOnOrders,
                        resources,
                        result -> actual.merge(result, 1, Integer::sum));
                assertThat(actual).isEqualTo(expected);
                assertSpillsOnlyWithATenth(resources, pages == tenth, dataPages);
                assertThat(resources.metrics().recordsIn()).isEqualTo(orderCount + customerCount);
                environment.assertNothingLeft();
            }
        }
    }

    /**
     * Ample memory does not spill; a tenth of it does, where the data is large enough for a tenth to
     * be less than the join's fewest pages.
     */
    private static void assertSpillsOnlyWithATenth(OperatorResources resources, boolean tenth, int dataPages) {
        if (!tenth) {
            assertThat(resources.metrics().bytesSpilled())
                    .as("ample memory does not spill")
                    .isZero();
        } else if (dataPages >= 10 * HybridHashJoin.MIN_PAGES) {
            assertThat(resources.metrics().bytesSpilled())
                    .as("a tenth of the memory spills")
                    .isPositive();
        }
    }

    /**
     * A kept table (the static side of an iteration's join) probed three times gives the nested-loop
     * join each time: with ample memory, where its entries are rewritten key by key, and with just
     * enough for the table, where the copy does not fit and the table stays as built.
     */
    @Property(tries = 60)
    void aKeptTableProbedAgainAndAgainJoinsLikeANestedLoopJoinWhetherOrNotItsKeysAreClustered(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 4_000) int orderCount,
            @ForAll @IntRange(min = 0, max = 4_000) int customerCount,
            @ForAll @IntRange(min = 1, max = 2_000) int keySpace,
            @ForAll boolean ampleMemory)
            throws IOException {
        int keys = SortMergeJoinTest.boundedKeySpace(orderCount, customerCount, keySpace);
        List<Order> orders = SortMergeJoinTest.orders(seed, orderCount, keys);
        List<Customer> customers = SortMergeJoinTest.customers(seed + 1, customerCount, keys);
        Map<String, Integer> expected = SortMergeJoinTest.nestedLoopJoin(orders, customers, JoinType.INNER);
        int ample = 8 * SortMergeJoinTest.dataPages(orders, customers) + 64;
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
            int pages = ampleMemory ? ample : keptTablePages(environment, orders);
            OperatorResources resources = environment.resources("kept join under test", pages);
            HybridHashJoin<Order, Customer, String> join = innerJoinBuildingOnOrders(resources);
            assertThat(join.keep(RecordIterator.of(orders))).isTrue();
            for (int probe = 0; probe < 3; probe++) {
                Map<String, Integer> actual = new HashMap<>();
                join.probeKept(
                        RecordIterator.of(customers),
                        FlatPairFunction.leftFirst(DESCRIBE),
                        result -> actual.merge(result, 1, Integer::sum));
                assertThat(actual).as("probe %d", probe).isEqualTo(expected);
            }
            resources.close();
            environment.assertNothingLeft();
        }
    }

    /** The fewest pages with which a kept table of {@code orders} is built without spilling. */
    private static int keptTablePages(OperatorTestEnvironment environment, List<Order> orders) throws IOException {
        for (int pages = HybridHashJoin.MIN_PAGES; ; pages++) {
            OperatorResources resources = environment.resources("sizing", pages);
            boolean kept = innerJoinBuildingOnOrders(resources).keep(RecordIterator.of(orders));
            resources.close();
            if (kept) {
                return pages;
            }
        }
    }

    private static HybridHashJoin<Order, Customer, String> innerJoinBuildingOnOrders(OperatorResources resources) {
        return new HybridHashJoin<>(
                ORDER_SERIALIZER,
                CUSTOMER_SERIALIZER,
                SortMergeJoinTest.keys().left(),
                SortMergeJoinTest.keys().right(),
                false,
                false,
                resources);
    }

    /** A build record of fixed length, every field a primitive: kept in its slot, read at fixed offsets. */
    public record Sensor(long id, double calibration, boolean active) {}

    /** A probe record for {@link Sensor}s. */
    public record Reading(long sensor, int value) {}

    private static final TypeInfo<Sensor> SENSORS = Types.of(Sensor.class);
    private static final TypeInfo<Reading> READINGS = Types.of(Reading.class);
    private static final TypeInfo<Tuple2<Long, Long>> PAIRS = new TypeHint<Tuple2<Long, Long>>() {}.typeInfo();

    /**
     * Build records whose fields all have a fixed length are kept in the slots (the first of each key;
     * its other records in a chain): joined like a nested-loop join for every join type, with ample
     * memory and a tenth of it, many records per key or few — records of primitives on both sides (keys
     * compared as bytes at fixed offsets), tuples of nullable {@code Long}s with some {@code null}
     * values on both sides (key bytes compared through views), and tuples built and records probed
     * (keys whose bytes differ by a presence byte: compared as objects). Half the keys are {@code v
     * << 32}, whose hash is {@code v}'s: equal hashes must be told apart by the keys.
     */
    @Property(tries = 90)
    void buildRecordsKeptInTheirSlotsJoinLikeANestedLoopJoinForEveryJoinType(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 6_000) int buildCount,
            @ForAll @IntRange(min = 0, max = 6_000) int probeCount,
            @ForAll @IntRange(min = 1, max = 3_000) int keySpace,
            @ForAll JoinType type,
            @ForAll @IntRange(min = 0, max = 2) int shape)
            throws IOException {
        int keys = SortMergeJoinTest.boundedKeySpace(buildCount, probeCount, keySpace);
        Random random = new Random(seed);
        TypeSerializer<Tuple2<Long, Long>> pairs = PAIRS.createSerializer(SerializerConfig.DEFAULT);
        TypeComparator<Tuple2<Long, Long>> pairKeys =
                Keys.<Tuple2<Long, Long>>positions(0).createComparator(PAIRS, SerializerConfig.DEFAULT);
        TypeSerializer<Reading> readings = READINGS.createSerializer(SerializerConfig.DEFAULT);
        TypeComparator<Reading> readingKeys =
                Keys.<Reading>fields("sensor").createComparator(READINGS, SerializerConfig.DEFAULT);
        List<Reading> readingProbe = new ArrayList<>();
        if (shape != 1) {
            for (int i = 0; i < probeCount; i++) {
                readingProbe.add(new Reading(collidingKey(random, keys), i));
            }
        }
        List<Tuple2<Long, Long>> pairBuild = new ArrayList<>();
        if (shape != 0) {
            for (int i = 0; i < buildCount; i++) {
                pairBuild.add(Tuple2.of(collidingKey(random, keys), random.nextInt(4) == 0 ? null : (long) i));
            }
        }
        if (shape == 0) {
            List<Sensor> build = new ArrayList<>();
            for (int i = 0; i < buildCount; i++) {
                build.add(new Sensor(collidingKey(random, keys), i / 7.0, random.nextBoolean()));
            }
            assertJoinsLikeANestedLoopJoin(
                    build,
                    readingProbe,
                    SENSORS.createSerializer(SerializerConfig.DEFAULT),
                    readings,
                    Keys.<Sensor>fields("id").createComparator(SENSORS, SerializerConfig.DEFAULT),
                    readingKeys,
                    Sensor::id,
                    Reading::sensor,
                    type,
                    32 * 2);
        } else if (shape == 1) {
            List<Tuple2<Long, Long>> probe = new ArrayList<>();
            for (int i = 0; i < probeCount; i++) {
                probe.add(Tuple2.of(collidingKey(random, keys), -1L - i));
            }
            assertJoinsLikeANestedLoopJoin(
                    pairBuild, probe, pairs, pairs, pairKeys, pairKeys, t -> t.f0, t -> t.f0, type, 32 * 2);
        } else {
            assertJoinsLikeANestedLoopJoin(
                    pairBuild,
                    readingProbe,
                    pairs,
                    readings,
                    pairKeys,
                    readingKeys,
                    t -> t.f0,
                    Reading::sensor,
                    type,
                    32 * 2);
        }
    }

    /** One of {@code 2 * keys} keys: {@code v} or {@code v << 32} ({@code Long.hashCode} of both is {@code v}). */
    private static long collidingKey(Random random, int keys) {
        long value = random.nextInt(keys) + 1;
        return random.nextBoolean() ? value : value << 32;
    }

    /**
     * A build side kept in slots and many times larger than the join's memory, at budgets from the
     * least up: a partition's slot table doubles only when the pool has the pages, which may take
     * several other partitions spilling first — the join spills as many as it takes.
     */
    @Test
    void aBuildSideKeptInSlotsManyTimesLargerThanMemorySpillsAsManyPartitionsAsItTakes() throws IOException {
        Random random = new Random(5);
        List<Sensor> build = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            build.add(new Sensor(random.nextInt(1_000_000), i, true));
        }
        List<Reading> probe = new ArrayList<>();
        Map<Long, Long> buildCounts = new HashMap<>();
        for (Sensor sensor : build) {
            buildCounts.merge(sensor.id(), 1L, Long::sum);
        }
        long expected = 0;
        for (int i = 0; i < 20_000; i++) {
            Reading reading = new Reading(random.nextInt(1_000_000), i);
            probe.add(reading);
            expected += buildCounts.getOrDefault(reading.sensor(), 0L);
        }
        for (int pages = HybridHashJoin.MIN_PAGES; pages <= 200; pages += 7) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(pages)) {
                OperatorResources resources = environment.resources("join of sensors", pages);
                long matches = countMatches(
                        new HybridHashJoin<>(
                                SENSORS.createSerializer(SerializerConfig.DEFAULT),
                                READINGS.createSerializer(SerializerConfig.DEFAULT),
                                Keys.<Sensor>fields("id").createComparator(SENSORS, SerializerConfig.DEFAULT),
                                Keys.<Reading>fields("sensor").createComparator(READINGS, SerializerConfig.DEFAULT),
                                false,
                                false,
                                resources),
                        build,
                        probe);
                assertThat(matches).as("matches with %d pages", pages).isEqualTo(expected);
                assertThat(resources.metrics().bytesSpilled()).isPositive();
                environment.assertNothingLeft();
            }
        }
    }

    /**
     * Joins {@code build} with {@code probe} (build records keep their unmatched ones when the type
     * keeps the left side, probe records the right) with ample memory and a tenth of what the build
     * side takes at {@code bytesPerBuildRecord}, comparing with a nested-loop join; also keeps the
     * build side's table (with ample memory, where its chains are rewritten key by key) and probes it
     * twice.
     */
    private static <B, P> void assertJoinsLikeANestedLoopJoin(
            List<B> build,
            List<P> probe,
            TypeSerializer<B> buildSerializer,
            TypeSerializer<P> probeSerializer,
            TypeComparator<B> buildKeys,
            TypeComparator<P> probeKeys,
            Function<B, Long> buildKey,
            Function<P, Long> probeKey,
            JoinType type,
            int bytesPerBuildRecord)
            throws IOException {
        Map<String, Integer> expected = new HashMap<>();
        boolean[] buildMatched = new boolean[build.size()];
        for (P p : probe) {
            boolean matched = false;
            for (int i = 0; i < build.size(); i++) {
                if (buildKey.apply(build.get(i)).equals(probeKey.apply(p))) {
                    expected.merge(build.get(i) + "|" + p, 1, Integer::sum);
                    matched = buildMatched[i] = true;
                }
            }
            if (!matched && type.keepsRight()) {
                expected.merge("-|" + p, 1, Integer::sum);
            }
        }
        for (int i = 0; i < build.size(); i++) {
            if (!buildMatched[i] && type.keepsLeft()) {
                expected.merge(build.get(i) + "|-", 1, Integer::sum);
            }
        }
        FlatPairFunction<B, P, String> describe =
                (b, p, out) -> out.collect((b == null ? "-" : b.toString()) + "|" + (p == null ? "-" : p.toString()));
        int dataPages = (int) ((long) build.size() * bytesPerBuildRecord / OperatorTestEnvironment.PAGE_SIZE) + 1;
        int ample = 4 * dataPages + 64;
        int tenth = Math.max(HybridHashJoin.MIN_PAGES, dataPages / 10);
        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("hash join under test", pages);
                HybridHashJoin<B, P, String> join = new HybridHashJoin<>(
                        buildSerializer,
                        probeSerializer,
                        buildKeys,
                        probeKeys,
                        type.keepsLeft(),
                        type.keepsRight(),
                        resources);
                assertThat(join.keepsRecordsInSlots()).isTrue();
                Map<String, Integer> actual = new HashMap<>();
                join.run(
                        RecordIterator.of(build),
                        RecordIterator.of(probe),
                        describe,
                        result -> actual.merge(result, 1, Integer::sum));
                assertThat(actual).isEqualTo(expected);
                assertSpillsOnlyWithATenth(resources, pages == tenth, dataPages);
                environment.assertNothingLeft();
            }
        }
        if (type == JoinType.INNER) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(4 * dataPages + 64)) {
                OperatorResources resources = environment.resources("kept join under test", 4 * dataPages + 64);
                HybridHashJoin<B, P, String> join = new HybridHashJoin<>(
                        buildSerializer, probeSerializer, buildKeys, probeKeys, false, false, resources);
                assertThat(join.keep(RecordIterator.of(build))).isTrue();
                for (int round = 0; round < 2; round++) {
                    Map<String, Integer> actual = new HashMap<>();
                    join.probeKept(RecordIterator.of(probe), describe, result -> actual.merge(result, 1, Integer::sum));
                    assertThat(actual).as("probe %d of the kept table", round).isEqualTo(expected);
                }
                resources.close();
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aSingleKeyHoldingHalfOfAMillionRecordBuildSideFinishes() throws IOException {
        Random random = new Random(17);
        List<Customer> build = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            long key = i % 2 == 0 ? 42 : 1_000 + random.nextInt(400_000);
            build.add(new Customer("c" + i, key));
        }
        List<Order> probe = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            probe.add(new Order(i % 5_000 == 0 ? 42 : 1_000 + random.nextInt(400_000), "o" + i));
        }
        long expected = expectedMatches(probe, build);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(512)) {
            OperatorResources resources = environment.resources("join with a skewed build side", 256);
            long matches = countMatches(
                    new HybridHashJoin<>(
                            CUSTOMER_SERIALIZER,
                            ORDER_SERIALIZER,
                            SortMergeJoinTest.keys().right(),
                            SortMergeJoinTest.keys().left(),
                            false,
                            false,
                            resources),
                    build,
                    probe);
            assertThat(matches).isEqualTo(expected);
            assertThat(resources.metrics().bytesSpilled()).isPositive();
            environment.assertNothingLeft();
        }
    }

    /** Runs an inner join of {@code build} with {@code probe} and counts the pairs it emits. */
    private static <B, P> long countMatches(HybridHashJoin<B, P, Long> join, List<B> build, List<P> probe)
            throws IOException {
        long[] matches = new long[1];
        join.run(
                RecordIterator.of(build),
                RecordIterator.of(probe),
                (b, p, out) -> out.collect(1L),
                one -> matches[0]++);
        return matches[0];
    }

    static long expectedMatches(List<Order> probe, List<Customer> build) {
        Map<Long, Long> buildCounts = new HashMap<>();
        for (Customer customer : build) {
            buildCounts.merge(customer.id(), 1L, Long::sum);
        }
        long matches = 0;
        for (Order order : probe) {
            matches += buildCounts.getOrDefault(order.customer(), 0L);
        }
        return matches;
    }

    @Test
    void aFailingJoinFunctionNamesTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("join 'lineitem with orders at Q3.java:50'", 32);
            FlatJoinFunction<Order, Customer, String> failing = (order, customer, out) -> {
                throw new IllegalStateException("bad discount");
            };
            assertThatThrownBy(() -> new HybridHashJoin<Order, Customer, String>(
                                    ORDER_SERIALIZER,
                                    CUSTOMER_SERIALIZER,
                                    SortMergeJoinTest.keys().left(),
                                    SortMergeJoinTest.keys().right(),
                                    false,
                                    false,
                                    resources)
                            .run(
                                    RecordIterator.of(SortMergeJoinTest.orders(1, 1_000, 10)),
                                    RecordIterator.of(SortMergeJoinTest.customers(2, 1_000, 10)),
                                    FlatPairFunction.leftFirst(failing),
                                    result -> {}))
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("join 'lineitem with orders at Q3.java:50'")
                    .hasMessageContaining("bad discount");
            environment.assertNothingLeft();
        }
    }

    @Test
    void aFullDiskFailsNamingTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment =
                new OperatorTestEnvironment(64, FailingFileChannels.failWritesAfter(20))) {
            OperatorResources resources = environment.resources("join 'big build side'", HybridHashJoin.MIN_PAGES);
            assertThatThrownBy(() -> hashJoin(
                            SortMergeJoinTest.orders(3, 60_000, 30_000),
                            SortMergeJoinTest.customers(4, 60_000, 30_000),
                            JoinType.INNER,
                            true,
                            resources,
                            result -> {}))
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("join 'big build side'")
                    .hasStackTraceContaining(FailingFileChannels.NO_SPACE);
            environment.assertNothingLeft();
        }
    }

    @Test
    void cancellationFromAnotherThreadStopsTheJoinAndLeavesNothing() throws Exception {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("join 'endless probe'", 32);
            CountDownLatch probing = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread task = new Thread(() -> {
                try {
                    Random random = new Random(3);
                    new HybridHashJoin<Customer, Order, String>(
                                    CUSTOMER_SERIALIZER,
                                    ORDER_SERIALIZER,
                                    SortMergeJoinTest.keys().right(),
                                    SortMergeJoinTest.keys().left(),
                                    false,
                                    false,
                                    resources)
                            .run(
                                    RecordIterator.of(SortMergeJoinTest.customers(5, 1_000, 100)),
                                    () -> {
                                        probing.countDown();
                                        return new Order(random.nextInt(100), "o");
                                    },
                                    FlatPairFunction.leftSecond(DESCRIBE),
                                    result -> {});
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            task.start();
            assertThat(probing.await(30, TimeUnit.SECONDS)).isTrue();
            resources.cancel();
            task.join(30_000);
            assertThat(failure.get())
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("join 'endless probe' was cancelled");
            environment.assertNothingLeft();
        }
    }
}
