package io.weir.optimizer;

import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Ordering;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.optimizer.JobGraphGenerator.Translation;
import io.weir.optimizer.JobGraphGenerator.VertexBuilder;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.ResultType;
import io.weir.runtime.jobgraph.ShipStrategy;
import io.weir.runtime.jobgraph.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * How {@link JobGraphGenerator} translates iterations: a bulk iteration's head, step and tails; a
 * delta iteration's head with the solution set, its step, its workset and delta tails; and the
 * joins and coGroups with a solution set as lookup tasks. The step's operators are translated by
 * the {@link Translation} like any others, with its vertices marked as the iteration's.
 */
final class IterationTranslation {

    private final Translation t;
    /** The iterations translated so far; the next one's id is one more. */
    private int count;

    /** The delta iteration whose step is being translated: how its solution set is joined. */
    private record DeltaStep(int id, int parallelism, Operator<?> solutionSet, Keys<?> keys, TypeInfo<?> type) {}

    private DeltaStep deltaStep;

    IterationTranslation(Translation translation) {
        this.t = translation;
    }

    /**
     * A bulk iteration: a head task (the initial partial solution in, the final one out; see
     * {@link DriverSpec.IterationHead}), the step translated like any program with the partial
     * solution read from the head, and a tail task (and one for the termination criterion) at the
     * head's parallelism. The step's vertices run once per superstep; operators of the step that do
     * not depend on the partial solution stay outside the loop, and what they send into it is read
     * once and cached.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void translateBulk(Operator<?> operator, OperatorSpec.BulkIteration bulk) {
        int id = ++count;
        int parallelism = t.parallelism(operator);
        VertexBuilder head = t.newVertex(parallelism);
        head.stages.add(t.stage(
                operator,
                new DriverSpec.IterationHead(
                        id,
                        bulk.maxIterations(),
                        bulk.terminationCriterion() != null,
                        operator.outputType().createSerializer(t.config),
                        null,
                        bulk.aggregators())));
        t.connectForward(operator.input(0), head, 0);
        t.producer.put(bulk.partialSolution(), head);
        int firstEdge = t.edges.size();
        Set<Operator<?>> dynamic = Collections.newSetFromMap(new IdentityHashMap<>());
        dynamic.add(bulk.partialSolution());
        List<Operator<?>> step = new ArrayList<>();
        Set<Operator<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        stepOperators(bulk.nextPartialSolution(), seen, step);
        if (bulk.terminationCriterion() != null) {
            stepOperators(bulk.terminationCriterion(), seen, step);
        }
        translateStep(step, dynamic, id);
        VertexBuilder tail = t.newVertex(parallelism);
        tail.iteration = id;
        tail.stages.add(new Stage(operator.name() + " (tail)", operator.id(), new DriverSpec.IterationTail(id)));
        t.connectForward(bulk.nextPartialSolution(), tail, 0);
        if (bulk.terminationCriterion() != null) {
            VertexBuilder criterion = t.newVertex(parallelism);
            criterion.iteration = id;
            criterion.stages.add(new Stage(
                    operator.name() + " (termination criterion)",
                    operator.id(),
                    new DriverSpec.TerminationCriterion(id)));
            t.connectForward(bulk.terminationCriterion(), criterion, 0);
        }
        head.iteration = id;
        checkStepEdges(operator, id, firstEdge);
        t.producer.put(operator, head);
    }

    /**
     * Translates the operators of an iteration's step, inputs first; those that depend on the
     * iteration's state ({@code dynamic}: the placeholders, at first) run in the loop.
     */
    private void translateStep(List<Operator<?>> step, Set<Operator<?>> dynamic, int id) {
        for (Operator<?> member : step) {
            if (t.producer.containsKey(member) || dynamic.contains(member)) {
                continue;
            }
            if (deltaStep != null) {
                checkSolutionSetUse(member);
            }
            t.translate(member);
            boolean inLoop = member.inputs().stream().anyMatch(dynamic::contains)
                    || member.broadcastInputs().values().stream().anyMatch(dynamic::contains);
            if (inLoop) {
                dynamic.add(member);
                t.producer.get(member).iteration = id;
            }
        }
    }

    /** Fails unless {@code operator} reads the solution set, if at all, as a join or coGroup input. */
    private void checkSolutionSetUse(Operator<?> operator) {
        Operator<?> solutionSet = deltaStep.solutionSet();
        boolean lookup =
                operator.spec() instanceof OperatorSpec.Join || operator.spec() instanceof OperatorSpec.CoGroup;
        if ((!lookup && operator.inputs().contains(solutionSet))
                || operator.broadcastInputs().containsValue(solutionSet)) {
            throw new InvalidPlanException(operator.describe() + " reads the solution set of a delta iteration"
                    + " directly; the solution set can only be joined or coGrouped on its key (getSolutionSet()"
                    + " as one input of a join or coGroup). Use the workset, or the delta, for anything else.");
        }
    }

