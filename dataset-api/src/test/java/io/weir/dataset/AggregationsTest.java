package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.Types;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** aggregate/sum/min/max, minBy/maxBy and project, at parallelism 1 and 4 and spilling, against plain Java. */
class AggregationsTest {

    /** {@code quantity} is null now and then: aggregations skip nulls. */
    record Sale(int store, Integer quantity, long cents, BigDecimal price, double weight, LocalDate day, long count) {}

    static List<Sale> sales(int count, int stores, long seed) {
        Random random = new Random(seed);
        List<Sale> sales = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sales.add(new Sale(
                    random.nextInt(stores),
                    random.nextInt(10) == 0 ? null : random.nextInt(100),
                    random.nextInt(1_000_000) - 500_000L,
                    BigDecimal.valueOf(random.nextInt(100_000), 2),
                    random.nextInt(1_000) / 8.0,
                    LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2_000)),
                    0));
        }
        return sales;
    }

    /** Everything aggregate computes for one group, computed from a plain list. */
    record Expected(
            int store, Integer quantity, long cents, BigDecimal price, double weight, LocalDate day, long count) {
        static Expected of(int store, List<Sale> group) {
            List<Integer> quantities =
                    group.stream().map(Sale::quantity).filter(q -> q != null).toList();
            BigDecimal priceSum = group.stream().map(Sale::price).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Expected(
                    store,
                    quantities.isEmpty()
                            ? null
                            : quantities.stream().mapToInt(q -> q).sum(),
                    group.stream().mapToLong(Sale::cents).max().orElseThrow(),
                    priceSum.divide(BigDecimal.valueOf(group.size()), MathContext.DECIMAL128),
                    group.stream().mapToDouble(Sale::weight).sum() / group.size(),
                    group.stream().map(Sale::day).min(Comparator.naturalOrder()).orElseThrow(),
                    group.size()); // COUNT of a field that is never null
        }

        static Expected of(Sale sale) {
            return new Expected(
                    sale.store(), sale.quantity(), sale.cents(), sale.price(), sale.weight(), sale.day(), sale.count());
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void aggregateOfEveryFunctionPerGroupMatchesPlainJava(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Sale> input = sales(50_000, 12_000, 1);

        List<Sale> aggregated = env.fromCollection(input)
                .groupBy("store")
                .aggregate(Aggregations.SUM, "quantity")
                .and(Aggregations.MAX, "cents")
                .and(Aggregations.AVERAGE, "price")
                .and(Aggregations.AVERAGE, "weight")
                .and(Aggregations.MIN, "day")
                .and(Aggregations.COUNT, "count")
                .collect();

        Map<Integer, List<Sale>> groups = input.stream().collect(Collectors.groupingBy(Sale::store));
        List<Expected> expected = groups.entrySet().stream()
                .map(group -> Expected.of(group.getKey(), group.getValue()))
                .toList();
        List<Expected> actual = aggregated.stream().map(Expected::of).toList();
        assertThat(actual).hasSize(expected.size());
        Map<Integer, Expected> byStore = new TreeMap<>();
        actual.forEach(e -> byStore.put(e.store(), e));
        for (Expected group : expected) {
            Expected got = byStore.get(group.store());
            assertThat(got.quantity()).isEqualTo(group.quantity());
            assertThat(got.cents()).isEqualTo(group.cents());
            assertThat(got.price()).isEqualByComparingTo(group.price());
            assertThat(got.weight()).isCloseTo(group.weight(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(got.day()).isEqualTo(group.day());
            assertThat(got.count()).isEqualTo(group.count());
        }
        if (memory.equals("1m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void sumMinAndMaxOfTuplesMatchPlainJavaPerGroupAndOverAll(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        Random random = new Random(3);
        List<Tuple3<String, Integer, Long>> input = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            input.add(Tuple3.of("w" + random.nextInt(2_000), 1, random.nextLong() % 1_000_000));
        }
        DataSet<Tuple3<String, Integer, Long>> words =
                env.fromCollection(input, Types.TUPLE(Types.STRING, Types.INT, Types.LONG));

        Map<String, Long> counts =
                words.groupBy(0).sum(1).collect().stream().collect(Collectors.toMap(t -> t.f0, t -> (long) t.f1));
        assertThat(counts).isEqualTo(input.stream().collect(Collectors.groupingBy(t -> t.f0, Collectors.counting())));

        Map<String, Long> maxima =
                words.groupBy(0).max(2).collect().stream().collect(Collectors.toMap(t -> t.f0, t -> t.f2));
        assertThat(maxima).isEqualTo(input.stream().collect(Collectors.toMap(t -> t.f0, t -> t.f2, Math::max)));

        List<Tuple3<String, Integer, Long>> overAll = words.sum(1).andMin(2).collect();
        assertThat(overAll).hasSize(1);
        assertThat(overAll.get(0).f1).isEqualTo(input.size());
        assertThat(overAll.get(0).f2)
                .isEqualTo(input.stream().mapToLong(t -> t.f2).min().orElseThrow());
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 2m"})
    void minByAndMaxByKeepTheWholeRecordWithTheExtremeFields(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        Random random = new Random(5);
        List<Tuple3<Integer, Integer, String>> input = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            input.add(Tuple3.of(random.nextInt(5_000), random.nextInt(20), "r" + i));
        }
        DataSet<Tuple3<Integer, Integer, String>> records =
                env.fromCollection(input, Types.TUPLE(Types.INT, Types.INT, Types.STRING));
        // ties on f1 are broken by f2, so the expected record is unique
        Comparator<Tuple3<Integer, Integer, String>> order = Comparator.<Tuple3<Integer, Integer, String>>comparingInt(
                        t -> t.f1)
                .thenComparing(t -> t.f2);

        List<Tuple3<Integer, Integer, String>> least =
                records.groupBy(0).minBy(1, 2).collect();
        List<Tuple3<Integer, Integer, String>> greatest =
                records.groupBy(0).maxBy(1, 2).collect();
        Map<Integer, List<Tuple3<Integer, Integer, String>>> groups =
                input.stream().collect(Collectors.groupingBy(t -> t.f0));
        assertThat(multiset(least))
                .isEqualTo(multiset(groups.values().stream()
                        .map(g -> g.stream().min(order).orElseThrow())
                        .toList()));
        assertThat(multiset(greatest))
                .isEqualTo(multiset(groups.values().stream()
                        .map(g -> g.stream().max(order).orElseThrow())
                        .toList()));
        assertThat(records.maxBy(1, 2).collect())
                .containsExactly(input.stream().max(order).orElseThrow());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void projectKeepsTheNamedOrNumberedFieldsAsTuples(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        List<Sale> input = sales(2_000, 50, 9);
        List<Tuple2<LocalDate, Integer>> byName = env.fromCollection(input)
                .<Tuple2<LocalDate, Integer>>project("day", "store")
                .collect();
        List<Tuple2<Long, Integer>> byPosition =
                env.fromCollection(input).<Tuple2<Long, Integer>>project(2, 0).collect();
        assertThat(multiset(byName))
                .isEqualTo(multiset(
                        input.stream().map(s -> Tuple2.of(s.day(), s.store())).toList()));
        assertThat(multiset(byPosition))
                .isEqualTo(multiset(
                        input.stream().map(s -> Tuple2.of(s.cents(), s.store())).toList()));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1"})
    void aggregationsOfFieldsThatCannotHoldTheResultFailWhenDefined(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        DataSet<Sale> sales = env.fromCollection(sales(10, 2, 1));
        assertThatThrownBy(() -> sales.groupBy("store").aggregate(Aggregations.AVERAGE, "cents"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("field cents is Long")
                .hasMessageContaining("float, double or BigDecimal");
        assertThatThrownBy(() -> sales.aggregate(Aggregations.SUM, "day"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("needs a numeric field");
        assertThatThrownBy(() -> sales.groupBy("store").sum(9))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("has no field 9");
        assertThatThrownBy(() -> sales.project("nope"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("has no field nope");
        assertThatThrownBy(() -> env.fromElements(1, 2, 3).sum(0))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("has no fields");
    }
}
