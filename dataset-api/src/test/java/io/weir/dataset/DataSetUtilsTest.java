package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.tuple.Tuple2;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** zipWithIndex, zipWithUniqueId, sample, sampleWithSize and countElementsPerPartition. */
class DataSetUtilsTest {

    static List<String> words(int count) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            words.add("w" + i);
        }
        return words;
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "4, 1m"})
    void zipWithIndexNumbersEveryRecordOnceFromZeroWithoutGaps(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<String> input = words(30_000);

        List<Tuple2<Long, String>> zipped =
                DataSetUtils.zipWithIndex(env.fromCollection(input).rebalance()).collect();

        assertThat(zipped.stream().map(t -> t.f0).sorted().toList())
                .isEqualTo(LongStream.range(0, input.size()).boxed().toList());
        assertThat(multiset(zipped.stream().map(t -> t.f1).toList())).isEqualTo(multiset(input));
    }

    @Test
    void zipWithIndexOfOnePartitionFollowsItsOrder() {
        ExecutionEnvironment env = environment(4, "64m");
        List<Long> input =
                LongStream.range(0, 5_000).map(i -> (i * 7919) % 5_000).boxed().toList();

        List<Tuple2<Long, Long>> zipped = DataSetUtils.zipWithIndex(env.fromCollection(input)
                        .sortPartition(x -> x, Order.ASCENDING)
                        .setParallelism(1))
                .collect();

        for (Tuple2<Long, Long> pair : zipped) {
            assertThat(pair.f1).as("the value numbered %d", pair.f0).isEqualTo(pair.f0);
        }
        assertThat(zipped).hasSize(input.size());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void zipWithUniqueIdGivesDistinctIds(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<String> input = words(20_000);

        List<Tuple2<Long, String>> zipped = DataSetUtils.zipWithUniqueId(
                        env.fromCollection(input).rebalance())
                .collect();

        assertThat(zipped.stream().map(t -> t.f0).distinct().count()).isEqualTo(input.size());
        assertThat(multiset(zipped.stream().map(t -> t.f1).toList())).isEqualTo(multiset(input));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void countsPerPartitionAddUpToTheInput(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");

        List<Tuple2<Integer, Long>> counts = DataSetUtils.countElementsPerPartition(
                        env.generateSequence(1, 12_345).rebalance())
                .collect();

        assertThat(counts.stream().map(t -> t.f0).sorted().toList())
                .isEqualTo(
                        java.util.stream.IntStream.range(0, parallelism).boxed().toList());
        assertThat(counts.stream().mapToLong(t -> t.f1).sum()).isEqualTo(12_345);
    }

    @ParameterizedTest(name = "parallelism {0}, with replacement {1}")
    @CsvSource({"1, false", "4, false", "1, true", "4, true"})
    void aFractionSampleHasAboutThatShareOfTheRecordsAndIsRepeatable(int parallelism, boolean withReplacement) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        int n = 40_000;
        double fraction = 0.1;

        List<Long> sample = DataSetUtils.sample(env.generateSequence(1, n), withReplacement, fraction, 42)
                .collect();

        // the expected size is n * fraction; the standard deviation is at most sqrt(n * fraction)
        double sigma = Math.sqrt(n * fraction);
        assertThat((double) sample.size()).isBetween(n * fraction - 6 * sigma, n * fraction + 6 * sigma);
        assertThat(sample).allMatch(x -> x >= 1 && x <= n);
        if (!withReplacement) {
            assertThat(new HashSet<>(sample)).hasSize(sample.size());
        }
        if (parallelism == 1) {
            // (in parallel, instances take the input's splits as they go, so partitions differ by run)
            assertThat(multiset(DataSetUtils.sample(env.generateSequence(1, n), withReplacement, fraction, 42)
                            .collect()))
                    .as("the same seed gives the same sample")
                    .isEqualTo(multiset(sample));
        }
    }

    @ParameterizedTest(name = "parallelism {0}, with replacement {1}")
    @CsvSource({"1, false", "4, false", "1, true", "4, true"})
    void aSampleOfAGivenSizeHasExactlyThatManyRecordsOfTheInput(int parallelism, boolean withReplacement) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        int n = 20_000;

        List<Long> sample = DataSetUtils.sampleWithSize(env.generateSequence(1, n), withReplacement, 500, 7)
                .collect();

        assertThat(sample).hasSize(500).allMatch(x -> x >= 1 && x <= n);
        if (!withReplacement) {
            assertThat(new HashSet<>(sample)).hasSize(500);
        }
        List<Long> small = DataSetUtils.sampleWithSize(env.generateSequence(1, 30), withReplacement, 500, 7)
                .collect();
        if (withReplacement) {
            assertThat(small).hasSize(500).allMatch(x -> x >= 1 && x <= 30);
        } else {
            assertThat(small)
                    .as("all of an input smaller than the sample")
                    .containsExactlyInAnyOrderElementsOf(
                            LongStream.rangeClosed(1, 30).boxed().toList());
        }
    }

    @Test
    void badFractionsAndSizesAreRejectedWithTheOperation() {
        ExecutionEnvironment env = environment(1, "64m");
        DataSet<Long> numbers = env.generateSequence(1, 10);
        assertThatThrownBy(() -> DataSetUtils.sample(numbers, false, 1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> DataSetUtils.sample(numbers, true, -0.1)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> DataSetUtils.sampleWithSize(numbers, false, -1))
                .hasMessageContaining("negative");
    }

    // ---- the samplers' distributions, checked without the engine over many trials ----

    /** Over many trials, every record of two partitions of unequal size is drawn equally often. */
    @ParameterizedTest(name = "with replacement {0}")
    @ValueSource(booleans = {false, true})
    void samplesOfAGivenSizeAreUniformAcrossPartitions(boolean withReplacement) {
        List<Long> first = LongStream.range(0, 10).boxed().toList();
        List<Long> second = LongStream.range(10, 40).boxed().toList();
        int size = 8;
        int trials = 20_000;
        long[] hits = new long[40];
        SplittableRandom seeds = new SplittableRandom(3);
        for (int t = 0; t < trials; t++) {
            long seed = seeds.nextLong();
            List<Long> sample = new ArrayList<>();
            if (withReplacement) {
                List<DataSetUtils.Draws<Long>> partitions = List.of(
                        DataSetUtils.draws(first, size, DataSetUtils.random(seed, 0)),
                        DataSetUtils.draws(second, size, DataSetUtils.random(seed, 1)));
                sample.addAll(DataSetUtils.combine(partitions, size, DataSetUtils.random(seed, -1)));
            } else {
                List<DataSetUtils.Keyed<Long>> keyed = new ArrayList<>();
                keyed.addAll(DataSetUtils.largestKeys(first, size, DataSetUtils.random(seed, 0)));
                keyed.addAll(DataSetUtils.largestKeys(second, size, DataSetUtils.random(seed, 1)));
                keyed.sort((a, b) -> Double.compare(b.key(), a.key()));
                keyed.subList(0, size).forEach(k -> sample.add(k.value()));
                assertThat(Set.copyOf(sample)).hasSize(size);
            }
            assertThat(sample).hasSize(size);
            sample.forEach(x -> hits[x.intValue()]++);
        }
        double expected = (double) trials * size / 40;
        for (int i = 0; i < 40; i++) {
            // binomial counts: the standard deviation is below sqrt(expected)
            assertThat((double) hits[i])
                    .as("draws of record %d", i)
                    .isBetween(expected - 6 * Math.sqrt(expected), expected + 6 * Math.sqrt(expected));
        }
    }

    @Test
    void poissonCountsHaveTheirMeanAlsoForLargeMeans() {
        SplittableRandom random = new SplittableRandom(5);
        for (double mean : new double[] {0.05, 1, 7.5, 1200}) {
            long sum = 0;
            int trials = 4_000;
            for (int i = 0; i < trials; i++) {
                sum += DataSetUtils.poisson(random, mean);
            }
            double sigma = Math.sqrt(mean / trials);
            assertThat((double) sum / trials).as("mean %s", mean).isBetween(mean - 6 * sigma, mean + 6 * sigma);
        }
    }
}