    /** Rejects what the runtime cannot run between the vertices of an iteration's step. */
    private void checkStepEdges(Operator<?> iteration, int id, int firstEdge) {
        for (JobEdge edge : t.edges.subList(firstEdge, t.edges.size())) {
            boolean inside = t.vertexById(edge.source()).iteration == id && t.vertexById(edge.target()).iteration == id;
            if (inside && edge.shipStrategy() == ShipStrategy.SAMPLE) {
                throw new InvalidPlanException(iteration.describe() + ": range partitioning inside an iteration's"
                        + " step is not supported; partition by hash instead");
            }
        }
    }

    /**
     * A delta iteration: a head task holding each instance's part of the solution set (the
     * initial solution set comes hash-partitioned on its key, the initial workset forwarded) and
     * sending the workset each superstep; the step translated like any program, its joins with
     * the solution set as lookups into the solution set of the same instance (their other input
     * hash-partitioned on the key); a tail task taking the next workset, and one taking the delta
     * (hash-partitioned on the key) into the solution set — all at the head's parallelism.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void translateDelta(Operator<?> operator, OperatorSpec.DeltaIteration delta) {
        if (isSolutionSet(delta.solutionSetDelta())) {
            throw new InvalidPlanException(operator.describe() + ": the solution set itself cannot be the delta;"
                    + " close the iteration with the records that change.");
        }
        int id = ++count;
        int parallelism = t.parallelism(operator);
        TypeInfo solutionType = operator.input(0).outputType();
        TypeComparator<?> key = t.comparator(operator, delta.solutionSetKeys(), solutionType);
        VertexBuilder head = t.newVertex(parallelism);
        head.stages.add(t.stage(
                operator,
                new DriverSpec.IterationHead(
                        id,
                        delta.maxIterations(),
                        false,
                        operator.input(1).outputType().createSerializer(t.config),
                        new DriverSpec.SolutionSetSpec(solutionType.createSerializer(t.config), key),
                        delta.aggregators())));
        // the head reads the solution set to its end first: the workset waits in a blocking exchange
        // when both come from a common operator
        t.edges.add(t.edge(
                t.producer.get(operator.input(0)),
                head,
                0,
                ShipStrategy.HASH,
                key,
                ResultType.PIPELINED,
                operator.input(0)));
        t.connectForward(operator.input(1), head, 1);
        if (t.shareAnAncestor(operator.input(0), operator.input(1))) {
            JobEdge workset = t.edges.remove(t.edges.size() - 1);
            t.edges.add(workset.withResultType(ResultType.BLOCKING));
        }
        t.producer.put(delta.workset(), head);
        int firstEdge = t.edges.size();
        Set<Operator<?>> dynamic = Collections.newSetFromMap(new IdentityHashMap<>());
        dynamic.add(delta.workset());
        dynamic.add(delta.solutionSet());
        List<Operator<?>> step = new ArrayList<>();
        Set<Operator<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        stepOperators(delta.solutionSetDelta(), seen, step);
        stepOperators(delta.nextWorkset(), seen, step);
        deltaStep = new DeltaStep(id, parallelism, delta.solutionSet(), delta.solutionSetKeys(), solutionType);
        try {
            translateStep(step, dynamic, id);
        } finally {
            deltaStep = null;
        }
        if (!dynamic.contains(delta.solutionSetDelta()) || !dynamic.contains(delta.nextWorkset())) {
            throw new IllegalStateException(
                    operator.describe() + ": the step's results were not translated in the loop");
        }
        VertexBuilder worksetTail = t.newVertex(parallelism);
        worksetTail.iteration = id;
        worksetTail.stages.add(
                new Stage(operator.name() + " (next workset)", operator.id(), new DriverSpec.IterationTail(id)));
        t.connectForward(delta.nextWorkset(), worksetTail, 0);
        VertexBuilder deltaTail = t.newVertex(parallelism);
        deltaTail.iteration = id;
        deltaTail.stages.add(new Stage(
                operator.name() + " (solution set update)", operator.id(), new DriverSpec.SolutionSetDelta(id)));
        t.edges.add(t.edge(
                t.producer.get(delta.solutionSetDelta()),
                deltaTail,
                0,
                ShipStrategy.HASH,
                t.comparator(
                        operator,
                        delta.solutionSetKeys(),
                        delta.solutionSetDelta().outputType()),
                ResultType.PIPELINED,
                delta.solutionSetDelta()));
        head.iteration = id;
        checkStepEdges(operator, id, firstEdge);
        t.producer.put(operator, head);
    }

    /**
     * A join with the solution set of the delta iteration being translated: a lookup task at the
     * iteration's parallelism, the other input hash-partitioned on its key like the solution set.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void translateSolutionSetJoin(Operator<?> operator, OperatorSpec.Join join, int solutionInput) {
        checkSolutionSetLookup(operator, "join", solutionInput, join.leftKeys(), join.rightKeys());
        Keys<?> otherKeys = solutionInput == 0 ? join.rightKeys() : join.leftKeys();
        boolean keepsSolution =
                solutionInput == 0 ? join.type().keepsLeft() : join.type().keepsRight();
        boolean keepsOther =
                solutionInput == 0 ? join.type().keepsRight() : join.type().keepsLeft();
        if (keepsSolution) {
            throw new InvalidPlanException(operator.describe() + ": an outer join that keeps the solution set's"
                    + " unmatched records would read the whole solution set each superstep; join it inner, or"
                    + " outer keeping only the other input");
        }
        TypeInfo otherType = operator.input(1 - solutionInput).outputType();
        TypeComparator<?> otherKey = t.comparator(operator, otherKeys, otherType);
        lookupTask(
                operator,
                new DriverSpec.SolutionSetJoin(
                        deltaStep.id(),
                        solutionInput,
                        otherType.createSerializer(t.config),
                        otherKey,
                        join.function(),
                        keepsOther),
                otherKey,
                solutionInput);
    }

    /**
     * A coGroup with the solution set of the delta iteration being translated: a lookup task like
     * {@link #translateSolutionSetJoin}'s that sorts its input into groups first.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void translateSolutionSetCoGroup(Operator<?> operator, OperatorSpec.CoGroup coGroup, int solutionInput) {
        checkSolutionSetLookup(operator, "coGroup", solutionInput, coGroup.leftKeys(), coGroup.rightKeys());
        Keys<?> otherKeys = solutionInput == 0 ? coGroup.rightKeys() : coGroup.leftKeys();
        Ordering otherOrder = solutionInput == 0 ? coGroup.rightGroupOrder() : coGroup.leftGroupOrder();
        TypeInfo otherType = operator.input(1 - solutionInput).outputType();
        TypeComparator<?> otherKey = t.comparator(operator, otherKeys, otherType);
        lookupTask(
                operator,
                new DriverSpec.SolutionSetCoGroup(
                        deltaStep.id(),
                        solutionInput,
                        otherType.createSerializer(t.config),
                        t.groupSortKey(operator, otherKeys, otherOrder, otherType),
                        otherKey,
                        coGroup.function()),
                otherKey,
                solutionInput);
    }

    /** Fails unless {@code operator} reads the solution set of the iteration being translated by its key. */
    private void checkSolutionSetLookup(
            Operator<?> operator, String what, int solutionInput, Keys<?> leftKeys, Keys<?> rightKeys) {
        if (deltaStep == null || operator.input(solutionInput) != deltaStep.solutionSet()) {
            throw new InvalidPlanException(operator.describe() + " reads the solution set of a delta iteration"
                    + " outside that iteration's step");
        }
        Keys<?> solutionKeys = solutionInput == 0 ? leftKeys : rightKeys;
        if (!sameKey(solutionKeys, deltaStep.keys(), deltaStep.type())) {
            throw new InvalidPlanException(operator.describe() + ": a " + what + " with the solution set must use"
                    + " the solution set's key " + deltaStep.keys() + " on its side, not " + solutionKeys + ".");
        }
        if (operator.parallelism() != Operator.DEFAULT_PARALLELISM
                && operator.parallelism() != deltaStep.parallelism()) {
            throw new InvalidPlanException(operator.describe() + ": a " + what + " with the solution set runs at"
                    + " the iteration's parallelism, " + deltaStep.parallelism() + ", not "
                    + operator.parallelism());
        }
    }

