package io.weir.runtime.operators.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.ReduceFunction;
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
import io.weir.runtime.operators.hash.HashAggregation.Mode;
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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Hash aggregation against a {@code HashMap}, in final and combine mode, in ample and little memory. */
class HashAggregationTest {

    public record Count(String word, long count) {}

    /** A record whose reduced form grows: exercises appending instead of updating in place. */
    public record Tags(long key, String tags) {}

    static final TypeInfo<Count> COUNTS = Types.of(Count.class);
    static final TypeSerializer<Count> COUNT_SERIALIZER = COUNTS.createSerializer(SerializerConfig.DEFAULT);
    static final TypeComparator<Count> BY_WORD =
            Keys.<Count>fields("word").createComparator(COUNTS, SerializerConfig.DEFAULT);
    /** The same key through a key selector: entries are then whole records, compared as objects. */
    static final TypeComparator<Count> BY_WORD_SELECTOR =
            Keys.<Count, String>selector(Count::word, Types.STRING).createComparator(COUNTS, SerializerConfig.DEFAULT);

    static final ReduceFunction<Count> SUM = (a, b) -> new Count(a.word(), a.count() + b.count());

    static final TypeInfo<Tags> TAGS = Types.of(Tags.class);
    static final TypeSerializer<Tags> TAG_SERIALIZER = TAGS.createSerializer(SerializerConfig.DEFAULT);
    static final TypeComparator<Tags> BY_KEY =
            Keys.<Tags>fields("key").createComparator(TAGS, SerializerConfig.DEFAULT);
    /** Keeps the sorted multiset of tag letters, so the result does not depend on the order of reduces. */
    static final TypeComparator<Tags> BY_KEY_SELECTOR =
            Keys.<Tags, Long>selector(Tags::key, Types.LONG).createComparator(TAGS, SerializerConfig.DEFAULT);

    static final ReduceFunction<Tags> CONCAT = (a, b) -> {
        char[] letters = (a.tags() + b.tags()).toCharArray();
        java.util.Arrays.sort(letters);
        return new Tags(a.key(), new String(letters));
    };

    /** The oracle for CONCAT, written independently: the sorted letters of both. */
    static String sortedLetters(String a, String b) {
        return (a + b)
                .chars()
                .sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    static List<Count> counts(long seed, int records, int keys) {
        Random random = new Random(seed);
        List<Count> result = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            int key = random.nextInt(keys);
            result.add(new Count("word-" + key + "-" + "w".repeat(key % 13), 1 + random.nextInt(3)));
        }
        return result;
    }

    static Map<String, Long> sums(List<Count> records) {
        Map<String, Long> sums = new HashMap<>();
        for (Count record : records) {
            sums.merge(record.word(), record.count(), Long::sum);
        }
        return sums;
    }

    /** A record of fixed-length fields only: kept in the table's slots themselves. */
    public record Total(long id, int bucket, long sum, double max, boolean odd) {}

    static final TypeInfo<Total> TOTALS = Types.of(Total.class);
    static final TypeSerializer<Total> TOTAL_SERIALIZER = TOTALS.createSerializer(SerializerConfig.DEFAULT);
    static final TypeComparator<Total> BY_ID_AND_BUCKET =
            Keys.<Total>fields("id", "bucket").createComparator(TOTALS, SerializerConfig.DEFAULT);
    static final ReduceFunction<Total> ADD =
            (a, b) -> new Total(a.id(), a.bucket(), a.sum() + b.sum(), Math.max(a.max(), b.max()), a.odd() ^ b.odd());

    static int dataPages(long bytes) {
        return (int) (bytes / OperatorTestEnvironment.PAGE_SIZE) + 1;
    }

