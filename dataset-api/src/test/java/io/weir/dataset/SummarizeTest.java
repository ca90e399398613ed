package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.weir.core.tuple.Tuple1;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple7;
import io.weir.dataset.summarize.BooleanColumnSummary;
import io.weir.dataset.summarize.NumericColumnSummary;
import io.weir.dataset.summarize.ObjectColumnSummary;
import io.weir.dataset.summarize.StringColumnSummary;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DataSetUtils.summarize against statistics computed over the same records by plain Java. */
class SummarizeTest {

    record Row(int id, Long amount, double score, String name, Boolean flag, BigDecimal price, LocalDate day) {}

    static List<Row> rows(int count, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double score = switch (random.nextInt(20)) {
                case 0 -> Double.NaN;
                case 1 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                default -> random.nextGaussian() * 1e3 + 5;
            };
            rows.add(new Row(
                    random.nextInt(2_000_000) - 1_000_000,
                    random.nextInt(7) == 0 ? null : random.nextLong() >> random.nextInt(64),
                    score,
                    random.nextInt(9) == 0 ? null : "n".repeat(random.nextInt(12)),
                    random.nextInt(5) == 0 ? null : random.nextBoolean(),
                    random.nextInt(11) == 0 ? null : BigDecimal.valueOf(random.nextInt(1_000_000), 2),
                    random.nextInt(3) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(20_000))));
        }
        return rows;
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void summariesMatchPlainJavaStatistics(int parallelism) {
        for (int round = 0; round < 3; round++) {
            List<Row> rows = rows(round == 0 ? 1 : 20_000 * round, round);
            ExecutionEnvironment env = environment(parallelism, "16m");

            Tuple7<
                            NumericColumnSummary<Integer>,
                            NumericColumnSummary<Long>,
                            NumericColumnSummary<Double>,
                            StringColumnSummary,
                            BooleanColumnSummary,
                            NumericColumnSummary<BigDecimal>,
                            ObjectColumnSummary>
                    summary = DataSetUtils.summarize(env.fromCollection(rows));

            checkIntegral(summary.f0, rows, r -> (long) r.id());
            checkIntegral(summary.f1, rows, Row::amount);
            assertThat(summary.f0.getMin()).isInstanceOf(Integer.class);

            List<Double> scores = rows.stream().map(Row::score).toList();
            List<Double> finite = scores.stream().filter(Double::isFinite).toList();
            NumericColumnSummary<Double> score = summary.f2;
            assertThat(score.getTotalCount()).isEqualTo(rows.size());
            assertThat(score.getNanCount())
                    .isEqualTo(scores.stream().filter(d -> d.isNaN()).count());
            assertThat(score.getInfinityCount())
                    .isEqualTo(scores.stream().filter(d -> d.isInfinite()).count());
            assertThat(score.getNonMissingCount()).isEqualTo(finite.size());
            assertThat(score.getMin())
                    .isEqualTo(finite.stream().min(Double::compare).orElse(null));
            assertThat(score.getMax())
                    .isEqualTo(finite.stream().max(Double::compare).orElse(null));
            BigDecimal exact = finite.stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(score.getSum().doubleValue()).isCloseTo(exact.doubleValue(), within(1e-9));
            checkMoments(score, finite);

            List<String> names = rows.stream().map(Row::name).toList();
            List<String> present = names.stream().filter(Objects::nonNull).toList();
            StringColumnSummary name = summary.f3;
            assertThat(name.getNullCount()).isEqualTo(names.size() - present.size());
            assertThat(name.getEmptyCount())
                    .isEqualTo(present.stream().filter(String::isEmpty).count());
            assertThat(name.getMinLength())
                    .isEqualTo(present.stream()
                            .map(String::length)
                            .min(Integer::compare)
                            .orElse(null));
            assertThat(name.getMaxLength())
                    .isEqualTo(present.stream()
                            .map(String::length)
                            .max(Integer::compare)
                            .orElse(null));
            if (!present.isEmpty()) {
                assertThat(name.getMeanLength())
                        .isCloseTo(
                                present.stream()
                                        .mapToInt(String::length)
                                        .average()
                                        .orElseThrow(),
                                within(1e-9));
            }

            BooleanColumnSummary flag = summary.f4;
            assertThat(flag.getTrueCount())
                    .isEqualTo(rows.stream()
                            .filter(r -> Boolean.TRUE.equals(r.flag()))
                            .count());
            assertThat(flag.getFalseCount())
                    .isEqualTo(rows.stream()
                            .filter(r -> Boolean.FALSE.equals(r.flag()))
                            .count());
            assertThat(flag.getNullCount())
                    .isEqualTo(rows.stream().filter(r -> r.flag() == null).count());

            List<BigDecimal> prices =
                    rows.stream().map(Row::price).filter(Objects::nonNull).toList();
            NumericColumnSummary<BigDecimal> price = summary.f5;
            assertThat(price.getSum()).isEqualTo(prices.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            assertThat(price.getMin())
                    .isEqualTo(prices.stream().min(BigDecimal::compareTo).orElse(null));
            assertThat(price.getMax())
                    .isEqualTo(prices.stream().max(BigDecimal::compareTo).orElse(null));
            checkMoments(price, prices.stream().map(BigDecimal::doubleValue).toList());

            assertThat(summary.f6.getNullCount())
                    .isEqualTo(rows.stream().filter(r -> r.day() == null).count());
            assertThat(summary.f6.getTotalCount()).isEqualTo(rows.size());
        }
    }

    private static void checkIntegral(NumericColumnSummary<?> summary, List<Row> rows, Function<Row, Long> field) {
        List<Long> values = rows.stream().map(field).filter(Objects::nonNull).toList();
        assertThat(summary.getTotalCount()).isEqualTo(rows.size());
        assertThat(summary.getNullCount()).isEqualTo(rows.size() - values.size());
        assertThat(summary.getMin() == null ? null : summary.getMin().longValue())
                .isEqualTo(values.stream().min(Long::compare).orElse(null));
        assertThat(summary.getMax() == null ? null : summary.getMax().longValue())
                .isEqualTo(values.stream().max(Long::compare).orElse(null));
        assertThat(new BigDecimal(summary.getSum().toString()))
                .isEqualTo(values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add));
        checkMoments(summary, values.stream().map(Long::doubleValue).toList());
    }

    /** Mean and sample variance against a two-pass computation. */
    private static void checkMoments(NumericColumnSummary<?> summary, List<Double> values) {
        if (values.isEmpty()) {
            assertThat(summary.getMean()).isNull();
            return;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(summary.getMean())
                .isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean)) + 1e-6 * spread(values)));
        if (values.size() < 2) {
            assertThat(summary.getVariance()).isNull();
            return;
        }
        double squares =
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double variance = squares / (values.size() - 1);
        assertThat(summary.getVariance()).isCloseTo(variance, within(1e-9 * variance));
        assertThat(summary.getStandardDeviation()).isCloseTo(Math.sqrt(variance), within(1e-9 * Math.sqrt(variance)));
    }

    private static double spread(List<Double> values) {
        return values.stream().mapToDouble(v -> Math.abs(v)).max().orElse(0) / Math.sqrt(values.size());
    }

    @Test
    void aDataSetOfNumbersIsOneColumnAndLongSumsDoNotOverflow() {
        ExecutionEnvironment env = environment(4, "16m");
        List<Long> values = List.of(Long.MAX_VALUE, Long.MAX_VALUE, 5L, -3L);

        Tuple1<NumericColumnSummary<Long>> summary = DataSetUtils.summarize(env.fromCollection(values));

        assertThat(summary.f0.getSum())
                .isEqualTo(java.math.BigInteger.valueOf(Long.MAX_VALUE)
                        .shiftLeft(1)
                        .add(java.math.BigInteger.TWO));
        assertThat(summary.f0.getMin()).isEqualTo(-3L);
        assertThat(summary.f0.getMax()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anEmptyDataSetHasZeroCountsAndNoStatistics() {
        ExecutionEnvironment env = environment(2, "16m");
        Tuple2<NumericColumnSummary<Integer>, StringColumnSummary> summary = DataSetUtils.summarize(env.fromCollection(
                List.<Tuple2<Integer, String>>of(),
                io.weir.core.types.Types.TUPLE(io.weir.core.types.Types.INT, io.weir.core.types.Types.STRING)));

        assertThat(summary.f0.getTotalCount()).isZero();
        assertThat(summary.f0.getMin()).isNull();
        assertThat(summary.f0.getMean()).isNull();
        assertThat(summary.f0.getSum()).isEqualTo(0L);
        assertThat(summary.f1.getMinLength()).isNull();
        assertThat(summary.f1.getMeanLength()).isNull();
    }
}
