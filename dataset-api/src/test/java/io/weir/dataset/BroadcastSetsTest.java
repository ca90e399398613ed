package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichCoGroupFunction;
import io.weir.core.functions.RichFilterFunction;
import io.weir.core.functions.RichGroupReduceFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple2;
import io.weir.runtime.cluster.JobExecutionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** withBroadcastSet: every instance sees the whole set, also when it spills, without deadlocks. */
class BroadcastSetsTest {

    record Rate(int currency, long perMille) {}

    record Payment(int currency, long amount) {}

    static List<Payment> payments(int count, int currencies, long seed) {
        Random random = new Random(seed);
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payments.add(new Payment(random.nextInt(currencies), random.nextInt(10_000)));
        }
        return payments;
    }

    static List<Rate> rates(int currencies) {
        List<Rate> rates = new ArrayList<>();
        for (int c = 0; c < currencies; c++) {
            rates.add(new Rate(c, 500 + c % 997));
        }
        return rates;
    }

    /** Converts each payment with the broadcast rates, looked up in a map built once per instance. */
    static final class Convert extends RichMapFunction<Payment, Long> {
        private Map<Integer, Long> rates;

        @Override
        public void open(OpenContext context) {
            rates = getRuntimeContext().getBroadcastVariableWithInitializer("rates", (Iterable<Rate> data) -> {
                Map<Integer, Long> byCurrency = new HashMap<>();
                for (Rate rate : data) {
                    byCurrency.put(rate.currency(), rate.perMille());
                }
                return byCurrency;
            });
        }

        @Override
        public Long map(Payment payment) {
            return payment.amount() * rates.get(payment.currency());
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}, {2} currencies")
    @CsvSource({"1, 64m, 100", "4, 64m, 100", "1, 1m, 200000", "4, 2m, 200000"})
    void everyInstanceOfAMapSeesTheWholeBroadcastSetEvenWhenItSpills(int parallelism, String memory, int currencies) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Payment> input = payments(20_000, currencies, 1);
        List<Rate> rateList = rates(currencies);

        List<Long> converted = env.fromCollection(input)
                .map(new Convert())
                .withBroadcastSet(env.fromCollection(rateList), "rates")
                .collect();

        Map<Integer, Long> rates = rateList.stream().collect(Collectors.toMap(Rate::currency, Rate::perMille));
        assertThat(multiset(converted))
                .isEqualTo(multiset(input.stream()
                        .map(p -> p.amount() * rates.get(p.currency()))
                        .toList()));
        if (currencies > 10_000) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    /** Keeps the values above the broadcast mean; reads the set as a list each time it opens. */
    static final class AboveMean extends RichFilterFunction<Long> {
        private double mean;

        @Override
        public void open(OpenContext context) {
            List<Tuple2<Long, Long>> sumAndCount = getRuntimeContext().getBroadcastVariable("stats");
            mean = (double) sumAndCount.get(0).f0 / sumAndCount.get(0).f1;
        }

        @Override
        public boolean filter(Long value) {
            return value > mean;
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void aBroadcastSetComputedFromTheMainInputDoesNotDeadlock(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "2m");
        List<Long> values = new Random(3).longs(50_000, 0, 1_000_000).boxed().toList();
        DataSet<Long> numbers = env.fromCollection(values).map(v -> v);
        DataSet<Tuple2<Long, Long>> stats = numbers.map(v -> Tuple2.of(v, 1L))
                .returns(new io.weir.core.types.TypeHint<Tuple2<Long, Long>>() {})
                .reduce((a, b) -> Tuple2.of(a.f0 + b.f0, a.f1 + b.f1));

        List<Long> above =
                numbers.filter(new AboveMean()).withBroadcastSet(stats, "stats").collect();

        double mean = values.stream().mapToLong(v -> v).average().orElseThrow();
        assertThat(multiset(above))
                .isEqualTo(multiset(values.stream().filter(v -> v > mean).toList()));
    }

    /** Adds the first value of two broadcast sets. */
    static final class AddBoth extends RichMapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            List<Long> low = getRuntimeContext().getBroadcastVariable("low");
            List<Long> high = getRuntimeContext().getBroadcastVariable("high");
            return value + low.size() + high.size();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void twoBroadcastSetsFromOneOperatorDoNotDeadlock(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "2m");
        List<Long> values = new Random(4).longs(40_000, 0, 1_000).boxed().toList();
        DataSet<Long> numbers = env.fromCollection(values).map(v -> v);
        List<Long> result = env.fromElements(0L)
                .map(new AddBoth())
                .withBroadcastSet(numbers.filter(v -> v < 500), "low")
                .withBroadcastSet(numbers.filter(v -> v >= 500), "high")
                .collect();
        assertThat(result).containsExactly((long) values.size());
    }

    /** Per group: how many of the group's values are in the broadcast set (iterated, never indexed). */
    static final class CountKnown extends RichGroupReduceFunction<Tuple2<Integer, Long>, Tuple2<Integer, Long>> {
        private java.util.Set<Long> known;

        @Override
        public void open(OpenContext context) {
            known = new java.util.HashSet<>();
            for (Long value : getRuntimeContext().<Long>getBroadcastVariable("known")) {
                known.add(value);
            }
        }

        @Override
        public void reduce(Iterable<Tuple2<Integer, Long>> values, Collector<Tuple2<Integer, Long>> out) {
            Integer key = null;
            long count = 0;
            for (Tuple2<Integer, Long> value : values) {
                key = value.f0;
                count += known.contains(value.f1) ? 1 : 0;
            }
            out.collect(Tuple2.of(key, count));
        }
    }

    /** A coGroup that also reads a broadcast offset. */
    static final class Offset extends RichCoGroupFunction<Payment, Rate, Long> {
        @Override
        public void coGroup(Iterable<Payment> payments, Iterable<Rate> rates, Collector<Long> out) {
            long offset =
                    getRuntimeContext().<Long>getBroadcastVariable("offset").get(0);
            long sum = offset;
            for (Payment payment : payments) {
                sum += payment.amount();
            }
            for (Rate rate : rates) {
                sum += rate.perMille();
            }
            out.collect(sum);
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 2m"})
    void groupReduceAndCoGroupFunctionsReadBroadcastSets(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        Random random = new Random(9);
        List<Tuple2<Integer, Long>> pairs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            pairs.add(Tuple2.of(random.nextInt(500), (long) random.nextInt(5_000)));
        }
        List<Long> knownList = new Random(10).longs(1_000, 0, 5_000).boxed().toList();
        List<Tuple2<Integer, Long>> counted = env.fromCollection(
                        pairs,
                        io.weir.core.types.Types.TUPLE(io.weir.core.types.Types.INT, io.weir.core.types.Types.LONG))
                .groupBy(0)
                .reduceGroup(new CountKnown())
                .withBroadcastSet(env.fromCollection(knownList), "known")
                .collect();
        java.util.Set<Long> known = new java.util.HashSet<>(knownList);
        Map<Integer, Long> expected = pairs.stream()
                .collect(Collectors.groupingBy(p -> p.f0, Collectors.summingLong(p -> known.contains(p.f1) ? 1 : 0)));
        assertThat(counted.stream().collect(Collectors.toMap(t -> t.f0, t -> t.f1)))
                .isEqualTo(expected);

        List<Payment> paymentList = payments(5_000, 300, 2);
        List<Long> sums = env.fromCollection(paymentList)
                .coGroup(env.fromCollection(rates(200)))
                .where("currency")
                .equalTo("currency")
                .with(new Offset())
                .withBroadcastSet(env.fromElements(1_000_000L), "offset")
                .collect();
        Map<Integer, Long> byCurrency = new HashMap<>();
        paymentList.forEach(p -> byCurrency.merge(p.currency(), p.amount(), Long::sum));
        rates(200).forEach(r -> byCurrency.merge(r.currency(), r.perMille(), Long::sum));
        assertThat(multiset(sums))
                .isEqualTo(multiset(
                        byCurrency.values().stream().map(v -> v + 1_000_000L).toList()));
    }

    static final class AddOffsets extends RichMapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            return value
                    + getRuntimeContext().<Long>getBroadcastVariable("offsets").size();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void aMissingBroadcastSetFailsTheJobNamingTheOperatorAndTheSetsItHas(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        DataSet<Long> mapped = env.fromElements(1L, 2L, 3L)
                .map(new AddOffsets())
                .name("add offsets")
                .withBroadcastSet(env.fromElements(7L), "offset");
        assertThatThrownBy(mapped::collect)
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("add offsets")
                .hasMessageContaining("no broadcast set named 'offsets'")
                .hasMessageContaining("[offset]");
        assertThatThrownBy(() -> env.fromElements(1L).distinct().withBroadcastSet(env.fromElements(2L), "x"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("only an operation with a user function");
    }
}
