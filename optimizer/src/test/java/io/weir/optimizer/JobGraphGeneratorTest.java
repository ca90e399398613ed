package io.weir.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.io.CollectionInputFormat;
import io.weir.core.io.DiscardingOutputFormat;
import io.weir.core.io.FilterPushdown;
import io.weir.core.io.InputFormat;
import io.weir.core.io.NumberSequenceInputFormat;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Plan;
import io.weir.core.predicate.Predicate;
import io.weir.core.predicate.PredicateFilter;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.ResultType;
import io.weir.runtime.jobgraph.ShipStrategy;
import io.weir.runtime.jobgraph.Stage;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobGraphGeneratorTest {

    static final TypeInfo<Tuple2<Long, Long>> PAIR = Types.TUPLE(Types.LONG, Types.LONG);

    static Operator<Long> numbers() {
        return Operator.<Long>builder(new OperatorSpec.Source(new NumberSequenceInputFormat(1, 100)), Types.LONG)
                .name("numbers")
                .build();
    }

    static Operator<Tuple2<Long, Long>> pairs(Operator<Long> input) {
        FlatMapFunction<Long, Tuple2<Long, Long>> pair = (value, out) -> out.collect(Tuple2.of(value % 7, value));
        return Operator.builder(new OperatorSpec.FlatMap(pair), PAIR)
                .input(input)
                .name("pair")
                .build();
    }

    static <T> Operator<T> sink(Operator<T> input) {
        return Operator.builder(new OperatorSpec.Sink(new DiscardingOutputFormat<T>()), input.outputType())
                .input(input)
                .name("out")
                .build();
    }

    private static List<String> stageNames(JobGraph graph, int vertex) {
        return graph.vertices().get(vertex).stages().stream().map(Stage::name).toList();
    }

    @Test
    void aKeyedReduceIsACombinerChainedBehindItsInputAHashShuffleAndAHashReduce() {
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
        Operator<Tuple2<Long, Long>> reduce = Operator.builder(
                        new OperatorSpec.Reduce(Keys.positions(0), sum, OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                        PAIR)
                .input(pairs(numbers()))
                .name("sum")
                .build();

        JobGraph graph =
                new Optimizer().translate(new Plan("reduce", List.of(sink(reduce))), 3, SerializerConfig.DEFAULT);

        assertThat(graph.vertices()).hasSize(2);
        assertThat(stageNames(graph, 0)).containsExactly("numbers", "pair", "sum (combine)");
        assertThat(stageNames(graph, 1)).containsExactly("sum", "out");
        assertThat(graph.vertices().get(0).stages().get(2).driver())
                .isInstanceOfSatisfying(
                        DriverSpec.HashReduce.class,
                        spec -> assertThat(spec.combine()).isTrue());
        assertThat(graph.edges()).singleElement().satisfies(edge -> {
            assertThat(edge.shipStrategy()).isEqualTo(ShipStrategy.HASH);
            assertThat(edge.resultType()).isEqualTo(ResultType.PIPELINED);
        });
        assertThat(graph.vertices())
                .allSatisfy(vertex -> assertThat(vertex.parallelism()).isEqualTo(3));
    }

    /**
     * A source that takes pushed filters — exactly, or only coarsely — and ignores them: what the
     * translation does with the plan's filters is what is checked.
     */
    static final class Pushable
            implements InputFormat<Tuple2<Long, Long>, CollectionInputFormat.Slice>, FilterPushdown {
        private final boolean exact;
        private final boolean filtered;
        private final CollectionInputFormat<Tuple2<Long, Long>> records = new CollectionInputFormat<>(
                List.of(Tuple2.of(1L, 2L)), PAIR.createSerializer(SerializerConfig.DEFAULT));

        Pushable(boolean exact, boolean filtered) {
            this.exact = exact;
            this.filtered = filtered;
        }

        @Override
        public InputFormat<?, ?> withFilter(Predicate predicate) {
            return new Pushable(exact, true);
        }

        @Override
        public boolean filtersExactly() {
            return exact && filtered;
        }

        @Override
        public CollectionInputFormat.Slice[] createInputSplits(int minSplits) {
            return records.createInputSplits(minSplits);
        }

        @Override
        public void open(CollectionInputFormat.Slice split) {
            records.open(split);
        }

        @Override
        public boolean reachedEnd() {
            return records.reachedEnd();
        }

        @Override
        public Tuple2<Long, Long> nextRecord() throws IOException {
            return records.nextRecord();
        }

        @Override
        public void close() {
            records.close();
        }
    }

    @Test
    void declarativeFiltersASourceTestsExactlyPassEveryRecordAndOthersKeepTheirFunctions() {
        for (boolean exact : new boolean[] {false, true}) {
            Operator<Tuple2<Long, Long>> source = Operator.<Tuple2<Long, Long>>builder(
                            new OperatorSpec.Source(new Pushable(exact, false)), PAIR)
                    .name("source")
                    .build();
            Operator<Tuple2<Long, Long>> declarative = Operator.builder(
                            new OperatorSpec.Filter(new PredicateFilter<>(
                                    Predicate.col("f1").gt(3L), (CompositeTypeInfo<Tuple2<Long, Long>>) PAIR)),
                            PAIR)
                    .input(source)
                    .name("declarative")
                    .build();
            FilterFunction<Tuple2<Long, Long>> odd = pair -> pair.f0 % 2 == 1;
            Operator<Tuple2<Long, Long>> function = Operator.builder(new OperatorSpec.Filter(odd), PAIR)
                    .input(declarative)
                    .name("function")
                    .build();

            JobGraph graph = new Optimizer()
                    .translate(new Plan("filters", List.of(sink(function))), 2, SerializerConfig.DEFAULT);

            List<Stage> stages = graph.vertices().get(0).stages();
            assertThat(stages).extracting(Stage::name).containsExactly("source", "declarative", "function", "out");
            assertThat(((DriverSpec.Filter) stages.get(1).driver()).function())
                    .as("exact %s", exact)
                    .isInstanceOf(exact ? BuiltInFunctions.PassAll.class : PredicateFilter.class);
            assertThat(((DriverSpec.Filter) stages.get(2).driver()).function()).isSameAs(odd);
        }
    }

    @Test
    void anOperatorReadByTwoConsumersEndsItsChain() {
        Operator<Tuple2<Long, Long>> shared = pairs(numbers());

        JobGraph graph = new Optimizer()
                .translate(new Plan("shared", List.of(sink(shared), sink(shared))), 2, SerializerConfig.DEFAULT);

        assertThat(stageNames(graph, 0)).containsExactly("numbers", "pair");
        assertThat(graph.edges())
                .hasSize(2)
                .allSatisfy(edge -> assertThat(edge.shipStrategy()).isEqualTo(ShipStrategy.FORWARD));
    }

    @Test
    void aJoinWhoseInputsShareAnOperatorGetsABlockingProbeSideAndOthersDoNot() {
        FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Long> join = (l, r, out) -> out.collect(l.f1);
        Operator<Tuple2<Long, Long>> shared = pairs(numbers());
        Operator<Long> selfJoin = Operator.<Long>builder(
                        new OperatorSpec.Join(
                                OperatorSpec.JoinType.INNER,
                                Keys.positions(0),
                                Keys.positions(0),
                                join,
                                OperatorSpec.JoinHint.OPTIMIZER_CHOOSES),
                        Types.LONG)
                .inputs(List.of(shared, shared))
                .name("self join")
                .build();
        Operator<Long> separateJoin = Operator.<Long>builder(
                        new OperatorSpec.Join(
                                OperatorSpec.JoinType.INNER,
                                Keys.positions(0),
                                Keys.positions(0),
                                join,
                                OperatorSpec.JoinHint.REPARTITION_HASH_SECOND),
                        Types.LONG)
                .inputs(List.of(pairs(numbers()), pairs(numbers())))
                .name("separate join")
                .build();

        JobGraph self =
                new Optimizer().translate(new Plan("self", List.of(sink(selfJoin))), 2, SerializerConfig.DEFAULT);
        JobGraph separate = new Optimizer()
                .translate(new Plan("separate", List.of(sink(separateJoin))), 2, SerializerConfig.DEFAULT);

        List<JobEdge> selfEdges = self.edges();
        assertThat(selfEdges)
                .extracting(JobEdge::resultType)
                .containsExactly(ResultType.PIPELINED, ResultType.BLOCKING);
        assertThat(separate.edges()).extracting(JobEdge::resultType).containsOnly(ResultType.PIPELINED);
        DriverSpec.HashJoin driver = (DriverSpec.HashJoin)
                separate.vertices().get(separate.vertices().size() - 1).head().driver();
        assertThat(driver.buildInput()).as("the hint names the second input").isEqualTo(1);
    }

    @Test
    void aJoinWithTheSolutionSetIsALookupTaskFedOnlyByTheWorksetHashedOnTheKey() {
        Operator<Tuple2<Long, Long>> initial = pairs(numbers());
        Operator<Tuple2<Long, Long>> solutionSet = Operator.<Tuple2<Long, Long>>builder(
                        new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.SOLUTION_SET), PAIR)
                .build();
        Operator<Tuple2<Long, Long>> workset = Operator.<Tuple2<Long, Long>>builder(
                        new OperatorSpec.IterationPlaceholder(OperatorSpec.PlaceholderRole.WORKSET), PAIR)
                .build();
        FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> smaller = (work, current, out) -> {
            if (work.f1 < current.f1) {
                out.collect(work);
            }
        };
        Operator<Tuple2<Long, Long>> delta = Operator.<Tuple2<Long, Long>>builder(
                        new OperatorSpec.Join(
                                OperatorSpec.JoinType.INNER,
                                Keys.positions(0),
                                Keys.positions(0),
                                smaller,
                                OperatorSpec.JoinHint.OPTIMIZER_CHOOSES),
                        PAIR)
                .inputs(List.of(workset, solutionSet))
                .name("lookup")
                .build();
        Operator<Tuple2<Long, Long>> iteration = Operator.<Tuple2<Long, Long>>builder(
                        new OperatorSpec.DeltaIteration(solutionSet, workset, delta, delta, Keys.positions(0), 10),
                        PAIR)
                .inputs(List.of(initial, initial))
                .name("iteration")
                .build();

        JobGraph graph =
                new Optimizer().translate(new Plan("delta", List.of(sink(iteration))), 4, SerializerConfig.DEFAULT);

        int head = graph.vertices().stream()
                .filter(v -> v.head().driver() instanceof DriverSpec.IterationHead)
                .findFirst()
                .orElseThrow()
                .id();
        int lookup = graph.vertices().stream()
                .filter(v -> v.head().driver() instanceof DriverSpec.SolutionSetJoin)
                .findFirst()
                .orElseThrow()
                .id();
        List<JobEdge> intoLookup =
                graph.edges().stream().filter(e -> e.target() == lookup).toList();
        assertThat(intoLookup).hasSize(1);
        assertThat(intoLookup.get(0).source())
                .as("the workset comes from the head")
                .isEqualTo(head);
        assertThat(intoLookup.get(0).shipStrategy()).isEqualTo(ShipStrategy.HASH);
        assertThat(graph.vertex(lookup).parallelism())
                .isEqualTo(graph.vertex(head).parallelism());
        // the head's inputs: the solution set hashed on its key, the workset blocked behind it (one producer)
        assertThat(graph.inputEdges(head, 0).get(0).shipStrategy()).isEqualTo(ShipStrategy.HASH);
        assertThat(graph.inputEdges(head, 1).get(0).resultType()).isEqualTo(ResultType.BLOCKING);
        // the delta goes, hashed on the key, to the solution set's update at the head's parallelism
        JobEdge toUpdate = graph.edges().stream()
                .filter(e -> graph.vertex(e.target()).head().driver() instanceof DriverSpec.SolutionSetDelta)
                .findFirst()
                .orElseThrow();
        assertThat(toUpdate.source()).isEqualTo(lookup);
        assertThat(toUpdate.shipStrategy()).isEqualTo(ShipStrategy.HASH);
    }
}
