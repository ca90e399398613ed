package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.RichMapPartitionFunction;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeHint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * distinct, first, sortPartition, sortGroup, combineGroup and the partitionings, at parallelism 1 and
 * 4, with memory small enough that sorts and hash tables spill; results against plain Java.
 */
class PartitionAndOrderTest {

    record Item(int group, long value, String label) {}

    static List<Item> items(int count, int groups, long seed) {
        Random random = new Random(seed);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Item(random.nextInt(groups), random.nextInt(5_000) - 2_500L, "l" + random.nextInt(3_000)));
        }
        return items;
    }

    static final Comparator<Item> BY_GROUP_THEN_VALUE_DESC = Comparator.comparingInt(Item::group)
            .thenComparing(Comparator.comparingLong(Item::value).reversed());

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void distinctOnWholeRecordsAndOnKeysMatchesPlainJava(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Item> input = items(40_000, 20_000, 1);
        List<Item> doubled = new ArrayList<>(input);
        doubled.addAll(input.subList(0, 10_000));

        List<Item> distinct = env.fromCollection(doubled).distinct().collect();
        assertThat(new HashSet<>(distinct)).isEqualTo(new HashSet<>(input));
        assertThat(distinct).hasSize(new HashSet<>(input).size());

        List<Item> perLabel = env.fromCollection(doubled).distinct("label").collect();
        Set<String> labels = input.stream().map(Item::label).collect(Collectors.toSet());
        assertThat(perLabel.stream().map(Item::label).toList()).doesNotHaveDuplicates();
        assertThat(perLabel.stream().map(Item::label).collect(Collectors.toSet()))
                .isEqualTo(labels);
        assertThat(input).containsAll(perLabel);

        List<Integer> groups =
                env.fromCollection(doubled).map(Item::group).distinct().collect();
        assertThat(new HashSet<>(groups))
                .isEqualTo(input.stream().map(Item::group).collect(Collectors.toSet()));
        assertThat(groups).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "memory {0}")
    @CsvSource({"64m", "1m"})
    void aSortedPartitionWithParallelismOneIsTheWholeDataSetInOrder(String memory) {
        ExecutionEnvironment env = environment(4, memory);
        List<Item> input = items(60_000, 500, 2);

        List<Item> sorted = env.fromCollection(input)
                .rebalance()
                .sortPartition("group", Order.ASCENDING)
                .sortPartition(1, Order.DESCENDING)
                .setParallelism(1)
                .collect();

        List<Long> expectedKeys = input.stream()
                .sorted(BY_GROUP_THEN_VALUE_DESC)
                .map(item -> item.group() * 1_000_000L - item.value())
                .toList();
        assertThat(sorted.stream()
                        .map(item -> item.group() * 1_000_000L - item.value())
                        .toList())
                .isEqualTo(expectedKeys);
        assertThat(multiset(sorted)).isEqualTo(multiset(input));
        if (memory.equals("1m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    /** Emits (subtask, record) for every record, so that a test sees where each record went and in what order. */
    static final class Tagged<T> extends RichMapPartitionFunction<T, Tuple2<Integer, T>> {
        @Override
        public void mapPartition(Iterable<T> values, Collector<Tuple2<Integer, T>> out) {
            int subtask = getRuntimeContext().getIndexOfThisSubtask();
            for (T value : values) {
                out.collect(Tuple2.of(subtask, value));
            }
        }
    }

    static <T> Map<Integer, List<T>> bySubtask(List<Tuple2<Integer, T>> tagged) {
        Map<Integer, List<T>> result = new HashMap<>();
        for (Tuple2<Integer, T> pair : tagged) {
            result.computeIfAbsent(pair.f0, k -> new ArrayList<>()).add(pair.f1);
        }
        return result;
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 3, 4})
    void hashPartitionOfNamesTheInstanceThatHashPartitioningOnAnIntFieldSendsARecordTo(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "16m");
        List<Item> input = items(3_000, 500, 3);

        List<Tuple2<Integer, Item>> tagged = env.fromCollection(input)
                .partitionByHash("group")
                .mapPartition(new Tagged<Item>())
                .collect();

        assertThat(tagged).hasSize(input.size());
        for (Tuple2<Integer, Item> record : tagged) {
            assertThat(record.f0)
                    .as("group %d", record.f1.group())
                    .isEqualTo(DataSetUtils.hashPartitionOf(record.f1.group(), parallelism));
        }
    }

    @ParameterizedTest(name = "memory {0}")
    @CsvSource({"64m", "2m"})
    void eachParallelInstanceIsSortedAfterAHashPartitioning(String memory) {
        ExecutionEnvironment env = environment(4, memory);
        List<Item> input = items(40_000, 300, 3);

        List<Tuple2<Integer, Item>> tagged = env.fromCollection(input)
                .partitionByHash("group")
                .sortPartition(0, Order.ASCENDING)
                .sortPartition("value", Order.DESCENDING)
                .mapPartition(new Tagged<Item>())
                .returns(new TypeHint<Tuple2<Integer, Item>>() {})
                .collect();

        Map<Integer, List<Item>> parts = bySubtask(tagged);
        Map<Integer, Integer> instanceOfGroup = new HashMap<>();
        for (Map.Entry<Integer, List<Item>> part : parts.entrySet()) {
            assertThat(part.getValue()).isSortedAccordingTo(BY_GROUP_THEN_VALUE_DESC);
            for (Item item : part.getValue()) {
                Integer previous = instanceOfGroup.put(item.group(), part.getKey());
                assertThat(previous == null || previous.equals(part.getKey()))
                        .as("group %d is in one instance", item.group())
                        .isTrue();
            }
        }
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(multiset(tagged.stream().map(pair -> pair.f1).toList())).isEqualTo(multiset(input));
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "4, 3m"})
    void aRangePartitioningThenSortedPartitionsIsATotalOrderInInstanceOrder(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Item> input = items(80_000, 50_000, 10);

        List<Tuple2<Integer, Item>> tagged = env.fromCollection(input)
                .partitionByRange("group", "label")
                .sortPartition("group", Order.ASCENDING)
                .sortPartition("label", Order.ASCENDING)
                .mapPartition(new Tagged<Item>())
                .returns(new TypeHint<Tuple2<Integer, Item>>() {})
                .collect();

        Comparator<Item> order = Comparator.comparingInt(Item::group).thenComparing(Item::label);
        Map<Integer, List<Item>> parts = bySubtask(tagged);
        List<Item> concatenated = new ArrayList<>();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            List<Item> part = parts.getOrDefault(subtask, List.of());
            // sampled ranges: no part is far from its share
            assertThat(part.size()).isBetween(input.size() / parallelism / 2, input.size() * 2 / parallelism);
            concatenated.addAll(part);
        }
        assertThat(concatenated).isSortedAccordingTo(order);
        assertThat(multiset(concatenated)).isEqualTo(multiset(input));
        if (memory.equals("3m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    @Test
    void aRangePartitioningOfAFewEqualKeysKeepsEachKeyInOneInstance() {
        ExecutionEnvironment env = environment(4, "64m");
        List<Item> input = items(5_000, 3, 12);
        List<Tuple2<Integer, Item>> tagged = env.fromCollection(input)
                .partitionByRange(Item::group)
                .mapPartition(new Tagged<Item>())
                .returns(new TypeHint<Tuple2<Integer, Item>>() {})
                .collect();
        Map<Integer, Set<Integer>> instancesOfGroup = new HashMap<>();
        for (Tuple2<Integer, Item> pair : tagged) {
            instancesOfGroup
                    .computeIfAbsent(pair.f1.group(), k -> new HashSet<>())
                    .add(pair.f0);
        }
        instancesOfGroup.values().forEach(instances -> assertThat(instances).hasSize(1));
        assertThat(tagged).hasSize(input.size());
    }

    @Test
    void aCustomPartitionerDecidesTheInstanceOfEachKey() {
        ExecutionEnvironment env = environment(4, "64m");
        List<Item> input = items(10_000, 1_000, 4);

        List<Tuple2<Integer, Item>> tagged = env.fromCollection(input)
                .partitionCustom((Integer key, int partitions) -> key % partitions, "group")
                .mapPartition(new Tagged<Item>())
                .returns(new TypeHint<Tuple2<Integer, Item>>() {})
                .collect();
        for (Tuple2<Integer, Item> pair : tagged) {
            assertThat(pair.f0).isEqualTo(pair.f1.group() % 4);
        }
        List<Tuple2<Integer, Item>> bySelector = env.fromCollection(input)
                .partitionCustom((Long key, int partitions) -> (int) Math.floorMod(key, partitions), Item::value)
                .mapPartition(new Tagged<Item>())
                .returns(new TypeHint<Tuple2<Integer, Item>>() {})
                .collect();
        for (Tuple2<Integer, Item> pair : bySelector) {
            assertThat(pair.f0).isEqualTo((int) Math.floorMod(pair.f1.value(), 4));
        }
        assertThat(bySelector).hasSize(input.size());
    }

    @Test
    void aPartitionerThatAnswersOutOfRangeFailsTheJobNamingTheOperatorAndTheKey() {
        ExecutionEnvironment env = environment(2, "64m");
        assertThatThrownBy(() -> env.fromCollection(items(100, 10, 5))
                        .partitionCustom((Integer key, int partitions) -> partitions + key, "group")
                        .name("bad partitioning")
                        .collect())
                .hasMessageContaining("bad partitioning")
                .hasMessageContaining("partitions (0 to 1)");
        assertThatThrownBy(() -> env.fromCollection(items(100, 10, 5))
                        .partitionCustom(
                                (Integer key, int partitions) -> {
                                    throw new ArithmeticException("no partition for " + key);
                                },
                                "group")
                        .name("throwing partitioner")
                        .collect())
                .hasMessageContaining("throwing partitioner")
                .hasMessageContaining("partitioner failed")
                .hasMessageContaining("no partition for");
    }

    @Test
    void aCustomPartitioningOnMoreThanOneFieldIsRefusedAtDefinition() {
        ExecutionEnvironment env = environment(2, "64m");
        DataSet<Item> records = env.fromCollection(items(10, 10, 9));
        assertThatThrownBy(() -> records.partitionCustom((Item key, int n) -> 0, "*"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("a custom partitioner takes one");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void rebalanceSpreadsRecordsOverAllInstances(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Tuple2<Integer, Long>> tagged = env.generateSequence(1, 10_000)
                .setParallelism(1)
                .rebalance()
                .mapPartition(new Tagged<Long>())
                .returns(new TypeHint<Tuple2<Integer, Long>>() {})
                .collect();
        Map<Integer, List<Long>> parts = bySubtask(tagged);
        assertThat(parts).hasSize(parallelism);
        parts.values().forEach(part -> assertThat(part).hasSize(10_000 / parallelism));
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void sortedGroupsReachTheFunctionInOrderAndFirstNTakesTheTop(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Item> input = items(40_000, 2_000, 6);

        List<Item> topThree = env.fromCollection(input)
                .groupBy("group")
                .sortGroup("value", Order.DESCENDING)
                .sortGroup(2, Order.ASCENDING)
                .first(3)
                .collect();
        Comparator<Item> order = BY_GROUP_THEN_VALUE_DESC.thenComparing(Item::label);
        Map<Integer, List<Item>> expected = new HashMap<>();
        input.stream().sorted(order).forEach(item -> {
            List<Item> group = expected.computeIfAbsent(item.group(), k -> new ArrayList<>());
            if (group.size() < 3) {
                group.add(item);
            }
        });
        assertThat(multiset(topThree))
                .isEqualTo(multiset(
                        expected.values().stream().flatMap(List::stream).toList()));

        // the same by key selectors: the grouping and both orders combine into one selector key
        List<Item> topThreeBySelectors = env.fromCollection(input)
                .groupBy(Item::group)
                .sortGroup(Item::value, Order.DESCENDING)
                .sortGroup(Item::label, Order.ASCENDING)
                .first(3)
                .collect();
        assertThat(multiset(topThreeBySelectors)).isEqualTo(multiset(topThree));
        assertThatThrownBy(() -> env.fromCollection(input).groupBy(Item::group).sortGroup("value", Order.ASCENDING))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("all as key selectors");

        List<Tuple2<Integer, Boolean>> ordered = env.fromCollection(input)
                .groupBy(0)
                .sortGroup(1, Order.ASCENDING)
                .reduceGroup((GroupReduceFunction<Item, Tuple2<Integer, Boolean>>) (group, out) -> {
                    List<Item> all = new ArrayList<>();
                    group.forEach(all::add);
                    boolean sorted = true;
                    for (int i = 1; i < all.size(); i++) {
                        sorted &= all.get(i - 1).value() <= all.get(i).value();
                    }
                    out.collect(Tuple2.of(all.get(0).group(), sorted));
                })
                .returns(new TypeHint<Tuple2<Integer, Boolean>>() {})
                .collect();
        assertThat(ordered).hasSize(expected.size());
        assertThat(ordered).allMatch(pair -> pair.f1);

        List<Item> anyTwo = env.fromCollection(input).groupBy("group").first(2).collect();
        Map<Integer, Long> perGroup =
                anyTwo.stream().collect(Collectors.groupingBy(Item::group, Collectors.counting()));
        Map<Integer, Long> expectedPerGroup =
                input.stream().collect(Collectors.groupingBy(Item::group, Collectors.counting()));
        expectedPerGroup.replaceAll((group, count) -> Math.min(count, 2));
        assertThat(perGroup).isEqualTo(expectedPerGroup);
        assertThat(input).containsAll(anyTwo);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void firstTakesNRecordsAndAfterAGlobalSortTheSmallest(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Item> input = items(20_000, 100, 7);

        assertThat(env.fromCollection(input).first(25).collect()).hasSize(25).allMatch(input::contains);
        assertThat(env.fromCollection(input).first(50_000).collect()).hasSize(input.size());

        List<Long> smallest = env.fromCollection(input)
                .sortPartition("value", Order.ASCENDING)
                .setParallelism(1)
                .first(10)
                .map(Item::value)
                .collect();
        assertThat(smallest)
                .isEqualTo(input.stream().map(Item::value).sorted().limit(10).toList());
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 2m"})
    void combineGroupPreAggregatesWithoutLosingRecords(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Item> input = items(30_000, 700, 8);

        List<Tuple3<Integer, Long, Long>> partial = env.fromCollection(input)
                .groupBy("group")
                .combineGroup((Iterable<Item> group, Collector<Tuple3<Integer, Long, Long>> out) -> {
                    int key = 0;
                    long sum = 0;
                    long count = 0;
                    for (Item item : group) {
                        key = item.group();
                        sum += item.value();
                        count++;
                    }
                    out.collect(Tuple3.of(key, sum, count));
                })
                .returns(new TypeHint<Tuple3<Integer, Long, Long>>() {})
                .collect();
        Map<Integer, Long> sums = new HashMap<>();
        Map<Integer, Long> counts = new HashMap<>();
        for (Tuple3<Integer, Long, Long> t : partial) {
            sums.merge(t.f0, t.f1, Long::sum);
            counts.merge(t.f0, t.f2, Long::sum);
        }
        assertThat(sums)
                .isEqualTo(input.stream()
                        .collect(Collectors.groupingBy(Item::group, Collectors.summingLong(Item::value))));
        assertThat(counts).isEqualTo(input.stream().collect(Collectors.groupingBy(Item::group, Collectors.counting())));
        assertThat(partial.size()).isLessThanOrEqualTo(700 * parallelism);

        List<Long> total = env.fromCollection(input)
                .combineGroup((Iterable<Item> all, Collector<Long> out) -> {
                    long sum = 0;
                    for (Item item : all) {
                        sum += item.value();
                    }
                    out.collect(sum);
                })
                .returns(Long.class)
                .collect();
        assertThat(total.stream().mapToLong(Long::longValue).sum())
                .isEqualTo(input.stream().mapToLong(Item::value).sum());
    }
}
