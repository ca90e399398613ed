package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.aggregators.DoubleMaxAggregator;
import io.weir.core.aggregators.LongMinAggregator;
import io.weir.core.aggregators.LongSumAggregator;
import io.weir.core.functions.RichFlatJoinFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple4;
import io.weir.core.types.TypeHint;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Aggregators and convergence criteria of bulk and delta iterations, against the same loops in Java. */
class IterationAggregatorsTest {

    static final TypeHint<Tuple4<Long, Long, Long, Long>> QUAD = new TypeHint<>() {};

    /** (id, value, the previous superstep's count, the previous superstep's smallest value): value += 1. */
    static final class CountAndStep
            extends RichMapFunction<Tuple4<Long, Long, Long, Long>, Tuple4<Long, Long, Long, Long>> {
        @Override
        public Tuple4<Long, Long, Long, Long> map(Tuple4<Long, Long, Long, Long> record) {
            LongSumAggregator count = getRuntimeContext().getIterationAggregator("count");
            LongMinAggregator min = getRuntimeContext().getIterationAggregator("min");
            count.aggregate(1L);
            min.aggregate(record.f1);
            Long previousCount = getRuntimeContext().getPreviousIterationAggregate("count");
            Long previousMin = getRuntimeContext().getPreviousIterationAggregate("min");
            return Tuple4.of(
                    record.f0,
                    record.f1 + 1,
                    previousCount == null ? -1L : previousCount,
                    previousMin == null ? -1L : previousMin);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void eachSuperstepReadsTheAggregatesOfThePreviousOneOverAllTasks(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Tuple4<Long, Long, Long, Long>> start = LongStream.range(0, 3_000)
                .mapToObj(i -> Tuple4.of(i, i % 100 + 7, 0L, 0L))
                .toList();

        IterativeDataSet<Tuple4<Long, Long, Long, Long>> loop = env.fromCollection(start, Types.of(QUAD))
                .iterate(5)
                .registerAggregator("count", new LongSumAggregator())
                .registerAggregator("min", new LongMinAggregator());
        List<Tuple4<Long, Long, Long, Long>> result =
                loop.closeWith(loop.map(new CountAndStep()).returns(QUAD)).collect();

        assertThat(result).hasSize(3_000);
        for (Tuple4<Long, Long, Long, Long> record : result) {
            assertThat(record.f1).isEqualTo(record.f0 % 100 + 7 + 5);
            assertThat(record.f2).as("the count of superstep 4").isEqualTo(3_000L);
            assertThat(record.f3).as("the smallest value in superstep 4: 7 + 3").isEqualTo(10L);
        }
    }

    /** Newton's step for the square root of f0, recording the largest change of the superstep. */
    static final class NewtonStep extends RichMapFunction<Tuple2<Double, Double>, Tuple2<Double, Double>> {
        @Override
        public Tuple2<Double, Double> map(Tuple2<Double, Double> value) {
            double next = (value.f1 + value.f0 / value.f1) / 2;
            DoubleMaxAggregator change = getRuntimeContext().getIterationAggregator("change");
            change.aggregate(Math.abs(next - value.f1));
            return Tuple2.of(value.f0, next);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aConvergenceCriterionEndsABulkIterationAfterTheSuperstepItAccepts(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Tuple2<Double, Double>> start = LongStream.rangeClosed(1, 2_000)
                .mapToObj(i -> Tuple2.of((double) i, 1.0))
                .toList();

        IterativeDataSet<Tuple2<Double, Double>> loop = env.fromCollection(
                        start, Types.of(new TypeHint<Tuple2<Double, Double>>() {}))
                .iterate(1_000)
                .registerAggregationConvergenceCriterion(
                        "change", new DoubleMaxAggregator(), (superstep, change) -> change < 1e-6);
        List<Tuple2<Double, Double>> result = loop.closeWith(
                        loop.map(new NewtonStep()).returns(new TypeHint<Tuple2<Double, Double>>() {}))
                .collect();

        // the same loop in Java: supersteps until the largest change is below 1e-6
        List<Tuple2<Double, Double>> expected = new ArrayList<>(start);
        double change;
        do {
            change = 0;
            for (int i = 0; i < expected.size(); i++) {
                Tuple2<Double, Double> value = expected.get(i);
                double next = (value.f1 + value.f0 / value.f1) / 2;
                change = Math.max(change, Math.abs(next - value.f1));
                expected.set(i, Tuple2.of(value.f0, next));
            }
        } while (change >= 1e-6);
        Map<Double, Double> roots = new HashMap<>();
        result.forEach(t -> roots.put(t.f0, t.f1));
        Map<Double, Double> expectedRoots = new HashMap<>();
        expected.forEach(t -> expectedRoots.put(t.f0, t.f1));
        assertThat(roots).isEqualTo(expectedRoots);
    }

    /** Connected components' lookup join, counting the vertices whose label changed. */
    static final class CountedChanges
            extends RichFlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void join(
                Tuple2<Long, Long> candidate,
                Tuple2<Long, Long> current,
                io.weir.core.functions.Collector<Tuple2<Long, Long>> out) {
            if (candidate.f1 < current.f1) {
                LongSumAggregator changes = getRuntimeContext().getIterationAggregator("changes");
                changes.aggregate(1L);
                out.collect(candidate);
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aConvergenceCriterionEndsADeltaIterationBeforeItsWorksetIsEmpty(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        // a path of 60 vertices: one more vertex takes label 0 each superstep
        int vertexCount = 60;
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (long v = 0; v + 1 < vertexCount; v++) {
            edges.add(Tuple2.of(v, v + 1));
            edges.add(Tuple2.of(v + 1, v));
        }
        TypeHint<Tuple2<Long, Long>> pair = new TypeHint<>() {};
        DataSet<Tuple2<Long, Long>> vertices = env.fromCollection(
                LongStream.range(0, vertexCount).mapToObj(v -> Tuple2.of(v, v)).toList(), Types.of(pair));
        DataSet<Tuple2<Long, Long>> edgeSet = env.fromCollection(edges, Types.of(pair));
        // stop once a superstep changes at most 40 labels: superstep 1 changes 59, then 58, 57, ...
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = vertices.iterateDelta(vertices, 1_000, 0)
                .registerAggregationConvergenceCriterion(
                        "changes", new LongSumAggregator(), (superstep, changes) -> changes <= 40);
        DataSet<Tuple2<Long, Long>> changes = iteration
                .getWorkset()
                .join(edgeSet)
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1))
                .returns(pair)
                .groupBy(0)
                .reduce((a, b) -> a.f1 <= b.f1 ? a : b)
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with(new CountedChanges())
                .returns(pair);
        List<Tuple2<Long, Long>> result = iteration.closeWith(changes, changes).collect();

        // superstep s: vertex v >= s takes label v - s; changes = 60 - s; 60 - s <= 40 at s = 20
        Map<Long, Long> labels = new HashMap<>();
        result.forEach(t -> labels.put(t.f0, t.f1));
        for (long v = 0; v < vertexCount; v++) {
            assertThat(labels.get(v)).as("vertex %d", v).isEqualTo(Math.max(0, v - 20));
        }
    }

    @Test
    void aConvergenceCriterionThatThrowsFailsTheJobNamingItAndTheSuperstep() {
        ExecutionEnvironment env = environment(2, "64m");
        IterativeDataSet<Tuple2<Double, Double>> loop = env.fromCollection(
                        List.of(Tuple2.of(2.0, 1.0)), Types.of(new TypeHint<Tuple2<Double, Double>>() {}))
                .iterate(10)
                .registerAggregationConvergenceCriterion("change", new DoubleMaxAggregator(), (superstep, change) -> {
                    if (superstep == 3) {
                        throw new ArithmeticException("no convergence test for superstep 3");
                    }
                    return false;
                });
        DataSet<Tuple2<Double, Double>> result =
                loop.closeWith(loop.map(new NewtonStep()).returns(new TypeHint<Tuple2<Double, Double>>() {}));

        assertThatThrownBy(result::collect)
                .hasStackTraceContaining("the convergence criterion on aggregator 'change'")
                .hasStackTraceContaining("failed after superstep 3")
                .hasStackTraceContaining("no convergence test for superstep 3");
    }

    /** Asks for the aggregator named by its constructor. */
    static final class UsesAggregator extends RichMapFunction<Long, Long> {
        private final String name;

        UsesAggregator(String name) {
            this.name = name;
        }

        @Override
        public Long map(Long value) {
            LongSumAggregator sum = getRuntimeContext().getIterationAggregator(name);
            sum.aggregate(value);
            return value;
        }
    }

    @Test
    void anAggregatorOutsideAnIterationOrUnknownFailsWithAMessage() {
        ExecutionEnvironment env = environment(1, "64m");
        DataSet<Long> outside = env.generateSequence(1, 3).map(new UsesAggregator("sum"));
        assertThatThrownBy(outside::collect).hasStackTraceContaining("which does not run in an iteration");

        IterativeDataSet<Long> loop =
                env.generateSequence(1, 3).iterate(2).registerAggregator("sum", new LongSumAggregator());
        DataSet<Long> unknown = loop.closeWith(loop.map(new UsesAggregator("summ")));
        assertThatThrownBy(unknown::collect).hasStackTraceContaining("no aggregator named 'summ'; it has [sum]");
    }
}
