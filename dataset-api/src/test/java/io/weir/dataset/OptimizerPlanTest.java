package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.io.DiscardingOutputFormat;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import io.weir.optimizer.Estimate;
import io.weir.optimizer.OptimizedPlan;
import io.weir.optimizer.PlanNode;
import io.weir.optimizer.PlanNode.Strategy;
import io.weir.runtime.jobgraph.ShipStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** "On this program the optimizer chooses this": one test per decision, results checked where it runs. */
class OptimizerPlanTest {

    record Pair(long key, long value) {}

    static List<Pair> pairs(int count, int keys, long seed) {
        Random random = new Random(seed);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(new Pair(random.nextInt(keys), random.nextInt(1_000)));
        }
        return pairs;
    }

    /** The strategy of a join of a 'big' and a 'small' input with these size hints. */
    private static Strategy joinStrategy(int parallelism, long bigBytes, long smallBytes, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        DataSet<Pair> big = env.fromCollection(pairs(10, 5, 1)).withSizeHint(bigBytes);
        DataSet<Pair> small = env.fromCollection(pairs(10, 5, 2)).withSizeHint(smallBytes);
        big.join(small)
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), r.value()))
                .name("join")
                .output(new DiscardingOutputFormat<>());
        return env.optimizedPlan().node("join").strategy();
    }

    /** The largest size of the small side (of those tried) that is broadcast, checking there is one switch. */
    private static long switchPoint(int parallelism, long bigBytes) {
        long largestBroadcast = -1;
        boolean repartitioned = false;
        for (long small = 1_000; small <= bigBytes; small = small * 5 / 4) {
            Strategy strategy = joinStrategy(parallelism, bigBytes, small, "1g");
            if (strategy == Strategy.BROADCAST_HASH_BUILD_SECOND) {
                assertThat(repartitioned)
                        .as("broadcast of %d bytes after repartitioning smaller sides", small)
                        .isFalse();
                largestBroadcast = small;
            } else {
                assertThat(strategy)
                        .as("the smaller side builds the hash table")
                        .isEqualTo(
                                small <= bigBytes
                                        ? Strategy.HYBRID_HASH_BUILD_SECOND
                                        : Strategy.HYBRID_HASH_BUILD_FIRST);
                repartitioned = true;
            }
        }
        assertThat(largestBroadcast).as("a small enough side is broadcast").isPositive();
        assertThat(repartitioned).as("a large enough side is repartitioned").isTrue();
        return largestBroadcast;
    }

    @Test
    void aSmallSideIsBroadcastTwoLargeSidesAreRepartitionedAndTheSwitchMovesWithTheSizes() {
        long small = switchPoint(4, 10_000_000);
        long largerBigSide = switchPoint(4, 1_000_000_000);
        long moreInstances = switchPoint(2, 10_000_000);

        assertThat(largerBigSide)
                .as("a larger other side makes broadcasting worth it for larger sides")
                .isGreaterThan(small * 50);
        assertThat(moreInstances)
                .as("broadcasting to fewer instances is worth it for larger sides")
                .isGreaterThan(small);
    }

    @Test
    void aSideSmallEnoughToBroadcastButNotToHoldInMemoryIsRepartitioned() {
        assertThat(joinStrategy(4, 1_000_000_000, 10_000_000, "1g"))
                .as("ample memory: broadcasting 10 MB beats shipping 1 GB")
                .isEqualTo(Strategy.BROADCAST_HASH_BUILD_SECOND);
        assertThat(joinStrategy(4, 1_000_000_000, 10_000_000, "16m"))
                .as("4 MB per instance: every instance would spill its copy of the 10 MB and the probe side")
                .isEqualTo(Strategy.HYBRID_HASH_BUILD_SECOND);
    }

    @Test
    void aHintOverridesTheChoiceAndTheExplanationSaysSo() {
        ExecutionEnvironment env = environment(4, "32m");
        DataSet<Pair> big = env.fromCollection(pairs(10, 5, 1)).withSizeHint(1_000_000_000);
        DataSet<Pair> small = env.fromCollection(pairs(10, 5, 2)).withSizeHint(1_000);
        big.join(small, JoinHint.REPARTITION_HASH_FIRST)
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), r.value()))
                .name("join")
                .output(new DiscardingOutputFormat<>());

        PlanNode join = env.optimizedPlan().node("join");
        assertThat(join.strategy()).isEqualTo(Strategy.HYBRID_HASH_BUILD_FIRST);
        assertThat(join.inputs()).extracting(PlanNode.Channel::ship).containsOnly(ShipStrategy.HASH);
        assertThat(env.explain()).contains("because: join hint REPARTITION_HASH_FIRST");
    }

    /** Sums of f1 by key of the join of two pair lists on f0, as the program below computes them. */
    private static Map<Long, Long> expectedSums(List<Pair> left, List<Pair> right) {
        Map<Long, Long> sums = new HashMap<>();
        for (Pair l : left) {
            for (Pair r : right) {
                if (l.key() == r.key()) {
                    sums.merge(l.key(), l.value() + r.value(), Long::sum);
                }
            }
        }
        return sums;
    }

    /** The pairs as a map, checking that each key comes once. */
    private static Map<Long, Long> sumsByKey(List<Pair> pairs) {
        Map<Long, Long> sums = new HashMap<>();
        for (Pair pair : pairs) {
            assertThat(sums.put(pair.key(), pair.value())).as("one sum per key").isNull();
        }
        return sums;
    }

    private static DataSet<Pair> joinThenSum(
            ExecutionEnvironment env, List<Pair> left, List<Pair> right, boolean declared) {
        DataSet<Pair> joined = env.fromCollection(left)
                .join(env.fromCollection(right))
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), l.value() + r.value()))
                .name("join");
        if (declared) {
            joined.withForwardedFieldsFirst("key");
        }
        return joined.groupBy("key")
                .reduce((a, b) -> new Pair(a.key(), a.value() + b.value()))
                .name("sum");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aGroupingOnTheJoinKeyReusesTheJoinsPartitioningAndGivesTheSameResult(int parallelism) {
        List<Pair> left = pairs(3_000, 500, 3);
        List<Pair> right = pairs(3_000, 500, 4);
        ExecutionEnvironment env = environment(parallelism, "32m");
        DataSet<Pair> sums = joinThenSum(env, left, right, true);
        sums.output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.node("join").strategy())
                .as("inputs of the same size are repartitioned")
                .isIn(Strategy.HYBRID_HASH_BUILD_FIRST, Strategy.HYBRID_HASH_BUILD_SECOND);
        PlanNode sum = plan.node("sum");
        assertThat(sum.inputs().get(0).ship()).isEqualTo(ShipStrategy.FORWARD);
        assertThat(sum.combiner()).isFalse();

        assertThat(sumsByKey(sums.collect())).isEqualTo(expectedSums(left, right));
    }

    /** Per key: the sum of l.value + r.value over the join's matches, summed by a group reduce and by a reduce. */
    private static DataSet<Pair> joinThenGroup(
            ExecutionEnvironment env, List<Pair> left, List<Pair> right, JoinHint hint, boolean groupReduce) {
        DataSet<Pair> joined = env.fromCollection(left)
                .join(env.fromCollection(right), hint)
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), l.value() + r.value()))
                .withForwardedFieldsFirst("key")
                .name("join");
        if (groupReduce) {
            return joined.groupBy("key")
                    .reduceGroup((GroupReduceFunction<Pair, Pair>) (values, out) -> {
                        long key = -1;
                        long sum = 0;
                        for (Pair pair : values) {
                            key = pair.key();
                            sum += pair.value();
                        }
                        out.collect(new Pair(key, sum));
                    })
                    .returns(Pair.class)
                    .name("sum");
        }
        return joined.groupBy("key")
                .reduce((a, b) -> new Pair(a.key(), a.value() + b.value()))
                .name("sum");
    }

    @ParameterizedTest
    @CsvSource({"1, true", "4, true", "1, false", "4, false"})
    void aGroupingOnTheKeyOfASortMergeJoinUsesItsOrderInsteadOfSorting(int parallelism, boolean groupReduce) {
        List<Pair> left = pairs(2_000, 4, 12);
        List<Pair> right = pairs(1_000, 4, 13);
        // little memory: a key's matches (~125,000 records, 2 MB) outgrow the group buffer's pages and spill
        ExecutionEnvironment env = environment(parallelism, "2m");
        DataSet<Pair> sums = joinThenGroup(env, left, right, JoinHint.REPARTITION_SORT_MERGE, groupReduce);
        sums.output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.node("join").strategy()).isEqualTo(Strategy.SORT_MERGE_JOIN);
        assertThat(plan.node("join").order()).containsExactly("key");
        PlanNode sum = plan.node("sum");
        assertThat(sum.strategy()).isEqualTo(groupReduce ? Strategy.GROUPED_GROUP_REDUCE : Strategy.GROUPED_REDUCE);
        assertThat(sum.inputs().get(0).ship()).isEqualTo(ShipStrategy.FORWARD);

        assertThat(sumsByKey(sums.collect())).isEqualTo(expectedSums(left, right));
        if (groupReduce) {
            assertThat(env.getLastJobExecutionResult().getOperatorMetrics("sum").bytesSpilled())
                    .as("groups larger than memory spill")
                    .isPositive();
        }
    }

    @Test
    void aSortMergeJoinWinsOverAHashJoinWhenTheGroupReduceBehindItCanUseItsOrder() {
        ExecutionEnvironment env = environment(4, "32m");
        joinThenGroup(env, pairs(3_000, 40, 14), pairs(3_000, 40, 15), JoinHint.OPTIMIZER_CHOOSES, true)
                .output(new DiscardingOutputFormat<>());
        ExecutionEnvironment reduceEnv = environment(4, "32m");
        joinThenGroup(reduceEnv, pairs(3_000, 40, 14), pairs(3_000, 40, 15), JoinHint.OPTIMIZER_CHOOSES, false)
                .output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.node("join").strategy()).isEqualTo(Strategy.SORT_MERGE_JOIN);
        assertThat(plan.node("sum").strategy()).isEqualTo(Strategy.GROUPED_GROUP_REDUCE);
        assertThat(plan.node("sum").reason()).contains("sorted on [key]");
        // a hash reduce needs no order: sorting both inputs does not pay for itself there
        assertThat(reduceEnv.optimizedPlan().node("join").strategy())
                .isIn(Strategy.HYBRID_HASH_BUILD_FIRST, Strategy.HYBRID_HASH_BUILD_SECOND);
    }

    @Test
    void withoutForwardedFieldsTheGroupingShufflesAfterACombiner() {
        ExecutionEnvironment env = environment(4, "32m");
        joinThenSum(env, pairs(3_000, 500, 3), pairs(3_000, 500, 4), false).output(new DiscardingOutputFormat<>());

        PlanNode sum = env.optimizedPlan().node("sum");
        assertThat(sum.inputs().get(0).ship()).isEqualTo(ShipStrategy.HASH);
        assertThat(sum.combiner()).isTrue();
    }

    @Test
    void aSecondJoinOnTheSameKeyForwardsThePartitionedInputAndHashesOnlyTheOther() {
        ExecutionEnvironment env = environment(4, "32m");
        List<Pair> third = pairs(3_000, 500, 5);
        DataSet<Pair> first = env.fromCollection(pairs(3_000, 500, 3))
                .join(env.fromCollection(pairs(3_000, 500, 4)))
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), l.value() + r.value()))
                .withForwardedFieldsFirst("key")
                .name("first join");
        DataSet<Pair> second = first.join(env.fromCollection(third))
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), l.value() * r.value()))
                .name("second join");
        second.output(new DiscardingOutputFormat<>());

        PlanNode join = env.optimizedPlan().node("second join");
        // the first join's output is estimated larger than the third input: no broadcast of either
        assertThat(join.strategy()).isIn(Strategy.HYBRID_HASH_BUILD_FIRST, Strategy.HYBRID_HASH_BUILD_SECOND);
        assertThat(join.inputs())
                .extracting(PlanNode.Channel::ship)
                .containsExactly(ShipStrategy.FORWARD, ShipStrategy.HASH);
        assertThat(multiset(second.collect()).size()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aHashPartitioningAndACoGroupOnAKeyTheDataIsAlreadyPartitionedOnShipNothing(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "32m");
        List<Pair> left = pairs(3_000, 300, 21);
        List<Pair> right = pairs(3_000, 300, 22);
        DataSet<Pair> sums = env.fromCollection(left)
                .groupBy("key")
                .reduce((a, b) -> new Pair(a.key(), a.value() + b.value()))
                .name("sums");
        DataSet<Pair> partitioned = sums.partitionByHash("key").name("partition");
        DataSet<Pair> counted = partitioned
                .coGroup(env.fromCollection(right))
                .where("key")
                .equalTo("key")
                .with((io.weir.core.functions.CoGroupFunction<Pair, Pair, Pair>) (sum, others, out) -> {
                    long count = 0;
                    for (Pair ignored : others) {
                        count++;
                    }
                    for (Pair pair : sum) {
                        out.collect(new Pair(pair.key(), pair.value() * 1_000_000 + count));
                    }
                })
                .returns(Pair.class)
                .name("coGroup");
        counted.output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.node("partition").inputs().get(0).ship()).isEqualTo(ShipStrategy.FORWARD);
        assertThat(plan.node("coGroup").inputs())
                .extracting(PlanNode.Channel::ship)
                .containsExactly(ShipStrategy.FORWARD, parallelism == 1 ? ShipStrategy.FORWARD : ShipStrategy.HASH);

        Map<Long, Long> sumByKey = new HashMap<>();
        left.forEach(pair -> sumByKey.merge(pair.key(), pair.value(), Long::sum));
        Map<Long, Long> countByKey = new HashMap<>();
        right.forEach(pair -> countByKey.merge(pair.key(), 1L, Long::sum));
        Map<Long, Long> expected = new HashMap<>();
        sumByKey.forEach((key, sum) -> expected.put(key, sum * 1_000_000 + countByKey.getOrDefault(key, 0L)));
        assertThat(sumsByKey(counted.collect())).isEqualTo(expected);
    }

    @Test
    void aCrossBroadcastsItsSmallerInput() {
        ExecutionEnvironment env = environment(4, "32m");
        DataSet<Pair> large = env.fromCollection(pairs(10_000, 10, 23)).name("large");
        DataSet<Pair> small = env.fromCollection(pairs(10, 10, 24)).name("small");
        small.cross(large)
                .with((a, b) -> new Pair(a.key(), b.key()))
                .name("small × large")
                .output(new DiscardingOutputFormat<>());
        large.cross(small)
                .with((a, b) -> new Pair(a.key(), b.key()))
                .name("large × small")
                .output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.node("small × large").strategy()).isEqualTo(Strategy.NESTED_LOOP_BLOCK_FIRST);
        assertThat(plan.node("large × small").strategy()).isEqualTo(Strategy.NESTED_LOOP_BLOCK_SECOND);
    }

    @Test
    void combinersRunBeforeTheShuffleOfAReduceAndOfACombinableGroupReduceOnly() {
        ExecutionEnvironment env = environment(4, "32m");
        DataSet<Pair> input = env.fromCollection(pairs(1_000, 50, 6));
        input.groupBy("key")
                .reduce((a, b) -> new Pair(a.key(), a.value() + b.value()))
                .name("reduce")
                .output(new DiscardingOutputFormat<>());
        input.groupBy("key")
                .reduceGroup((GroupReduceFunction<Pair, Long>) (values, out) -> out.collect(1L))
                .returns(Long.class)
                .name("count groups")
                .output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.node("reduce").combiner()).isTrue();
        assertThat(plan.node("reduce").inputs().get(0).ship()).isEqualTo(ShipStrategy.HASH);
        assertThat(plan.node("count groups").combiner())
                .as("the function is not combinable")
                .isFalse();
        assertThat(plan.explain()).contains("hash partition on [key], after a combiner");
    }

    /** Writes {@code lines} lines made by {@code line} (from the line's number and a seeded random) to {@code file}. */
    private static Path csv(
            Path file, int lines, long seed, java.util.function.BiFunction<Integer, Random, String> line)
            throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(line.apply(i, random)).append('\n');
        }
        return Files.writeString(file, text);
    }

    @Test
    void aCsvSourceIsEstimatedFromItsSizeAndASampleAndAFilterHalvesIt(@TempDir Path directory) throws IOException {
        int lines = 20_000;
        Path file = csv(
                directory.resolve("rows.csv"),
                lines,
                7,
                (i, random) -> i + "," + random.nextInt(1_000_000) + ",note" + random.nextInt(100));
        ExecutionEnvironment env = environment(2, "32m");
        DataSet<Tuple2<Long, Long>> rows = env.readCsvFile(file.toString())
                .<Tuple2<Long, Long>>types(Long.class, Long.class)
                .name("rows");
        rows.filter(row -> row.f1 > 10).name("filter").output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        Estimate source = plan.node("rows").estimate();
        assertThat(source.source()).isEqualTo("statistics");
        assertThat((double) source.records()).isBetween(lines * 0.8, lines * 1.2);
        assertThat(source.width()).as("two numeric columns of three").isBetween(8.0, 16.0);
        assertThat((double) plan.node("filter").estimate().records())
                .isCloseTo(source.records() / 2.0, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void theJobResultPutsEachEstimateBesideTheRecordsObserved() {
        ExecutionEnvironment env = environment(2, "32m");
        List<Pair> pairs = pairs(1_000, 50, 10);
        long kept = pairs.stream().filter(pair -> pair.value() < 100).count();
        env.fromCollection(pairs)
                .name("pairs")
                .filter(pair -> pair.value() < 100)
                .name("small values")
                .output(new DiscardingOutputFormat<>());

        JobExecutionResult result = env.execute();

        Map<String, JobExecutionResult.EstimateCheck> checks = new HashMap<>();
        result.getEstimateChecks().forEach(check -> checks.put(check.operator(), check));
        assertThat(checks.get("pairs"))
                .isEqualTo(new JobExecutionResult.EstimateCheck("pairs", 1_000, "statistics", 1_000));
        assertThat(checks.get("small values").estimatedRecords()).isEqualTo(500);
        assertThat(checks.get("small values").observedRecords()).isEqualTo(kept);
        assertThat(result.describeEstimates()).contains("small values: estimated 500 (rule), observed " + kept);
    }

    /** A row of the CSV file: only id and price are read by the program below. */
    public record Item(long id, String name, java.math.BigDecimal price, java.time.LocalDate day) {}

    @Test
    void aDeclarativeFilterIsPushedIntoCsvAndOnlyTheColumnsReadAreParsed(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("items.csv");
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        Map<Long, java.math.BigDecimal> prices = new HashMap<>();
        for (long id = 0; id < 2_000; id++) {
            java.math.BigDecimal price = java.math.BigDecimal.valueOf(random.nextInt(100_000), 2);
            prices.put(id, price);
            // every tenth day is not a date: a program that parsed the column would fail
            String day = id % 10 == 0 ? "someday" : "2024-01-" + (10 + id % 20);
            text.append(id)
                    .append(",item")
                    .append(id)
                    .append(',')
                    .append(price)
                    .append(',')
                    .append(day)
                    .append('\n');
        }
        Files.writeString(file, text);
        java.math.BigDecimal limit = new java.math.BigDecimal("250.00");
        ExecutionEnvironment env = environment(2, "32m");
        DataSet<io.weir.core.tuple.Tuple1<Long>> cheap = env.readCsvFile(file.toString())
                .as(Item.class)
                .name("items")
                .filter(io.weir.core.predicate.Predicate.col("price").lt(limit))
                .name("cheap")
                .project("id");
        cheap.output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        PlanNode source = plan.node("items");
        assertThat(source.pushdown()).isNotNull();
        assertThat(source.pushdown().description()).isEqualTo("filter price < 250.00 (exact), fields [price, id]");
        io.weir.core.io.CsvInputFormat<?> pushed =
                (io.weir.core.io.CsvInputFormat<?>) source.pushdown().format();
        assertThat(pushed.fields()).containsExactlyInAnyOrder("id", "price");
        assertThat(pushed.filter())
                .isEqualTo(io.weir.core.predicate.Predicate.col("price").lt(limit));
        assertThat((double) plan.node("cheap").estimate().records())
                .as("a range predicate keeps a third")
                .isCloseTo(source.estimate().records() / 3.0, org.assertj.core.data.Offset.offset(1.0));

        List<Long> expected = prices.entrySet().stream()
                .filter(entry -> entry.getValue().compareTo(limit) < 0)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        assertThat(cheap.collect().stream().map(row -> row.f0).sorted().toList())
                .isEqualTo(expected);
    }

    @Test
    void declarativeFiltersACsvSourceTestsAreNotTestedAgainAndAFunctionAfterThemIs(@TempDir Path directory)
            throws IOException {
        Random random = new Random(5);
        List<Item> items = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (long id = 0; id < 3_000; id++) {
            Item item = new Item(
                    id,
                    "item" + id,
                    java.math.BigDecimal.valueOf(random.nextInt(100_000), 2),
                    java.time.LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365)));
            items.add(item);
            text.append(item.id())
                    .append(',')
                    .append(item.name())
                    .append(',')
                    .append(item.price())
                    .append(',');
            text.append(item.day()).append('\n');
        }
        Path file = Files.writeString(directory.resolve("items.csv"), text);
        java.math.BigDecimal limit = new java.math.BigDecimal("600.00");
        java.time.LocalDate since = java.time.LocalDate.of(2024, 5, 1);
        ExecutionEnvironment env = environment(2, "32m");
        DataSet<Item> chosen = env.readCsvFile(file.toString())
                .as(Item.class)
                .name("items")
                .filter(io.weir.core.predicate.Predicate.col("price").lt(limit))
                .name("cheap")
                .filter(io.weir.core.predicate.Predicate.col("day").ge(since))
                .name("recent")
                .filter(item -> item.id() % 3 != 0)
                .name("not every third");

        chosen.output(new DiscardingOutputFormat<>());
        PlanNode source = env.optimizedPlan().node("items");
        assertThat(source.pushdown().description()).isEqualTo("filter (price < 600.00 and day >= 2024-05-01) (exact)");
        List<Item> result = new ArrayList<>(chosen.collect());
        Map<String, JobExecutionResult.EstimateCheck> checks = new HashMap<>();
        env.getLastJobExecutionResult().getEstimateChecks().forEach(check -> checks.put(check.operator(), check));

        List<Item> expected = items.stream()
                .filter(item -> item.price().compareTo(limit) < 0 && !item.day().isBefore(since))
                .toList();
        assertThat(checks.get("items").observedRecords())
                .as("lines the source kept")
                .isEqualTo(expected.size());
        assertThat(checks.get("recent").observedRecords()).isEqualTo(expected.size());
        expected = expected.stream().filter(item -> item.id() % 3 != 0).toList();
        assertThat(checks.get("not every third").observedRecords()).isEqualTo(expected.size());
        result.sort(java.util.Comparator.comparingLong(Item::id));
        assertThat(result).isEqualTo(expected);
    }

    /** A row of a CSV file with a unique id and one of few categories. */
    public record Sale(long id, String category, long amount) {}

    @Test
    void groupsAreEstimatedFromTheSampledDistinctValuesOfTheirKeysAndASmallAggregateIsBroadcast(@TempDir Path directory)
            throws IOException {
        Path file = csv(
                directory.resolve("sales.csv"),
                20_000,
                17,
                (id, random) -> id + ",c" + random.nextInt(50) + "," + random.nextInt(1_000));
        ExecutionEnvironment env = environment(4, "1g");
        DataSet<Sale> sales = env.readCsvFile(file.toString()).as(Sale.class).name("sales");
        DataSet<Sale> byCategory = sales.groupBy("category")
                .reduce((a, b) -> new Sale(a.id(), a.category(), a.amount() + b.amount()))
                .name("by category");
        sales.groupBy("id")
                .reduce((a, b) -> new Sale(a.id(), a.category(), a.amount() + b.amount()))
                .name("by id")
                .output(new DiscardingOutputFormat<>());
        sales.join(byCategory)
                .where("category")
                .equalTo("category")
                .with((sale, total) -> new Pair(sale.id(), total.amount()))
                .name("share")
                .output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        long records = plan.node("sales").estimate().records();
        assertThat(plan.node("by category").estimate().records())
                .as("50 categories")
                .isBetween(25L, 100L);
        assertThat((double) plan.node("by id").estimate().records())
                .as("unique ids")
                .isBetween(records * 0.8, records * 1.0);
        assertThat(plan.node("share").strategy())
                .as("the 50 totals are broadcast, the sales stay where they are")
                .isEqualTo(Strategy.BROADCAST_HASH_BUILD_SECOND);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void branchesOfOneSourceThatJoinAgainShareItsPlanAndDoNotDeadlock(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        DataSet<Pair> pairs =
                env.generateSequence(1, 20_000).map(i -> new Pair(i % 97, i)).name("pairs");
        DataSet<Pair> small = pairs.filter(pair -> pair.value() % 3 == 0).name("multiples of 3");
        DataSet<Pair> large = pairs.filter(pair -> pair.value() % 5 == 0).name("multiples of 5");
        DataSet<Pair> joined = small.join(large)
                .where("key")
                .equalTo("key")
                .with((l, r) -> new Pair(l.key(), l.value() + r.value()))
                .name("rejoin");
        joined.output(new DiscardingOutputFormat<>());

        OptimizedPlan plan = env.optimizedPlan();
        assertThat(plan.nodes().stream().filter(node -> node.operator().name().equals("pairs")))
                .hasSize(1);
        assertThat(plan.node("multiples of 3").inputs().get(0).ship()).isEqualTo(ShipStrategy.FORWARD);
        assertThat(plan.node("multiples of 5").inputs().get(0).ship()).isEqualTo(ShipStrategy.FORWARD);
        assertThat(env.explain()).as("the input the join reads second waits").contains("BLOCKING");

        long expected = 0;
        for (long a = 3; a <= 20_000; a += 3) {
            for (long b = 5; b <= 20_000; b += 5) {
                if (a % 97 == b % 97) {
                    expected++;
                }
            }
        }
        assertThat(joined.count()).isEqualTo(expected);
    }

    /** The plan of a bulk iteration of {@code supersteps} adding one to 1,000 numbers. */
    private static OptimizedPlan iterationPlan(int supersteps) {
        ExecutionEnvironment env = environment(2, "32m");
        IterativeDataSet<Long> loop =
                env.generateSequence(1, 1_000).iterate(supersteps).name("loop");
        loop.closeWith(loop.map(value -> value + 1).name("add one")).output(new DiscardingOutputFormat<>());
        return env.optimizedPlan();
    }

    @Test
    void anIterationIsCostedPerSuperstepAndExplainedWithTheEstimatesOfItsStep() {
        OptimizedPlan ten = iterationPlan(10);
        OptimizedPlan twenty = iterationPlan(20);

        PlanNode loop = ten.node("loop");
        assertThat(loop.strategy()).isEqualTo(Strategy.ITERATION);
        assertThat(loop.reason()).contains("at most 10 supersteps");
        assertThat(twenty.node("loop").costs().cpu())
                .as("twice the supersteps, twice the step's cost")
                .isCloseTo(2 * loop.costs().cpu(), org.assertj.core.data.Offset.offset(1.0));
        assertThat(loop.costs().cpu()).isEqualTo(10.0 * 8 * 1_000);
        assertThat(ten.explain()).contains("step: #").contains("'add one'").contains("estimate 1000 records, 8000 B");
    }

    @Test
    void theExplanationComesAsTextJsonAndDotWithEveryOperatorAndExchange() {
        ExecutionEnvironment env = environment(4, "32m");
        DataSet<Pair> sums = joinThenSum(env, pairs(100, 10, 8), pairs(100, 10, 9), true);
        OptimizedPlan plan;
        sums.output(new DiscardingOutputFormat<>()).name("out");
        plan = env.optimizedPlan();

        String json = env.explain(ExecutionEnvironment.ExplainFormat.JSON);
        String dot = env.explain(ExecutionEnvironment.ExplainFormat.DOT);
        String text = env.explain();
        int channels =
                plan.nodes().stream().mapToInt(node -> node.inputs().size()).sum();
        for (PlanNode node : plan.nodes()) {
            String name = node.operator().name();
            assertThat(json)
                    .contains(",\"name\":\"" + name + "\",\"kind\":\""
                            + node.operator().spec().kind());
            assertThat(dot)
                    .contains(" [label=\"" + name + "\\n" + node.strategy().description());
            assertThat(text)
                    .contains(" '" + name + "'")
                    .contains(node.strategy().description());
        }
        assertThat(dot.split(" -> ", -1)).hasSize(channels + 1);
        assertThat(json.chars().filter(c -> c == '{').count())
                .isEqualTo(json.chars().filter(c -> c == '}').count());
        assertThat(text).contains("job graph");
        assertThat(sums.explain()).contains("'explain'").contains("'sum'");
    }
}