    @Property(tries = 60)
    void aFinalAggregationProducesOneRecordPerKeyLikeAHashMapWithAmpleAndATenthOfTheMemory(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int records,
            @ForAll @IntRange(min = 1, max = 30_000) int keys,
            @ForAll boolean keyedBySelector,
            @ForAll boolean recentKeysCached)
            throws IOException {
        List<Count> input = counts(seed, records, keys);
        Map<String, Long> expected = sums(input);
        // the table holds one record per key: the data it must hold is the distinct keys
        int dataPages = dataPages(
                expected.keySet().stream().mapToLong(word -> word.length() + 40).sum());
        int ample = 4 * dataPages + 32;
        int tenth = Math.max(HashAggregation.MIN_PAGES, dataPages / 10);
        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("reduce under test", pages);
                Map<String, Long> actual = new HashMap<>();
                try (HashAggregation<Count> aggregation = new HashAggregation<>(
                        COUNT_SERIALIZER,
                        keyedBySelector ? BY_WORD_SELECTOR : BY_WORD,
                        SUM,
                        Mode.FINAL,
                        record -> assertThat(actual.put(record.word(), record.count()))
                                .as("one record per key")
                                .isNull(),
                        resources,
                        recentKeysCached ? HashAggregation.MAX_CACHED_KEYS : 0)) {
                    for (Count record : input) {
                        aggregation.add(record);
                    }
                    aggregation.finish();
                }
                assertThat(actual).isEqualTo(expected);
                if (pages == tenth && dataPages >= 10 * HashAggregation.MIN_PAGES) {
                    assertThat(resources.metrics().bytesSpilled())
                            .as("a tenth of the memory spills")
                            .isPositive();
                }
                if (pages == ample) {
                    assertThat(resources.metrics().bytesSpilled()).isZero();
                }
                assertThat(resources.metrics().recordsIn()).isEqualTo(records);
                assertThat(resources.metrics().recordsOut()).isEqualTo(expected.size());
                environment.assertNothingLeft();
            }
        }
    }

    @Property(tries = 40)
    void recordsOfFixedLengthFieldsAreAggregatedInTheSlotsLikeAHashMap(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int records,
            @ForAll @IntRange(min = 1, max = 30_000) int keys,
            @ForAll Mode mode,
            @ForAll boolean recentKeysCached)
            throws IOException {
        Random random = new Random(seed);
        long[] ids = random.longs(keys, 0, 1L << 42).toArray();
        List<Total> input = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            int key = random.nextInt(keys);
            input.add(new Total(
                    ids[key], key % 3 - 1, random.nextInt(1000) - 500, random.nextDouble(), random.nextBoolean()));
        }
        Map<List<Object>, Total> expected = new HashMap<>();
        for (Total record : input) {
            expected.merge(List.of(record.id(), record.bucket()), record, (a, b) -> {
                try {
                    return ADD.reduce(a, b);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        // a slot of 64 bytes per key, at most half of the slots used
        int dataPages = dataPages(128L * expected.size());
        int ample = 4 * dataPages + 32;
        int tenth = Math.max(HashAggregation.MIN_PAGES, dataPages / 10);
        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("sums in slots", pages);
                Map<List<Object>, Total> actual = new HashMap<>();
                try (HashAggregation<Total> aggregation = new HashAggregation<>(
                        TOTAL_SERIALIZER,
                        BY_ID_AND_BUCKET,
                        ADD,
                        mode,
                        // a combiner's partial aggregates are merged here as a final reduce would
                        record -> actual.merge(List.of(record.id(), record.bucket()), record, (a, b) -> {
                            assertThat(mode).as("one record per key").isEqualTo(Mode.COMBINE);
                            return new Total(
                                    a.id(),
                                    a.bucket(),
                                    a.sum() + b.sum(),
                                    Math.max(a.max(), b.max()),
                                    a.odd() ^ b.odd());
                        }),
                        resources,
                        recentKeysCached ? HashAggregation.MAX_CACHED_KEYS : 0)) {
                    assertThat(aggregation.entriesInSlots()).isTrue();
                    for (Total record : input) {
                        aggregation.add(record);
                    }
                    aggregation.finish();
                }
                assertThat(actual).isEqualTo(expected);
                if (mode == Mode.FINAL && pages == tenth && dataPages >= 10 * HashAggregation.MIN_PAGES) {
                    assertThat(resources.metrics().bytesSpilled())
                            .as("a tenth of the memory spills")
                            .isPositive();
                }
                environment.assertNothingLeft();
            }
        }
    }

    @Property(tries = 30)
    void nullableKeysOfFixedLengthKeptInTheSlotsAreToldApartFromTheirValues(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 20_000) int records,
            @ForAll @IntRange(min = 1, max = 2_000) int keys,
            @ForAll boolean littleMemory)
            throws IOException {
        TypeInfo<Tuple2<Long, Long>> type = new TypeHint<Tuple2<Long, Long>>() {}.typeInfo();
        Random random = new Random(seed);
        Map<Long, Long> expected = new HashMap<>();
        Map<Long, Long> actual = new HashMap<>();
        int pages = littleMemory ? HashAggregation.MIN_PAGES + 2 : 512;
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(512)) {
            try (HashAggregation<Tuple2<Long, Long>> aggregation = new HashAggregation<>(
                    type.createSerializer(SerializerConfig.DEFAULT),
                    Keys.<Tuple2<Long, Long>>positions(0).createComparator(type, SerializerConfig.DEFAULT),
                    (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1),
                    Mode.FINAL,
                    record -> assertThat(actual.put(record.f0, record.f1))
                            .as("one record per key")
                            .isNull(),
                    environment.resources("nullable keys", pages))) {
                assertThat(aggregation.entriesInSlots()).isTrue();
                for (int i = 0; i < records; i++) {
                    // the null key's bytes are shorter than the others' and stored in the same slots
                    int key = random.nextInt(keys + 1);
                    Long id = key == keys ? null : (long) key << (8 * random.nextInt(8));
                    long value = random.nextInt(100);
                    expected.merge(id, value, Long::sum);
                    aggregation.add(Tuple2.of(id, value));
                }
                aggregation.finish();
            }
            environment.assertNothingLeft();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 40)
    void aCombinerEmitsPartialAggregatesThatSumToTheHashMapResult(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int records,
            @ForAll @IntRange(min = 1, max = 30_000) int keys,
            @ForAll boolean recentKeysCached)
            throws IOException {
        List<Count> input = counts(seed, records, keys);
        Map<String, Long> expected = sums(input);
        int dataPages = dataPages(
                expected.keySet().stream().mapToLong(word -> word.length() + 40).sum());
        for (int pages : new int[] {4 * dataPages + 32, Math.max(HashAggregation.MIN_PAGES, dataPages / 10)}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(4 * dataPages + 32)) {
                OperatorResources resources = environment.resources("combiner under test", pages);
                List<Count> emitted = new ArrayList<>();
                try (HashAggregation<Count> combiner = new HashAggregation<>(
                        COUNT_SERIALIZER,
                        BY_WORD,
                        SUM,
                        Mode.COMBINE,
                        emitted::add,
                        resources,
                        recentKeysCached ? HashAggregation.MAX_CACHED_KEYS : 0)) {
                    for (Count record : input) {
                        combiner.add(record);
                    }
                    combiner.finish();
                }
                assertThat(sums(emitted)).isEqualTo(expected);
                assertThat(emitted.size()).isLessThanOrEqualTo(Math.max(records, 0));
                assertThat(resources.metrics().bytesSpilled())
                        .as("a combiner never spills")
                        .isZero();
                environment.assertNothingLeft();
            }
        }
    }

    @Property(tries = 40)
    void recordsThatGrowWhenReducedAreAppendedAndStillCorrect(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 5_000) int records,
            @ForAll @IntRange(min = 1, max = 300) int keys,
            @ForAll boolean littleMemory,
            @ForAll boolean keyedBySelector,
            @ForAll boolean recentKeysCached)
            throws IOException {
        Random random = new Random(seed);
        List<Tags> input = new ArrayList<>();
        Map<Long, String> expected = new HashMap<>();
        for (int i = 0; i < records; i++) {
            Tags tag = new Tags(random.nextInt(keys), String.valueOf((char) ('a' + random.nextInt(26))));
            input.add(tag);
            expected.merge(tag.key(), tag.tags(), HashAggregationTest::sortedLetters);
        }
        int pages = littleMemory ? HashAggregation.MIN_PAGES + 2 : 256;
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(256)) {
            OperatorResources resources = environment.resources("growing reduce", pages);
            Map<Long, String> actual = new HashMap<>();
            try (HashAggregation<Tags> aggregation = new HashAggregation<>(
                    TAG_SERIALIZER,
                    keyedBySelector ? BY_KEY_SELECTOR : BY_KEY,
                    CONCAT,
                    Mode.FINAL,
                    record -> actual.put(record.key(), record.tags()),
                    resources,
                    recentKeysCached ? HashAggregation.MAX_CACHED_KEYS : 0)) {
                for (Tags record : input) {
                    aggregation.add(record);
                }
                aggregation.finish();
            }
            assertThat(actual).isEqualTo(expected);
            environment.assertNothingLeft();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A key of any length and a value that may be missing: its entry's other fields vary in length. */
    public record Maybe(String key, Long value) {}

    static final TypeInfo<Maybe> MAYBES = Types.of(Maybe.class);
    static final TypeSerializer<Maybe> MAYBE_SERIALIZER = MAYBES.createSerializer(SerializerConfig.DEFAULT);
    static final TypeComparator<Maybe> BY_MAYBE_KEY =
            Keys.<Maybe>fields("key").createComparator(MAYBES, SerializerConfig.DEFAULT);

    /** The sum of the values present, or null when none is. */
    static Long sumOfPresent(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(a + b);
    }

    /**
     * Entries whose keys take one or two bytes of length (keys shorter and longer than 128 bytes),
     * whose other fields grow from a missing value to a present one, and which straddle pages: each is
     * matched and updated where it lies, in its page or across two.
     */
    @Property(tries = 40)
    void keysOfEveryLengthWithValuesThatAppearAreAggregatedLikeAHashMap(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 10_000) int records,
            @ForAll @IntRange(min = 1, max = 2_000) int keys,
            @ForAll boolean littleMemory,
            @ForAll boolean recentKeysCached)
            throws IOException {
        Random random = new Random(seed);
        List<Maybe> input = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < records; i++) {
            int key = random.nextInt(keys);
            Long value = random.nextInt(4) == 0 ? null : Long.valueOf(random.nextInt(1000));
            Maybe record = new Maybe(key + "k".repeat(key % 300), value);
            input.add(record);
            expected.put(record.key(), sumOfPresent(expected.get(record.key()), value));
        }
        int pages = littleMemory ? HashAggregation.MIN_PAGES + 2 : 512;
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(512)) {
            OperatorResources resources = environment.resources("sum of present values", pages);
            Map<String, Long> actual = new HashMap<>();
            try (HashAggregation<Maybe> aggregation = new HashAggregation<>(
                    MAYBE_SERIALIZER,
                    BY_MAYBE_KEY,
                    (a, b) -> new Maybe(a.key(), sumOfPresent(a.value(), b.value())),
                    Mode.FINAL,
                    record -> assertThat(actual.put(record.key(), record.value()))
                            .as("one record per key")
                            .isNull(),
                    resources,
                    recentKeysCached ? HashAggregation.MAX_CACHED_KEYS : 0)) {
                for (Maybe record : input) {
                    aggregation.add(record);
                }
                aggregation.finish();
            }
            assertThat(actual).isEqualTo(expected);
            environment.assertNothingLeft();
        }
    }

    /**
     * A reduce that keeps the newer record depends on the order of reduces: through the cache of
     * recent keys, the table and its spilled partitions, each key must end with its last record.
     */
    @Property(tries = 30)
    void aReduceThatKeepsTheNewerRecordEndsWithEachKeysLastRecord(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int records,
            @ForAll @IntRange(min = 1, max = 20_000) int keys,
            @ForAll boolean littleMemory)
            throws IOException {
        Random random = new Random(seed);
        List<Count> input = new ArrayList<>(records);
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < records; i++) {
            // skewed: small keys are frequent, so they stay cached while the rest passes by
            int key = (int) Math.min(keys - 1, Math.floor(Math.pow(keys + 1.0, random.nextDouble())) - 1);
            Count record = new Count("key-" + key, i);
            input.add(record);
            expected.put(record.word(), record.count());
        }
        int pages = littleMemory ? HashAggregation.MIN_PAGES + 2 : 512;
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(512)) {
            OperatorResources resources = environment.resources("newest wins", pages);
            Map<String, Long> actual = new HashMap<>();
            try (HashAggregation<Count> aggregation = new HashAggregation<>(
                    COUNT_SERIALIZER,
                    BY_WORD,
                    (older, newer) -> newer,
                    Mode.FINAL,
                    record -> actual.put(record.word(), record.count()),
                    resources)) {
                for (Count record : input) {
                    aggregation.add(record);
                }
                aggregation.finish();
            }
            assertThat(actual).isEqualTo(expected);
            environment.assertNothingLeft();
        }
    }

    /** An affine map x -> a * x + b of a key: composing them is associative but not commutative. */
    public record Affine(String word, long a, long b) {

        /** This map, then {@code next}. */
        Affine then(Affine next) {
            return new Affine(word, next.a * a, next.a * b + next.b);
        }
    }

    @Test
    void reducesKeepTheirOrderWhileTheCacheOfRecentKeysIsTurnedOffAndOnAgain() throws IOException {
        // many keys (the cache rarely hits and is bypassed), then a few (it is tried again and kept),
        // then many again; composing maps in order shows any record reduced out of turn
        TypeInfo<Affine> type = Types.of(Affine.class);
        Random random = new Random(7);
        int perPhase = 2 * HashAggregation.CACHE_BYPASS;
        Map<String, Affine> expected = new HashMap<>();
        Map<String, Affine> actual = new HashMap<>();
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(2048)) {
            try (HashAggregation<Affine> aggregation = new HashAggregation<>(
                    type.createSerializer(SerializerConfig.DEFAULT),
                    Keys.<Affine>fields("word").createComparator(type, SerializerConfig.DEFAULT),
                    Affine::then,
                    Mode.FINAL,
                    record -> assertThat(actual.put(record.word(), record))
                            .as("one record per key")
                            .isNull(),
                    environment.resources("cache turned off and on", 2048))) {
                long sequence = 0;
                for (int keys : new int[] {50_000, 10, 50_000}) {
                    for (int i = 0; i < perPhase; i++) {
                        Affine record =
                                new Affine("key-" + random.nextInt(keys), 2 * random.nextInt(1000) + 1, sequence++);
                        expected.merge(record.word(), record, Affine::then);
                        aggregation.add(record);
                    }
                }
                aggregation.finish();
            }
            environment.assertNothingLeft();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 30)
    void aCallerThatReusesOneMutableRecordGetsTheSameResultsAsWithFreshOnes(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 20_000) int records,
            @ForAll @IntRange(min = 1, max = 5_000) int keys,
            @ForAll @IntRange(min = 0, max = 2) int reduceKind,
            @ForAll boolean littleMemory)
            throws IOException {
        TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.typeInfo();
        // a new record, the newer record itself (the caller's), or the older one changed in place
        ReduceFunction<Tuple2<String, Long>> reduce = switch (reduceKind) {
            case 0 -> (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
            case 1 -> (a, b) -> b;
            default ->
                (a, b) -> {
                    a.f1 = a.f1 + b.f1;
                    return a;
                };
        };
        Random random = new Random(seed);
        Map<String, Long> expected = new HashMap<>();
        Map<String, Long> actual = new HashMap<>();
        int pages = littleMemory ? HashAggregation.MIN_PAGES + 2 : 512;
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(512)) {
            try (HashAggregation<Tuple2<String, Long>> aggregation = new HashAggregation<>(
                    type.createSerializer(SerializerConfig.DEFAULT),
                    Keys.<Tuple2<String, Long>>positions(0).createComparator(type, SerializerConfig.DEFAULT),
                    reduce,
                    Mode.FINAL,
                    record -> actual.put(record.f0, record.f1),
                    environment.resources("reused records", pages))) {
                Tuple2<String, Long> reused = new Tuple2<>();
                for (int i = 0; i < records; i++) {
                    int key = (int) Math.min(keys - 1, Math.floor(Math.pow(keys + 1.0, random.nextDouble())) - 1);
                    long value = i + 1;
                    reused.setFields("key-" + key, value);
                    expected.merge(reused.f0, value, reduceKind == 1 ? (older, newer) -> newer : Long::sum);
                    aggregation.add(reused);
                    reused.setFields("changed by the caller", -1L);
                }
                aggregation.finish();
            }
            assertThat(actual).isEqualTo(expected);
            environment.assertNothingLeft();
        }
    }

    @Test
    void aReduceFunctionThatReturnsNullIsAClearError() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("null reduce", 64);
            assertThatThrownBy(() -> {
                        try (HashAggregation<Count> aggregation = new HashAggregation<>(
                                COUNT_SERIALIZER, BY_WORD, (a, b) -> null, Mode.FINAL, record -> {}, resources)) {
                            aggregation.add(new Count("a", 1));
                            aggregation.add(new Count("a", 1));
                            aggregation.finish();
                        }
                    })
                    .hasMessageContaining("null reduce")
                    .hasStackTraceContaining("returned null");
            environment.assertNothingLeft();
        }
    }

    @Test
    void twoHundredThousandDistinctKeysInSixteenPagesRecurseAndFinish() throws IOException {
        List<Count> input = counts(3, 400_000, 200_000);
        Map<String, Long> expected = sums(input);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("reduce with many keys", 16);
            Map<String, Long> actual = new HashMap<>();
            try (HashAggregation<Count> aggregation = new HashAggregation<>(
                    COUNT_SERIALIZER,
                    BY_WORD,
                    SUM,
                    Mode.FINAL,
                    record -> actual.put(record.word(), record.count()),
                    resources)) {
                for (Count record : input) {
                    aggregation.add(record);
                }
                aggregation.finish();
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(resources.metrics().bytesSpilled()).isPositive();
            environment.assertNothingLeft();
        }
    }

    @Test
    void aFailingReduceFunctionNamesTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("reduce 'sum at WordCount.java:20'", 16);
            HashAggregation<Count> aggregation = new HashAggregation<>(
                    COUNT_SERIALIZER,
                    BY_WORD,
                    (a, b) -> {
                        throw new ArithmeticException("overflow");
                    },
                    Mode.FINAL,
                    record -> {},
                    resources);
            assertThatThrownBy(() -> {
                        for (Count record : counts(1, 1_000, 10)) {
                            aggregation.add(record);
                        }
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("reduce 'sum at WordCount.java:20'")
                    .hasMessageContaining("overflow");
            aggregation.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void aFullDiskFailsNamingTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment =
                new OperatorTestEnvironment(64, FailingFileChannels.failWritesAfter(5))) {
            OperatorResources resources = environment.resources("reduce 'distinct users'", 8);
            HashAggregation<Count> aggregation =
                    new HashAggregation<>(COUNT_SERIALIZER, BY_WORD, SUM, Mode.FINAL, record -> {}, resources);
            assertThatThrownBy(() -> {
                        for (Count record : counts(2, 200_000, 100_000)) {
                            aggregation.add(record);
                        }
                        aggregation.finish();
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("reduce 'distinct users'")
                    .hasStackTraceContaining(FailingFileChannels.NO_SPACE);
            aggregation.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void aRecordLargerThanMemoryIsAClearError() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("combine 'big values'", HashAggregation.MIN_PAGES);
            HashAggregation<Count> combiner =
                    new HashAggregation<>(COUNT_SERIALIZER, BY_WORD, SUM, Mode.COMBINE, record -> {}, resources);
            assertThatThrownBy(() -> {
                        combiner.add(new Count("x".repeat(100_000), 1));
                        combiner.finish(); // records are looked up in batches: at the latest here
                    })
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("combine 'big values'")
                    .hasMessageContaining("does not fit");
            combiner.close();
            environment.assertNothingLeft();
        }
    }

    @Test
    void cancellationFromAnotherThreadStopsTheAggregationAndLeavesNothing() throws Exception {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("reduce 'endless'", 8);
            HashAggregation<Count> aggregation =
                    new HashAggregation<>(COUNT_SERIALIZER, BY_WORD, SUM, Mode.FINAL, record -> {}, resources);
            CountDownLatch spilled = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread task = new Thread(() -> {
                try {
                    Random random = new Random(5);
                    while (true) {
                        aggregation.add(new Count("key-" + random.nextLong(), 1));
                        if (resources.metrics().spillFiles() > 0
                                || environment.io().spillFileCount() > 0) {
                            spilled.countDown();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    aggregation.close();
                }
            });
            task.start();
            assertThat(spilled.await(30, TimeUnit.SECONDS)).isTrue();
            resources.cancel();
            task.join(30_000);
            assertThat(failure.get())
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("reduce 'endless' was cancelled");
            environment.assertNothingLeft();
        }
    }
}