    /** A task at the iteration's parallelism running {@code driver}, its one input hash-partitioned on {@code key}. */
    private void lookupTask(Operator<?> operator, DriverSpec driver, TypeComparator<?> key, int solutionInput) {
        Operator<?> other = operator.input(1 - solutionInput);
        VertexBuilder vertex = t.newVertex(deltaStep.parallelism());
        vertex.stages.add(t.stage(operator, driver));
        t.edges.add(t.edge(t.producer.get(other), vertex, 0, ShipStrategy.HASH, key, ResultType.PIPELINED, other));
        t.producer.put(operator, vertex);
    }

    /** Whether two keys name the same fields of {@code type}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean sameKey(Keys first, Keys second, TypeInfo type) {
        if (first instanceof Keys.FieldKeys a && second instanceof Keys.FieldKeys b) {
            if (type instanceof CompositeTypeInfo composite) {
                return paths(a.resolve(composite)).equals(paths(b.resolve(composite)));
            }
            return true; // an atomic type has one key: the whole value
        }
        return first.equals(second);
    }

    private static List<String> paths(List<CompositeTypeInfo.KeyPath> keys) {
        return keys.stream().map(key -> java.util.Arrays.toString(key.path())).toList();
    }

    static boolean isSolutionSet(Operator<?> operator) {
        return operator.spec() instanceof OperatorSpec.IterationPlaceholder placeholder
                && placeholder.role() == OperatorSpec.PlaceholderRole.SOLUTION_SET;
    }

    /** The operators {@code operator} depends on inside an iteration's step, inputs first. */
    private void stepOperators(Operator<?> operator, Set<Operator<?>> seen, List<Operator<?>> order) {
        if (!seen.add(operator)) {
            return;
        }
        operator.inputs().forEach(input -> stepOperators(input, seen, order));
        operator.broadcastInputs().values().forEach(input -> stepOperators(input, seen, order));
        order.add(operator);
    }
}
