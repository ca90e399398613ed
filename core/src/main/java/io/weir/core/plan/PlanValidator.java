package io.weir.core.plan;

import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Checks a plan before anything runs, so that mistakes surface at submission with the operator's
 * name rather than in a task minutes later:
 *
 * <ul>
 *   <li>every key (grouping, join, sort, partitioning, solution set) names fields that exist in its
 *       input and can be keys;
 *   <li>the two sides of a join or coGroup have keys of the same types;
 *   <li>the inputs of a union have the same type; reduce, filter and partitioning keep their input
 *       type;
 *   <li>an iteration's step function reads the iteration's state (else it would compute the same
 *       thing every superstep), and a delta iteration's delta has the solution set's type.
 * </ul>
 */
public final class PlanValidator {

    private PlanValidator() {}

    /** @throws InvalidPlanException naming the first operator that is wrong, and how */
    public static void validate(Plan plan) {
        for (Operator<?> operator : plan.allOperators()) {
            try {
                check(operator);
            } catch (InvalidTypesException e) {
                throw new InvalidPlanException(operator.describe() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void check(Operator<?> operator) {
        OperatorSpec spec = operator.spec();
        List<Operator<?>> inputs = operator.inputs();
        if (spec instanceof OperatorSpec.Filter) {
            sameTypeAsInput(operator, "a filter");
        } else if (spec instanceof OperatorSpec.Reduce reduce) {
            sameTypeAsInput(operator, "a reduce");
            keys(reduce.keys(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.GroupReduce group) {
            keys(group.keys(), inputs.get(0));
            ordering(group.groupOrder(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.GroupCombine combine) {
            keys(combine.keys(), inputs.get(0));
            ordering(combine.groupOrder(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.Distinct distinct) {
            sameTypeAsInput(operator, "distinct");
            keys(distinct.keys() == null ? Keys.fields("*") : distinct.keys(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.FirstN first) {
            sameTypeAsInput(operator, "first(n)");
            keys(first.keys(), inputs.get(0));
            ordering(first.order(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.Partition partition) {
            sameTypeAsInput(operator, "a partitioning");
            keys(partition.keys(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.SortPartition sort) {
            sameTypeAsInput(operator, "sortPartition");
            ordering(sort.order(), inputs.get(0));
        } else if (spec instanceof OperatorSpec.Join join) {
            matchingKeys(operator, join.leftKeys(), join.rightKeys());
        } else if (spec instanceof OperatorSpec.CoGroup coGroup) {
            matchingKeys(operator, coGroup.leftKeys(), coGroup.rightKeys());
            ordering(coGroup.leftGroupOrder(), inputs.get(0));
            ordering(coGroup.rightGroupOrder(), inputs.get(1));
        } else if (spec instanceof OperatorSpec.Union) {
            for (Operator<?> input : inputs) {
                if (!input.outputType().equals(operator.outputType())) {
                    throw new InvalidPlanException(operator.describe() + ": a union needs inputs of one type, but "
                            + input.describe() + " produces " + input.outputType() + " and the union "
                            + operator.outputType() + ".");
                }
            }
        } else if (spec instanceof OperatorSpec.BulkIteration bulk) {
            checkBulkIteration(operator, bulk);
        } else if (spec instanceof OperatorSpec.DeltaIteration delta) {
            checkDeltaIteration(operator, delta);
        }
        // sources, sinks, maps, flatMaps, mapPartitions, crosses and placeholders need no checks
    }

    private static void sameTypeAsInput(Operator<?> operator, String what) {
        TypeInfo<?> input = operator.input(0).outputType();
        if (!input.equals(operator.outputType())) {
            throw new InvalidPlanException(operator.describe() + ": " + what + " keeps the type of its input, " + input
                    + ", but is declared to produce " + operator.outputType() + ".");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeInfo<?>> keys(Keys keys, Operator<?> input) {
        if (keys == null) {
            return List.of();
        }
        List<TypeInfo<?>> types = keys.keyFieldTypes(input.outputType());
        for (TypeInfo<?> type : types) {
            if (!type.isKeyType()) {
                throw new InvalidTypesException("the key " + keys + " includes " + type + ", which cannot be a key: "
                        + type.whyNotAKey() + ".");
            }
        }
        return types;
    }

    private static void ordering(Ordering ordering, Operator<?> input) {
        if (ordering == null) {
            return;
        }
        List<TypeInfo<?>> types = keys(ordering.keys(), input);
        if (types.size() != ordering.ascending().length) {
            throw new InvalidTypesException("the order " + ordering + " gives " + ordering.ascending().length
                    + " directions for " + types.size() + " key fields");
        }
    }

    private static void matchingKeys(Operator<?> operator, Keys<?> left, Keys<?> right) {
        List<TypeInfo<?>> leftTypes = keys(left, operator.input(0));
        List<TypeInfo<?>> rightTypes = keys(right, operator.input(1));
        if (!leftTypes.equals(rightTypes)) {
            throw new InvalidPlanException(operator.describe()
                    + ": the keys of the two inputs must have the same types,"
                    + " but " + left + " of " + operator.input(0).describe() + " is " + leftTypes + " and " + right
                    + " of " + operator.input(1).describe() + " is " + rightTypes + ". Convert one side's key (map it"
                    + " first, or use a key selector).");
        }
    }

    private static void checkBulkIteration(Operator<?> iteration, OperatorSpec.BulkIteration bulk) {
        placeholder(iteration, bulk.partialSolution(), OperatorSpec.PlaceholderRole.PARTIAL_SOLUTION);
        TypeInfo<?> initial = iteration.input(0).outputType();
        if (!bulk.nextPartialSolution().outputType().equals(initial)) {
            throw new InvalidPlanException(iteration.describe() + ": the step function must produce the type of the"
                    + " partial solution, " + initial + ", but "
                    + bulk.nextPartialSolution().describe() + " produces "
                    + bulk.nextPartialSolution().outputType() + ".");
        }
        dependsOn(iteration, bulk.nextPartialSolution(), "the next partial solution", List.of(bulk.partialSolution()));
        if (bulk.terminationCriterion() != null) {
            dependsOn(
                    iteration,
                    bulk.terminationCriterion(),
                    "the termination criterion",
                    List.of(bulk.partialSolution()));
        }
    }

    private static void checkDeltaIteration(Operator<?> iteration, OperatorSpec.DeltaIteration delta) {
        placeholder(iteration, delta.solutionSet(), OperatorSpec.PlaceholderRole.SOLUTION_SET);
        placeholder(iteration, delta.workset(), OperatorSpec.PlaceholderRole.WORKSET);
        keys(delta.solutionSetKeys(), iteration.input(0));
        TypeInfo<?> solutionType = iteration.input(0).outputType();
        TypeInfo<?> deltaType = delta.solutionSetDelta().outputType();
        if (!deltaType.equals(solutionType)) {
            throw new InvalidPlanException(iteration.describe() + ": the solution set delta "
                    + delta.solutionSetDelta().describe() + " produces " + deltaType + ", but the solution set holds "
                    + solutionType + "; the delta must have the solution set's type (and key " + delta.solutionSetKeys()
                    + ").");
        }
        TypeInfo<?> worksetType = iteration.input(1).outputType();
        if (!delta.nextWorkset().outputType().equals(worksetType)) {
            throw new InvalidPlanException(iteration.describe() + ": the next workset "
                    + delta.nextWorkset().describe() + " produces "
                    + delta.nextWorkset().outputType() + ", but the workset holds " + worksetType + ".");
        }
        List<Operator<?>> state = List.of(delta.workset(), delta.solutionSet());
        dependsOn(iteration, delta.solutionSetDelta(), "the solution set delta", state);
        dependsOn(iteration, delta.nextWorkset(), "the next workset", state);
    }

    private static void placeholder(Operator<?> iteration, Operator<?> operator, OperatorSpec.PlaceholderRole role) {
        if (!(operator.spec() instanceof OperatorSpec.IterationPlaceholder placeholder) || placeholder.role() != role) {
            throw new IllegalArgumentException(iteration.describe() + ": " + operator + " is not a "
                    + role.name().toLowerCase(java.util.Locale.ROOT) + " placeholder");
        }
    }

    /** Fails unless {@code result} reads one of {@code state}, through inputs or broadcast inputs. */
    private static void dependsOn(Operator<?> iteration, Operator<?> result, String what, List<Operator<?>> state) {
        Set<Operator<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Operator<?>> pending = new ArrayDeque<>(List.of(result));
        while (!pending.isEmpty()) {
            Operator<?> current = pending.pop();
            if (state.stream().anyMatch(s -> s == current)) {
                return;
            }
            if (seen.add(current)) {
                pending.addAll(current.inputs());
                pending.addAll(current.broadcastInputs().values());
            }
        }
        throw new InvalidPlanException(iteration.describe() + ": " + what + ", " + result.describe()
                + ", does not depend on the iteration's "
                + (state.size() == 1 ? "partial solution" : "workset or solution set")
                + ", so every superstep would compute the same thing. Close the iteration with a data set derived from"
                + " the iteration's input.");
    }
}
