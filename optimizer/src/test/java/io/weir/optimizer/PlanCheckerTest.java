package io.weir.optimizer;

import static io.weir.optimizer.JobGraphGeneratorTest.PAIR;
import static io.weir.optimizer.JobGraphGeneratorTest.numbers;
import static io.weir.optimizer.JobGraphGeneratorTest.pairs;
import static io.weir.optimizer.JobGraphGeneratorTest.sink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.plan.ForwardedFields;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Plan;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.runtime.jobgraph.ShipStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The check after optimization: it passes the chosen plans and rejects a plan broken by hand. */
class PlanCheckerTest {

    private static Plan joinThenReduce() {
        FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> join =
                (l, r, out) -> out.collect(Tuple2.of(l.f0, r.f1));
        Operator<Tuple2<Long, Long>> joined = Operator.<Tuple2<Long, Long>>builder(
                        new OperatorSpec.Join(
                                OperatorSpec.JoinType.INNER,
                                Keys.positions(0),
                                Keys.positions(0),
                                join,
                                OperatorSpec.JoinHint.OPTIMIZER_CHOOSES),
                        PAIR)
                .inputs(List.of(pairs(numbers()), pairs(numbers())))
                .forwardedFields(List.of(ForwardedFields.parse("f0"), ForwardedFields.NONE))
                .name("join")
                .build();
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
        Operator<Tuple2<Long, Long>> reduce = Operator.builder(
                        new OperatorSpec.Reduce(Keys.positions(0), sum, OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                        PAIR)
                .input(joined)
                .name("sum")
                .build();
        return new Plan("checked", List.of(sink(reduce)));
    }

    /** The plan with the node named {@code name} replaced. */
    private static OptimizedPlan tampered(OptimizedPlan plan, String name, UnaryOperator<PlanNode> change) {
        List<PlanNode> nodes = new ArrayList<>();
        for (PlanNode node : plan.nodes()) {
            nodes.add(node.operator().name().equals(name) ? change.apply(node) : node);
        }
        return new OptimizedPlan(plan.plan(), plan.defaultParallelism(), nodes, java.util.Map.of());
    }

    private static PlanNode withShips(PlanNode node, ShipStrategy... ships) {
        List<PlanNode.Channel> channels = new ArrayList<>();
        for (int i = 0; i < ships.length; i++) {
            channels.add(new PlanNode.Channel(node.inputs().get(i).source(), ships[i], List.of()));
        }
        return new PlanNode(
                node.operator(),
                node.strategy(),
                channels,
                node.combiner(),
                node.parallelism(),
                node.estimate(),
                node.costs(),
                node.cumulative(),
                node.partitioning(),
                node.order(),
                node.reason(),
                node.pushdown());
    }

    @Test
    void theChosenPlanPassesTheCheck() {
        OptimizedPlan plan = new Optimizer().optimize(joinThenReduce(), 4);
        PlanChecker.check(plan);
        assertThat(plan.node("join").strategy())
                .isIn(PlanNode.Strategy.HYBRID_HASH_BUILD_FIRST, PlanNode.Strategy.HYBRID_HASH_BUILD_SECOND);
    }

    @Test
    void aJoinWhoseInputsAreNotCoPartitionedIsRejectedNamingIt() {
        OptimizedPlan plan = new Optimizer().optimize(joinThenReduce(), 4);
        OptimizedPlan broken = tampered(plan, "join", node -> withShips(node, ShipStrategy.HASH, ShipStrategy.FORWARD));

        assertThatThrownBy(() -> PlanChecker.check(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("internal error in the optimizer")
                .hasMessageContaining("'join'")
                .hasMessageContaining("not co-partitioned");
    }

    @Test
    void aGroupingWhoseInputIsNotGroupedIsRejectedNamingIt() {
        OptimizedPlan plan = new Optimizer().optimize(joinThenReduce(), 4);
        // the join's output as if it were not partitioned: the reduce behind it would see scattered keys
        OptimizedPlan broken = tampered(
                plan,
                "join",
                node -> new PlanNode(
                        node.operator(),
                        node.strategy(),
                        node.inputs(),
                        node.combiner(),
                        node.parallelism(),
                        node.estimate(),
                        node.costs(),
                        node.cumulative(),
                        Partitioning.any(node.parallelism()),
                        node.order(),
                        node.reason(),
                        node.pushdown()));
        assertThat(plan.node("sum").inputs().get(0).ship()).isEqualTo(ShipStrategy.FORWARD);

        assertThatThrownBy(() -> PlanChecker.check(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'sum'")
                .hasMessageContaining("groups on [f0] an input partitioned any");
    }
}
