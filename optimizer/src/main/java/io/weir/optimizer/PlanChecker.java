package io.weir.optimizer;

import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.types.Keys;
import io.weir.optimizer.PlanNode.Channel;
import io.weir.runtime.jobgraph.ShipStrategy;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a chosen plan before it is translated, changing nothing: a grouping's input must arrive
 * grouped on its keys, a repartitioned join's or coGroup's inputs co-partitioned, a broadcast join's
 * one input broadcast and the other passed on, a forward exchange must connect equal parallelisms.
 * A plan that fails is the optimizer's bug, reported as an internal error naming the operator.
 */
final class PlanChecker {

    private PlanChecker() {}

    static void check(OptimizedPlan plan) {
        for (PlanNode node : plan.nodes()) {
            for (Channel channel : node.inputs()) {
                PlanNode input = plan.node(channel.source());
                if (input != null
                        && channel.ship() == ShipStrategy.FORWARD
                        && input.parallelism() != node.parallelism()) {
                    fail(
                            node,
                            "forwards " + input.operator().describe() + " from " + input.parallelism()
                                    + " instances to " + node.parallelism());
                }
            }
            switch (node.strategy()) {
                case HASH_REDUCE, SORT_GROUP_REDUCE -> checkGrouped(plan, node);
                case GROUPED_REDUCE, GROUPED_GROUP_REDUCE -> {
                    checkGrouped(plan, node);
                    checkSorted(plan, node);
                }
                case HYBRID_HASH_BUILD_FIRST, HYBRID_HASH_BUILD_SECOND, SORT_MERGE_JOIN, SORT_MERGE_CO_GROUP ->
                    checkCoPartitioned(plan, node);
                case BROADCAST_HASH_BUILD_FIRST, NESTED_LOOP_BLOCK_FIRST -> checkBroadcast(node, 0);
                case BROADCAST_HASH_BUILD_SECOND, NESTED_LOOP_BLOCK_SECOND -> checkBroadcast(node, 1);
                default -> {}
            }
        }
    }

    /** The partitioning an input has at the operator, after its exchange. */
    private static Partitioning arriving(OptimizedPlan plan, PlanNode node, int input) {
        Channel channel = node.inputs().get(input);
        return switch (channel.ship()) {
            case FORWARD -> {
                PlanNode source = plan.node(channel.source());
                yield source == null ? Partitioning.any(node.parallelism()) : source.partitioning();
            }
            case HASH ->
                channel.keyFields().isEmpty()
                        ? null // the whole key, by a key selector: grouped by construction
                        : Partitioning.hash(channel.keyFields(), node.parallelism());
            default -> Partitioning.any(node.parallelism());
        };
    }

    private static Keys<?> groupingKeys(Operator<?> operator) {
        return FieldForwarding.groupingKeys(operator.spec());
    }

    /** A grouping without a sort must be fed forward by an input sorted on its keys. */
    private static void checkSorted(OptimizedPlan plan, PlanNode node) {
        Operator<?> operator = node.operator();
        List<String> keys = FieldForwarding.keyFields(
                operator, groupingKeys(operator), operator.input(0).outputType());
        Channel channel = node.inputs().get(0);
        PlanNode input = plan.node(channel.source());
        if (channel.ship() != ShipStrategy.FORWARD || input == null || !input.groupedOn(keys)) {
            fail(
                    node,
                    "groups on " + keys + " without sorting an input that arrives "
                            + (channel.ship() != ShipStrategy.FORWARD || input == null
                                    ? "through a " + channel.ship() + " exchange"
                                    : "sorted on " + input.order()));
        }
    }

    private static void checkGrouped(OptimizedPlan plan, PlanNode node) {
        Operator<?> operator = node.operator();
        List<String> keys = FieldForwarding.keyFields(
                operator, groupingKeys(operator), operator.input(0).outputType());
        Partitioning arriving = arriving(plan, node, 0);
        if (arriving != null && !arriving.groups(keys, node.parallelism())) {
            fail(node, "groups on " + keys + " an input partitioned " + arriving.describe());
        }
    }

    private static void checkCoPartitioned(OptimizedPlan plan, PlanNode node) {
        if (node.parallelism() == 1) {
            return;
        }
        Operator<?> operator = node.operator();
        Keys<?> leftKeys;
        Keys<?> rightKeys;
        if (operator.spec() instanceof OperatorSpec.Join join) {
            leftKeys = join.leftKeys();
            rightKeys = join.rightKeys();
        } else {
            OperatorSpec.CoGroup coGroup = (OperatorSpec.CoGroup) operator.spec();
            leftKeys = coGroup.leftKeys();
            rightKeys = coGroup.rightKeys();
        }
        Partitioning left = arriving(plan, node, 0);
        Partitioning right = arriving(plan, node, 1);
        if (left == null && right == null) {
            return; // both hashed on their whole (selector) keys
        }
        List<String> leftFields =
                FieldForwarding.keyFields(operator, leftKeys, operator.input(0).outputType());
        List<String> rightFields =
                FieldForwarding.keyFields(operator, rightKeys, operator.input(1).outputType());
        int[] leftPositions = left == null ? null : left.hashPositionsIn(leftFields, node.parallelism());
        int[] rightPositions = right == null ? null : right.hashPositionsIn(rightFields, node.parallelism());
        if (leftPositions == null || !Arrays.equals(leftPositions, rightPositions)) {
            fail(
                    node,
                    "joins inputs that are not co-partitioned on its keys: the first "
                            + (left == null ? "by a key selector" : left.describe()) + ", the second "
                            + (right == null ? "by a key selector" : right.describe()));
        }
    }

    private static void checkBroadcast(PlanNode node, int sent) {
        ShipStrategy broadcast = node.inputs().get(sent).ship();
        ShipStrategy streamed = node.inputs().get(1 - sent).ship();
        if (broadcast != ShipStrategy.BROADCAST
                || (streamed != ShipStrategy.FORWARD && streamed != ShipStrategy.REBALANCE)) {
            fail(node, "broadcasts input " + sent + " by " + broadcast + " and streams the other by " + streamed);
        }
    }

    private static void fail(PlanNode node, String what) {
        throw new IllegalStateException("internal error in the optimizer: the plan for "
                + node.operator().describe() + " (" + node.strategy().description() + ") " + what
                + ". Please report this with the program; a join or partition hint avoids the plan.");
    }
}
