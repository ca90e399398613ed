package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.accumulators.Accumulator;
import io.weir.core.accumulators.AverageAccumulator;
import io.weir.core.accumulators.ListAccumulator;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichFilterFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.io.DiscardingOutputFormat;
import io.weir.runtime.cluster.JobExecutionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Built-in and user-defined accumulators, merged over all instances, against plain Java. */
class AccumulatorsTest {

    /** A user-defined accumulator: the greatest value added. */
    static final class Max implements Accumulator<Long, Long> {
        private long max = Long.MIN_VALUE;

        @Override
        public void add(Long value) {
            max = Math.max(max, value);
        }

        @Override
        public Long getLocalValue() {
            return max;
        }

        @Override
        public void resetLocal() {
            max = Long.MIN_VALUE;
        }

        @Override
        public void merge(Accumulator<Long, Long> other) {
            max = Math.max(max, other.getLocalValue());
        }

        @Override
        public Max clone() {
            Max copy = new Max();
            copy.max = max;
            return copy;
        }
    }

    static final class Observe extends RichMapFunction<Long, Long> {
        private final AverageAccumulator average = new AverageAccumulator();
        private final ListAccumulator<Long> multiplesOf1000 = new ListAccumulator<>();
        private final Max max = new Max();

        @Override
        public void open(OpenContext context) {
            getRuntimeContext().addAccumulator("average", average);
            getRuntimeContext().addAccumulator("multiples of 1000", multiplesOf1000);
            getRuntimeContext().addAccumulator("max", max);
        }

        @Override
        public Long map(Long value) {
            getRuntimeContext().getIntCounter("records").add(1);
            getRuntimeContext().getLongCounter("sum").add(value);
            getRuntimeContext().getDoubleCounter("halves").add(value / 2.0);
            getRuntimeContext().getHistogram("last digits").add((int) (value % 10));
            average.add(value);
            max.add(value);
            if (value % 1000 == 0) {
                multiplesOf1000.add(value);
            }
            return value;
        }
    }

    /** Counts again, under a name the map uses too, in a task of its own after a rebalance. */
    static final class CountAgain extends RichFilterFunction<Long> {
        @Override
        public boolean filter(Long value) {
            getRuntimeContext().getIntCounter("records").add(1);
            return true;
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void builtInAndUserDefinedAccumulatorsMergeOverAllInstances(int parallelism) throws Exception {
        ExecutionEnvironment env = environment(parallelism, "8m");
        List<Long> values = new Random(4).longs(30_000, 0, 100_000).boxed().toList();
        env.fromCollection(values)
                .map(new Observe())
                .rebalance()
                .filter(new CountAgain())
                .output(new DiscardingOutputFormat<>());
        JobExecutionResult result = env.execute("accumulators");

        assertThat((Integer) result.getAccumulatorResult("records")).isEqualTo(2 * values.size());
        assertThat((Long) result.getAccumulatorResult("sum"))
                .isEqualTo(values.stream().mapToLong(v -> v).sum());
        assertThat((Double) result.getAccumulatorResult("halves"))
                .isCloseTo(values.stream().mapToLong(v -> v).sum() / 2.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat((Double) result.getAccumulatorResult("average"))
                .isCloseTo(
                        values.stream().mapToLong(v -> v).average().orElseThrow(),
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Long) result.getAccumulatorResult("max"))
                .isEqualTo(values.stream().mapToLong(v -> v).max().orElseThrow());
        Map<Integer, Integer> digits = values.stream()
                .collect(Collectors.groupingBy(v -> (int) (v % 10), TreeMap::new, Collectors.summingInt(v -> 1)));
        assertThat((Map<Integer, Integer>) result.getAccumulatorResult("last digits"))
                .isEqualTo(digits);
        List<Long> multiples = new ArrayList<>(result.<List<Long>>getAccumulatorResult("multiples of 1000"));
        multiples.sort(null);
        assertThat(multiples)
                .isEqualTo(values.stream().filter(v -> v % 1000 == 0).sorted().toList());
    }

    static final class Mismatched extends RichMapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            getRuntimeContext().getLongCounter("count").add(1L);
            getRuntimeContext().getIntCounter("count").add(1);
            return value;
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1"})
    void oneNameForTwoKindsOfAccumulatorFailsNamingBoth(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        assertThatThrownBy(() -> env.fromElements(1L, 2L).map(new Mismatched()).collect())
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("accumulator 'count' is a LongCounter, not a IntCounter");
    }
}
