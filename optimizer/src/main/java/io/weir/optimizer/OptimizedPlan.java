package io.weir.optimizer;

import io.weir.core.plan.Operator;
import io.weir.core.plan.Plan;
import io.weir.optimizer.PlanNode.Channel;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The physical plan the optimizer chose for a program: one {@link PlanNode} per operator of the
 * top-level DAG, inputs first. Operators inside iteration steps have no node; the job graph
 * generator translates them with fixed strategies. It explains itself as text, JSON and Graphviz
 * DOT.
 */
public final class OptimizedPlan {

    private final Plan plan;
    private final int defaultParallelism;
    private final List<PlanNode> nodes;
    private final Map<Operator<?>, PlanNode> byOperator = new IdentityHashMap<>();
    private final Map<Operator<?>, Estimate> estimates;

    OptimizedPlan(Plan plan, int defaultParallelism, List<PlanNode> nodes, Map<Operator<?>, Estimate> estimates) {
        this.plan = plan;
        this.defaultParallelism = defaultParallelism;
        this.nodes = List.copyOf(nodes);
        this.estimates = estimates;
        for (PlanNode node : nodes) {
            byOperator.put(node.operator(), node);
        }
    }

    public Plan plan() {
        return plan;
    }

    /** The parallelism of operators that do not set their own. */
    public int defaultParallelism() {
        return defaultParallelism;
    }

    /** The nodes, each after its inputs. */
    public List<PlanNode> nodes() {
        return nodes;
    }

    /** The node of {@code operator}, or {@code null} (an operator inside an iteration's step). */
    public PlanNode node(Operator<?> operator) {
        return byOperator.get(operator);
    }

