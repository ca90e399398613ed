package io.weir.runtime.operators.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.types.Types;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.hash.HashAggregationTest.Tags;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The solution set against a {@code HashMap} updated the same way, in ample memory and in little. */
class SolutionSetTest {

    static final TypeComparator<Long> LONGS = Types.LONG.createComparator(true, SerializerConfig.DEFAULT);

    static RecordIterator<Tags> iterator(List<Tags> records) {
        return RecordIterator.of(records);
    }

    /** Records of random keys below {@code keys}, with values of random length (replacements grow and shrink). */
    static List<Tags> round(Random random, int records, int keys) {
        List<Tags> round = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            round.add(new Tags(random.nextInt(keys), "v" + random.nextInt(1000) + "x".repeat(random.nextInt(40))));
        }
        return round;
    }

    /** Looks up every key below {@code keys} as a lookup phase would: in memory, else joined with the spilled records. */
    static Map<Long, String> lookUpAll(SolutionSet<Tags> set, int keys, OperatorTestEnvironment environment)
            throws IOException {
        Map<Long, String> found = new HashMap<>();
        SolutionSet<Tags>.Probe<Long> probe = set.probe(LONGS);
        List<Long> onDisk = new ArrayList<>();
        for (long key = 0; key < keys; key++) {
            if (probe.onDisk(key)) {
                onDisk.add(key);
            } else {
                Tags record = probe.get(key);
                if (record != null) {
                    assertThat(record.key()).isEqualTo(key);
                    found.put(key, record.tags());
                }
            }
        }
        if (!onDisk.isEmpty()) {
            OperatorResources reading = environment.resources("reading spilled", 1);
            Map<Long, String> spilled = new HashMap<>();
            try (SolutionSet<Tags>.SpilledReader reader =
                    set.readSpilled(reading.budget(1).take(1))) {
                for (Tags record; (record = reader.next()) != null; ) {
                    assertThat(spilled.put(record.key(), record.tags()))
                            .as("keys are unique in the spilled partitions")
                            .isNull();
                }
            }
            reading.close();
            for (long key : onDisk) {
                if (spilled.containsKey(key)) {
                    found.put(key, spilled.get(key));
                }
            }
        }
        return found;
    }

    static Map<Long, String> readAll(SolutionSet<Tags> set) throws IOException {
        Map<Long, String> all = new HashMap<>();
        RecordIterator<Tags> records = set.readAll();
        for (Tags record; (record = records.next()) != null; ) {
            assertThat(all.put(record.key(), record.tags()))
                    .as("one record per key")
                    .isNull();
        }
        return all;
    }

    @Property(tries = 30)
    void lookupsAfterEachUpdateSeeWhatAHashMapUpdatedTheSameWaySees(
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 20_000) int keys,
            @ForAll @IntRange(min = 0, max = 8_000) int recordsPerRound,
            @ForAll boolean littleMemory)
            throws IOException {
        Random random = new Random(seed);
        int pages = littleMemory ? SolutionSet.MIN_PAGES + 4 : 2_000;
        try (OperatorTestEnvironment environment =
                new OperatorTestEnvironment(2_000 + 3 * SolutionSet.MIN_WORKING_PAGES)) {
            OperatorResources resources = environment.resources("solution set under test", pages);
            Map<Long, String> expected = new HashMap<>();
            try (SolutionSet<Tags> set =
                    new SolutionSet<>(HashAggregationTest.TAG_SERIALIZER, HashAggregationTest.BY_KEY, resources)) {
                for (int round = 0; round < 4; round++) {
                    List<Tags> updates = round(random, recordsPerRound, keys);
                    for (Tags update : updates) {
                        expected.put(update.key(), update.tags());
                    }
                    set.update(
                            iterator(updates), environment.resources("working memory", SolutionSet.MIN_WORKING_PAGES));
                    assertThat(set.size()).isEqualTo(expected.size());
                    assertThat(lookUpAll(set, keys, environment)).isEqualTo(expected);
                }
                assertThat(readAll(set)).isEqualTo(expected);
                if (!littleMemory) {
                    assertThat(set.spilledSize()).isZero();
                    assertThat(resources.metrics().bytesSpilled()).isZero();
                }
            }
            environment.assertNothingLeft();
        }
    }

    @Test
    void aSetTenTimesLargerThanItsMemorySpillsAndStaysCorrect() throws IOException {
        Random random = new Random(42);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(400)) {
            OperatorResources resources = environment.resources("solution set under test", 32);
            Map<Long, String> expected = new HashMap<>();
            try (SolutionSet<Tags> set =
                    new SolutionSet<>(HashAggregationTest.TAG_SERIALIZER, HashAggregationTest.BY_KEY, resources)) {
                for (int round = 0; round < 3; round++) {
                    List<Tags> updates = round(random, 20_000, 30_000);
                    updates.forEach(update -> expected.put(update.key(), update.tags()));
                    set.update(
                            iterator(updates), environment.resources("working memory", SolutionSet.MIN_WORKING_PAGES));
                }
                assertThat(set.spilledSize()).isPositive();
                assertThat(resources.metrics().bytesSpilled()).isPositive();
                assertThat(lookUpAll(set, 30_000, environment)).isEqualTo(expected);
                assertThat(readAll(set)).isEqualTo(expected);
            }
            environment.assertNothingLeft();
        }
    }

    @Test
    void probesOnSeveralThreadsFindTheSameRecords() throws Exception {
        Random random = new Random(7);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(600)) {
            Map<Long, String> expected = new HashMap<>();
            List<Tags> records = round(random, 10_000, 5_000);
            records.forEach(record -> expected.put(record.key(), record.tags()));
            try (SolutionSet<Tags> set = new SolutionSet<>(
                    HashAggregationTest.TAG_SERIALIZER,
                    HashAggregationTest.BY_KEY,
                    environment.resources("solution set under test", 400))) {
                set.update(iterator(records), environment.resources("working memory", SolutionSet.MIN_WORKING_PAGES));
                List<CompletableFuture<Map<Long, String>>> readers = new ArrayList<>();
                for (int thread = 0; thread < 4; thread++) {
                    readers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return lookUpAll(set, 5_000, environment);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
                }
                for (CompletableFuture<Map<Long, String>> reader : readers) {
                    assertThat(reader.get()).isEqualTo(expected);
                }
            }
            environment.assertNothingLeft();
        }
    }
}
