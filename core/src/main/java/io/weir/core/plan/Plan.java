package io.weir.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A program as Weir receives it: the sinks of an operator DAG, with everything they read from
 * reachable through inputs, broadcast inputs and iteration bodies.
 */
public final class Plan {

    private final String jobName;
    private final List<Operator<?>> sinks;
    private final Map<String, String> cachedFiles;
    private final Map<String, String> jobParameters;

    public Plan(String jobName, List<? extends Operator<?>> sinks) {
        this(jobName, sinks, Map.of());
    }

    public Plan(String jobName, List<? extends Operator<?>> sinks, Map<String, String> cachedFiles) {
        this(jobName, sinks, cachedFiles, Map.of());
    }

    /**
     * @param cachedFiles the files to give every task, by name (see {@code
     *     io.weir.core.cache.DistributedCache}): paths or URIs
     * @param jobParameters the global job parameters every function can read, by name
     */
    public Plan(
            String jobName,
            List<? extends Operator<?>> sinks,
            Map<String, String> cachedFiles,
            Map<String, String> jobParameters) {
        this.cachedFiles = Map.copyOf(Objects.requireNonNull(cachedFiles, "cachedFiles is null"));
        this.jobParameters = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(jobParameters, "jobParameters is null")));
        this.jobName = Objects.requireNonNull(jobName, "jobName is null");
        if (sinks.isEmpty()) {
            throw new InvalidPlanException("the program defines no sink, so there is nothing to run: write a data"
                    + " set somewhere (output, print, collect, count) before executing");
        }
        for (Operator<?> sink : sinks) {
            if (!(sink.spec() instanceof OperatorSpec.Sink)) {
                throw new IllegalArgumentException(sink + " is not a sink");
            }
        }
        this.sinks = List.copyOf(sinks);
    }

    /** The files every task gets through its distributed cache, by name. */
    public Map<String, String> cachedFiles() {
        return cachedFiles;
    }

    /** The global job parameters, in the order they were given. */
    public Map<String, String> jobParameters() {
        return jobParameters;
    }

    public String jobName() {
        return jobName;
    }

    public List<Operator<?>> sinks() {
        return sinks;
    }

    /**
     * The operators of the top-level DAG, each after all its inputs and broadcast inputs, each once
     * even when several consumers share it. An iteration appears as one node; its step function is
     * in {@link #allOperators()}.
     */
    public List<Operator<?>> topologicalOrder() {
        List<Operator<?>> order = new ArrayList<>();
        Set<Operator<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Operator<?> sink : sinks) {
            visit(sink, visited, order, false);
        }
        return order;
    }

    /** Every operator, including those inside iteration step functions, inputs first. */
    public List<Operator<?>> allOperators() {
        List<Operator<?>> order = new ArrayList<>();
        Set<Operator<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Operator<?> sink : sinks) {
            visit(sink, visited, order, true);
        }
        return order;
    }

    private static void visit(
            Operator<?> operator, Set<Operator<?>> visited, List<Operator<?>> order, boolean intoIterations) {
        if (!visited.add(operator)) {
            return;
        }
        for (Operator<?> input : operator.inputs()) {
            visit(input, visited, order, intoIterations);
        }
        for (Operator<?> broadcast : operator.broadcastInputs().values()) {
            visit(broadcast, visited, order, intoIterations);
        }
        if (intoIterations) {
            for (Operator<?> inner : iterationRoots(operator)) {
                visit(inner, visited, order, true);
            }
        }
        order.add(operator);
    }

    /** The operators that end an iteration's step function (empty for other operators). */
    public static List<Operator<?>> iterationRoots(Operator<?> operator) {
        if (operator.spec() instanceof OperatorSpec.BulkIteration bulk) {
            List<Operator<?>> roots = new ArrayList<>();
            roots.add(bulk.nextPartialSolution());
            if (bulk.terminationCriterion() != null) {
                roots.add(bulk.terminationCriterion());
            }
            return roots;
        }
        if (operator.spec() instanceof OperatorSpec.DeltaIteration delta) {
            return List.of(delta.solutionSetDelta(), delta.nextWorkset());
        }
        return List.of();
    }

    /** For each operator, the operators that read it (as input or broadcast input), also inside iteration steps. */
    public Map<Operator<?>, List<Operator<?>>> consumers() {
        Map<Operator<?>, List<Operator<?>>> consumers = new IdentityHashMap<>();
        for (Operator<?> operator : allOperators()) {
            consumers.computeIfAbsent(operator, o -> new ArrayList<>());
            for (Operator<?> input : operator.inputs()) {
                consumers.computeIfAbsent(input, o -> new ArrayList<>()).add(operator);
            }
            for (Operator<?> input : operator.broadcastInputs().values()) {
                consumers.computeIfAbsent(input, o -> new ArrayList<>()).add(operator);
            }
        }
        return consumers;
    }

    /** The plan as indented text, sinks first, each node's inputs below it; shared nodes once. */
    public String describe() {
        StringBuilder out = new StringBuilder("plan '").append(jobName).append("'\n");
        Set<Operator<?>> printed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Operator<?> sink : sinks) {
            describe(sink, 1, printed, out);
        }
        return out.toString();
    }

    private static void describe(Operator<?> operator, int depth, Set<Operator<?>> printed, StringBuilder out) {
        out.append("  ".repeat(depth))
                .append(operator.spec().kind())
                .append(" #")
                .append(operator.id())
                .append(' ')
                .append(operator.describe())
                .append(" → ")
                .append(operator.outputType());
        if (!printed.add(operator)) {
            out.append(" (see above)\n");
            return;
        }
        out.append('\n');
        for (Map.Entry<String, Operator<?>> broadcast :
                operator.broadcastInputs().entrySet()) {
            out.append("  ".repeat(depth + 1))
                    .append("broadcast '")
                    .append(broadcast.getKey())
                    .append("':\n");
            describe(broadcast.getValue(), depth + 2, printed, out);
        }
        List<Operator<?>> roots = iterationRoots(operator);
        List<String> roles = operator.spec() instanceof OperatorSpec.DeltaIteration
                ? List.of("solution set delta", "next workset")
                : List.of("next partial solution", "termination criterion");
        for (int i = 0; i < roots.size(); i++) {
            out.append("  ".repeat(depth + 1))
                    .append("step: ")
                    .append(roles.get(i))
                    .append(":\n");
            describe(roots.get(i), depth + 2, printed, out);
        }
        for (Operator<?> input : operator.inputs()) {
            describe(input, depth + 1, printed, out);
        }
    }
}