    /** The node of the operator named {@code name}; for tests and tools. */
    public PlanNode node(String name) {
        return nodes.stream()
                .filter(node -> node.operator().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operator named '" + name
                        + "' in the plan; there are "
                        + nodes.stream().map(node -> node.operator().name()).toList()));
    }

    /** The estimate of any operator of the program, also inside iteration steps. */
    public Estimate estimate(Operator<?> operator) {
        return estimates.getOrDefault(operator, Estimate.UNKNOWN);
    }

    /** The costs of the whole plan: every node's own costs, each once. */
    public Costs costs() {
        Costs total = Costs.ZERO;
        for (PlanNode node : nodes) {
            total = total.plus(node.costs());
        }
        return total;
    }

    /** The plan as text: one block per operator, inputs first. */
    public String explain() {
        StringBuilder out = new StringBuilder("physical plan '")
                .append(plan.jobName())
                .append("', costs ")
                .append(costs().describe())
                .append('\n');
        for (PlanNode node : nodes) {
            Operator<?> operator = node.operator();
            out.append("#")
                    .append(operator.id())
                    .append(' ')
                    .append(operator.describe())
                    .append(": ")
                    .append(node.strategy().description())
                    .append(", parallelism ")
                    .append(node.parallelism())
                    .append('\n');
            for (int i = 0; i < node.inputs().size(); i++) {
                Channel channel = node.inputs().get(i);
                out.append("    input ")
                        .append(i + 1)
                        .append(": #")
                        .append(channel.source().id())
                        .append(' ')
                        .append(channel.describe());
                if (i == 0 && node.combiner()) {
                    out.append(", after a combiner");
                }
                out.append('\n');
            }
            for (Map.Entry<String, Operator<?>> set : operator.broadcastInputs().entrySet()) {
                out.append("    broadcast set '")
                        .append(set.getKey())
                        .append("': #")
                        .append(set.getValue().id())
                        .append(" broadcast\n");
            }
            if (node.pushdown() != null) {
                out.append("    pushed into the source: ")
                        .append(node.pushdown().description())
                        .append('\n');
            }
            out.append("    estimate: ").append(node.estimate().describe()).append('\n');
            out.append("    output: ").append(node.partitioning().describe());
            if (!node.order().isEmpty()) {
                out.append(", sorted on ").append(node.order());
            }
            out.append('\n');
            out.append("    costs: ")
                    .append(node.costs().describe())
                    .append("; with its inputs ")
                    .append(Estimate.size(node.cumulative().total()))
                    .append('\n');
            if (node.reason() != null) {
                out.append("    because: ").append(node.reason()).append('\n');
            }
            for (Operator<?> step : dynamicStep(operator)) {
                out.append("    step: #")
                        .append(step.id())
                        .append(' ')
                        .append(step.describe())
                        .append(", estimate ")
                        .append(estimate(step).describe())
                        .append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The operators of an iteration's step that depend on its state (partial solution, workset or
     * solution set) — those that run every superstep — inputs first; empty for other operators.
     */
    static List<Operator<?>> dynamicStep(Operator<?> iteration) {
        Map<Operator<?>, Boolean> dynamic = new IdentityHashMap<>();
        List<Operator<?>> order = new java.util.ArrayList<>();
        for (Operator<?> root : Plan.iterationRoots(iteration)) {
            isDynamic(root, dynamic, order);
        }
        return order;
    }

    private static boolean isDynamic(Operator<?> operator, Map<Operator<?>, Boolean> dynamic, List<Operator<?>> order) {
        Boolean known = dynamic.get(operator);
        if (known != null) {
            return known;
        }
        boolean result = operator.spec() instanceof io.weir.core.plan.OperatorSpec.IterationPlaceholder;
        for (Operator<?> input : operator.inputs()) {
            result |= isDynamic(input, dynamic, order);
        }
        for (Operator<?> input : operator.broadcastInputs().values()) {
            result |= isDynamic(input, dynamic, order);
        }
        dynamic.put(operator, result);
        if (result && !(operator.spec() instanceof io.weir.core.plan.OperatorSpec.IterationPlaceholder)) {
            order.add(operator);
        }
        return result;
    }

    /** The plan as JSON: {@code {"job":..., "costs":{...}, "nodes":[{...}]}}. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"job\":")
                .append(quote(plan.jobName()))
                .append(",\"costs\":")
                .append(costsJson(costs()))
                .append(",\"nodes\":[");
        for (int n = 0; n < nodes.size(); n++) {
            PlanNode node = nodes.get(n);
            Operator<?> operator = node.operator();
            out.append(n == 0 ? "" : ",")
                    .append("{\"id\":")
                    .append(operator.id())
                    .append(",\"name\":")
                    .append(quote(operator.name()))
                    .append(",\"kind\":")
                    .append(quote(operator.spec().kind()))
                    .append(",\"strategy\":")
                    .append(quote(node.strategy().name()))
                    .append(",\"parallelism\":")
                    .append(node.parallelism())
                    .append(",\"combiner\":")
                    .append(node.combiner())
                    .append(",\"inputs\":[");
            for (int i = 0; i < node.inputs().size(); i++) {
                Channel channel = node.inputs().get(i);
                out.append(i == 0 ? "" : ",")
                        .append("{\"source\":")
                        .append(channel.source().id())
                        .append(",\"ship\":")
                        .append(quote(channel.ship().name()))
                        .append(",\"keys\":[");
                for (int k = 0; k < channel.keyFields().size(); k++) {
                    out.append(k == 0 ? "" : ",")
                            .append(quote(channel.keyFields().get(k)));
                }
                out.append("]}");
            }
            out.append("],\"broadcastSets\":{");
            int s = 0;
            for (Map.Entry<String, Operator<?>> set : operator.broadcastInputs().entrySet()) {
                out.append(s++ == 0 ? "" : ",")
                        .append(quote(set.getKey()))
                        .append(':')
                        .append(set.getValue().id());
            }
            out.append("},\"estimate\":{\"records\":")
                    .append(node.estimate().records())
                    .append(",\"bytes\":")
                    .append(node.estimate().bytes())
                    .append(",\"source\":")
                    .append(quote(node.estimate().source()))
                    .append('}')
                    .append(",\"partitioning\":{\"kind\":")
                    .append(quote(node.partitioning().kind().name()))
                    .append(",\"fields\":[");
            for (int f = 0; f < node.partitioning().fields().size(); f++) {
                out.append(f == 0 ? "" : ",")
                        .append(quote(node.partitioning().fields().get(f)));
            }
            out.append("]},\"costs\":")
                    .append(costsJson(node.costs()))
                    .append(",\"cumulativeCosts\":")
                    .append(costsJson(node.cumulative()))
                    .append(",\"reason\":")
                    .append(node.reason() == null ? "null" : quote(node.reason()))
                    .append(",\"pushdown\":")
                    .append(
                            node.pushdown() == null
                                    ? "null"
                                    : quote(node.pushdown().description()))
                    .append('}');
        }
        return out.append("]}").toString();
    }

    /** The plan as a Graphviz digraph: a box per operator, an arrow per input labelled with its exchange. */
    public String toDot() {
        StringBuilder out =
                new StringBuilder("digraph plan {\n  rankdir=BT;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (PlanNode node : nodes) {
            Operator<?> operator = node.operator();
            out.append("  n")
                    .append(operator.id())
                    .append(" [label=")
                    .append(quote(operator.name() + "\n" + node.strategy().description() + " ×" + node.parallelism()
                            + "\n" + node.estimate().describe()))
                    .append("];\n");
            for (Channel channel : node.inputs()) {
                out.append("  n")
                        .append(channel.source().id())
                        .append(" -> n")
                        .append(operator.id())
                        .append(" [label=")
                        .append(quote(channel.describe()))
                        .append("];\n");
            }
            for (Map.Entry<String, Operator<?>> set : operator.broadcastInputs().entrySet()) {
                out.append("  n")
                        .append(set.getValue().id())
                        .append(" -> n")
                        .append(operator.id())
                        .append(" [style=dashed, label=")
                        .append(quote("broadcast set '" + set.getKey() + "'"))
                        .append("];\n");
            }
        }
        return out.append("}\n").toString();
    }

    private static String costsJson(Costs costs) {
        return String.format(
                Locale.ROOT,
                "{\"network\":%.0f,\"disk\":%.0f,\"cpu\":%.0f,\"total\":%.0f}",
                costs.network(),
                costs.disk(),
                costs.cpu(),
                costs.total());
    }

    /** A JSON (and DOT) string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
