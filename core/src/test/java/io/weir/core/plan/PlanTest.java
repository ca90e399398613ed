package io.weir.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.io.CollectionInputFormat;
import io.weir.core.io.DiscardingOutputFormat;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.plan.OperatorSpec.JoinType;
import io.weir.core.plan.OperatorSpec.PlaceholderRole;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    record Edge(long source, long target) {}

    record Vertex(long id, long component) {}

    private static final TypeInfo<String> LINES = Types.STRING;
    private static final TypeInfo<Tuple2<String, Integer>> COUNTS = Types.TUPLE(Types.STRING, Types.INT);

    private static <T> Operator<T> source(TypeInfo<T> type, List<T> records, String name) {
        return Operator.builder(
                        new OperatorSpec.Source(
                                new CollectionInputFormat<>(records, type.createSerializer(SerializerConfig.DEFAULT))),
                        type)
                .name(name)
                .build();
    }

    private static <T> Operator<T> sink(Operator<T> input) {
        return Operator.builder(new OperatorSpec.Sink(new DiscardingOutputFormat<T>()), input.outputType())
                .input(input)
                .build();
    }

    private static Operator<Tuple2<String, Integer>> wordCount(Operator<String> lines) {
        Operator<Tuple2<String, Integer>> words = Operator.builder(
                        new OperatorSpec.FlatMap((String line, Collector<Tuple2<String, Integer>> out) -> {
                            for (String word : line.split(" ")) {
                                out.collect(Tuple2.of(word, 1));
                            }
                        }),
                        COUNTS)
                .input(lines)
                .location("WordCount.java:12")
                .build();
        return Operator.builder(
                        new OperatorSpec.Reduce(
                                Keys.fields("f0"),
                                (Tuple2<String, Integer> a, Tuple2<String, Integer> b) -> Tuple2.of(a.f0, a.f1 + b.f1),
                                OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                        COUNTS)
                .input(words)
                .name("count words")
                .parallelism(4)
                .build();
    }

    @Test
    void aWordCountPlanListsOperatorsInputsFirstAndValidates() {
        Operator<String> lines = source(LINES, List.of("a b", "b c"), "lines");
        Operator<Tuple2<String, Integer>> counts = wordCount(lines);
        Plan plan = new Plan("word count", List.of(sink(counts)));

        PlanValidator.validate(plan);
        List<Operator<?>> order = plan.topologicalOrder();
        assertThat(order).hasSize(4);
        assertThat(order.get(0)).isSameAs(lines);
        assertThat(order.get(2)).isSameAs(counts);
        assertThat(order.get(1).name()).isEqualTo("flatMap at WordCount.java:12");
        assertThat(counts.parallelism()).isEqualTo(4);
        assertThat(plan.describe())
                .contains("sink #")
                .contains("reduce #" + counts.id() + " 'count words' (reduce) → Tuple2<String, Integer>")
                .contains("source #" + lines.id() + " 'lines'");
    }

    @Test
    void aSharedInputAppearsOnceAndKnowsAllItsConsumers() {
        Operator<String> lines = source(LINES, List.of("a"), "lines");
        Operator<Tuple2<String, Integer>> first = wordCount(lines);
        Operator<Tuple2<String, Integer>> second = wordCount(lines);
        Operator<Tuple2<String, Integer>> union = Operator.builder(new OperatorSpec.Union(), COUNTS)
                .inputs(List.of(first, second))
                .build();
        Plan plan = new Plan("diamond", List.of(sink(union), sink(first)));

        PlanValidator.validate(plan);
        assertThat(plan.topologicalOrder()).filteredOn(o -> o == lines).hasSize(1);
        assertThat(plan.consumers().get(lines)).hasSize(2);
        assertThat(plan.consumers().get(first)).hasSize(2);
        assertThat(plan.describe()).contains("(see above)");
    }

    @Test
    void joinKeysOfDifferentTypesAreRejectedWithBothSidesNamed() {
        Operator<Edge> edges = source(Types.of(Edge.class), List.of(new Edge(1, 2)), "edges");
        Operator<String> names = source(Types.STRING, List.of("x"), "names");
        Operator<Edge> join = Operator.builder(
                        new OperatorSpec.Join(
                                JoinType.INNER,
                                Keys.fields("source"),
                                Keys.fields("*"),
                                (Edge e, String n, Collector<Edge> out) -> out.collect(e),
                                JoinHint.OPTIMIZER_CHOOSES),
                        Types.of(Edge.class))
                .inputs(List.of(edges, names))
                .name("edges with names")
                .build();

        assertThatThrownBy(() -> PlanValidator.validate(new Plan("bad join", List.of(sink(join)))))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("'edges with names'")
                .hasMessageContaining("[Long]")
                .hasMessageContaining("[String]")
                .hasMessageContaining("'edges'")
                .hasMessageContaining("'names'");
    }

    @Test
    void aKeyNamingAMissingFieldIsReportedWithTheOperator() {
        Operator<Edge> edges = source(Types.of(Edge.class), List.of(new Edge(1, 2)), "edges");
        Operator<Edge> distinct = Operator.builder(
                        new OperatorSpec.Distinct(Keys.fields("sorce")), Types.of(Edge.class))
                .input(edges)
                .location("Graph.java:7")
                .build();
        assertThatThrownBy(() -> PlanValidator.validate(new Plan("typo", List.of(sink(distinct)))))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageStartingWith("'distinct at Graph.java:7'")
                .hasMessageContaining("'sorce' is not a field")
                .hasMessageContaining("[source, target]");
    }

    @Test
    void aUnionOfDifferentTypesAndAFilterThatChangesTypeAreRejected() {
        Operator<String> lines = source(LINES, List.of("a"), "lines");
        Operator<Tuple2<String, Integer>> counts = wordCount(lines);
        Operator<String> union = Operator.builder(new OperatorSpec.Union(), LINES)
                .inputs(List.of(lines, counts))
                .build();
        assertThatThrownBy(() -> PlanValidator.validate(new Plan("union", List.of(sink(union)))))
                .hasMessageContaining("a union needs inputs of one type");

        Operator<Integer> filter = Operator.builder(new OperatorSpec.Filter((String s) -> true), Types.INT)
                .input(lines)
                .build();
        assertThatThrownBy(() -> PlanValidator.validate(new Plan("filter", List.of(sink(filter)))))
                .hasMessageContaining("a filter keeps the type of its input, String");
    }

    @Test
    void operatorsCheckTheirNumberOfInputsAndPlansNeedASink() {
        Operator<String> lines = source(LINES, List.of("a"), "lines");
        assertThatThrownBy(() -> Operator.builder(new OperatorSpec.Union(), LINES)
                        .input(lines)
                        .build())
                .hasMessageContaining("takes two or more inputs, not 1");
        assertThatThrownBy(() -> Operator.builder(new OperatorSpec.Map((String s) -> s), LINES)
                        .build())
                .hasMessageContaining("takes 1 inputs, not 0");
        assertThatThrownBy(() -> new Plan("nothing", List.of())).hasMessageContaining("defines no sink");
    }

    // ---- iterations ----------------------------------------------------------------------------

    @Test
    void aBulkIterationWhoseStepReadsThePartialSolutionValidatesAndItsStepIsPartOfThePlan() {
        TypeInfo<Long> longs = Types.LONG;
        Operator<Long> initial = source(longs, List.of(1L, 2L), "initial");
        Operator<Long> partial = Operator.builder(
                        new OperatorSpec.IterationPlaceholder(PlaceholderRole.PARTIAL_SOLUTION), longs)
                .build();
        Operator<Long> step = Operator.builder(new OperatorSpec.Map((Long x) -> x / 2), longs)
                .input(partial)
                .build();
        Operator<Long> iteration = Operator.builder(new OperatorSpec.BulkIteration(partial, step, null, 10), longs)
                .input(initial)
                .build();
        Plan plan = new Plan("halving", List.of(sink(iteration)));

        PlanValidator.validate(plan);
        assertThat(plan.topologicalOrder()).doesNotContain(step);
        assertThat(plan.allOperators()).contains(step, partial);
        assertThat(plan.describe()).contains("step: next partial solution:");
    }

    @Test
    void aBulkIterationWhoseResultIgnoresThePartialSolutionIsRejected() {
        TypeInfo<Long> longs = Types.LONG;
        Operator<Long> initial = source(longs, List.of(1L), "initial");
        Operator<Long> partial = Operator.builder(
                        new OperatorSpec.IterationPlaceholder(PlaceholderRole.PARTIAL_SOLUTION), longs)
                .build();
        Operator<Long> unrelated = Operator.builder(new OperatorSpec.Map((Long x) -> x + 1), longs)
                .input(initial)
                .name("add one")
                .build();
        Operator<Long> iteration = Operator.builder(new OperatorSpec.BulkIteration(partial, unrelated, null, 5), longs)
                .input(initial)
                .name("loop")
                .build();
        assertThatThrownBy(() -> PlanValidator.validate(new Plan("constant loop", List.of(sink(iteration)))))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("'loop'")
                .hasMessageContaining("'add one'")
                .hasMessageContaining("does not depend on the iteration's partial solution");
    }

    @Test
    void aDeltaIterationChecksTheDeltaAgainstTheSolutionSet() {
        TypeInfo<Vertex> vertices = Types.of(Vertex.class);
        Operator<Vertex> initial = source(vertices, List.of(new Vertex(1, 1)), "vertices");
        Operator<Vertex> solution = Operator.builder(
                        new OperatorSpec.IterationPlaceholder(PlaceholderRole.SOLUTION_SET), vertices)
                .build();
        Operator<Vertex> workset = Operator.builder(
                        new OperatorSpec.IterationPlaceholder(PlaceholderRole.WORKSET), vertices)
                .build();
        Operator<Vertex> delta = Operator.builder(
                        new OperatorSpec.Join(
                                JoinType.INNER,
                                Keys.fields("id"),
                                Keys.fields("id"),
                                (Vertex w, Vertex s, Collector<Vertex> out) -> out.collect(w),
                                JoinHint.OPTIMIZER_CHOOSES),
                        vertices)
                .inputs(List.of(workset, solution))
                .build();
        Operator<Vertex> good = Operator.builder(
                        new OperatorSpec.DeltaIteration(solution, workset, delta, delta, Keys.fields("id"), 20),
                        vertices)
                .inputs(List.of(initial, initial))
                .build();
        PlanValidator.validate(new Plan("components", List.of(sink(good))));

        Operator<Long> wrongDelta = Operator.builder(new OperatorSpec.Map((Vertex v) -> v.id()), Types.LONG)
                .input(delta)
                .name("ids")
                .build();
        Operator<Vertex> bad = Operator.builder(
                        new OperatorSpec.DeltaIteration(solution, workset, wrongDelta, delta, Keys.fields("id"), 20),
                        vertices)
                .inputs(List.of(initial, initial))
                .name("components")
                .build();
        assertThatThrownBy(() -> PlanValidator.validate(new Plan("bad delta", List.of(sink(bad)))))
                .hasMessageContaining("'components'")
                .hasMessageContaining("the solution set delta 'ids' (map) produces Long")
                .hasMessageContaining("the solution set holds Vertex(id: Long, component: Long)");

        Operator<Vertex> badKey = Operator.builder(
                        new OperatorSpec.DeltaIteration(solution, workset, delta, delta, Keys.fields("vertexId"), 20),
                        vertices)
                .inputs(List.of(initial, initial))
                .build();
        assertThatThrownBy(() -> PlanValidator.validate(new Plan("bad key", List.of(sink(badKey)))))
                .hasMessageContaining("'vertexId' is not a field");
    }

    @Test
    void forwardedFieldsParseFlinkStyleDeclarations() {
        assertThat(ForwardedFields.parse("f0; f1->f2", "id -> key").mappings())
                .containsExactly(
                        new ForwardedFields.Mapping("f0", "f0"),
                        new ForwardedFields.Mapping("f1", "f2"),
                        new ForwardedFields.Mapping("id", "key"));
        assertThatThrownBy(() -> ForwardedFields.parse("f0->")).hasMessageContaining("both sides");
    }
}
