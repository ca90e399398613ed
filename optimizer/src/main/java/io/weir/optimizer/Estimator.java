package io.weir.optimizer;

import io.weir.core.io.SourceStatistics;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Plan;
import io.weir.core.plan.SizeHints;
import io.weir.core.predicate.Predicate;
import io.weir.core.predicate.PredicateFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates every operator's output, inputs first, by these rules (a size hint on an operator
 * replaces the rule's figure; a hint of records alone keeps the rule's record width):
 *
 * <ul>
 *   <li>source: the format's {@link SourceStatistics} (file sizes and a sample of lines for files,
 *       exact sizes for collections), bytes = records × the sampled record width;
 *   <li>filter: half its input when its function is opaque; a declarative predicate by System R's
 *       defaults: {@code =} and {@code is null} keep a tenth, {@code !=} and {@code is not null} nine
 *       tenths, {@code < <= > >=} a third, {@code and} the product, {@code or} the sum less the
 *       product, {@code not} the rest;
 *   <li>map, flatMap, mapPartition, combineGroup, sortPartition, partition, sink: as its input (one
 *       record out per record in, as wide);
 *   <li>reduce, groupReduce, distinct and first(n) per group: one record per group (n for first(n)),
 *       the groups being the product of the key fields' distinct values when they are known (sampled
 *       by the source, carried through the fields operators forward), at most the input; else as
 *       the input, its upper bound; a reduce of the whole data set is one record; first(n) of the
 *       whole data set at most n records;
 *   <li>join (inner or outer): as many records as the larger input (a key-foreign-key join), each as
 *       wide as one of each input together;
 *   <li>coGroup: the records of both inputs, as wide as the wider input's; cross: the product, as wide
 *       as both together; union: the sum;
 *   <li>an iteration: as its initial (solution) set; inside a step function, the partial solution,
 *       the workset and the solution set as the iteration's initial ones (a superstep's data is
 *       taken to be as large as the first's).
 * </ul>
 *
 * Anything computed from an unknown figure stays unknown.
 */
final class Estimator {

    private final Map<Operator<?>, Estimate> estimates = new IdentityHashMap<>();
    /** Each iteration placeholder: the iteration input it stands for. */
    private final Map<Operator<?>, Operator<?>> placeholders = new IdentityHashMap<>();

    static Map<Operator<?>, Estimate> estimate(Plan plan) {
        Estimator estimator = new Estimator();
        for (Operator<?> operator : plan.allOperators()) {
            if (operator.spec() instanceof OperatorSpec.BulkIteration bulk) {
                estimator.placeholders.put(bulk.partialSolution(), operator.input(0));
            } else if (operator.spec() instanceof OperatorSpec.DeltaIteration delta) {
                estimator.placeholders.put(delta.solutionSet(), operator.input(0));
                estimator.placeholders.put(delta.workset(), operator.input(1));
            }
        }
        for (Operator<?> operator : plan.allOperators()) {
            estimator.estimates.put(operator, estimator.withHints(operator, estimator.byRule(operator)));
        }
        return estimator.estimates;
    }

    private Estimate withHints(Operator<?> operator, Estimate rule) {
        SizeHints hints = operator.sizeHints();
        if (!hints.isKnown()) {
            return rule;
        }
        long records = hints.records() >= 0 ? hints.records() : rule.records();
        long bytes = hints.bytes();
        if (bytes < 0 && records >= 0 && rule.width() >= 0) {
            bytes = Math.round(records * rule.width());
        } else if (bytes < 0 && hints.records() < 0) {
            bytes = rule.bytes();
        }
        return new Estimate(records, bytes, "hint", rule.distinct());
    }

    private Estimate byRule(Operator<?> operator) {
        List<Estimate> inputs = new ArrayList<>();
        for (Operator<?> input : operator.inputs()) {
            inputs.add(estimates.getOrDefault(input, Estimate.UNKNOWN));
        }
        OperatorSpec spec = operator.spec();
        if (spec instanceof OperatorSpec.Source source) {
            return source(source);
        }
        if (spec instanceof OperatorSpec.Filter filter) {
            return inputs.get(0)
                    .scaled(
                            filter.function() instanceof PredicateFilter<?> predicate
                                    ? selectivity(predicate.predicate())
                                    : 0.5);
        }
        if (spec instanceof OperatorSpec.Reduce reduce && reduce.keys() == null) {
            Estimate input = inputs.get(0);
            double width = input.width();
            return new Estimate(input.knowsRecords() ? 1 : -1, width < 0 ? -1 : Math.round(width), "rule");
        }
        if (spec instanceof OperatorSpec.FirstN first && first.keys() == null) {
            Estimate input = inputs.get(0);
            return input.knowsRecords() && input.records() > first.n()
                    ? input.scaled((double) first.n() / input.records())
                    : input.scaled(1);
        }
        if (spec instanceof OperatorSpec.Join) {
            Estimate left = inputs.get(0);
            Estimate right = inputs.get(1);
            if (!left.knowsRecords() || !right.knowsRecords()) {
                return Estimate.UNKNOWN;
            }
            long records = Math.max(left.records(), right.records());
            java.util.Map<String, Long> distinct =
                    new java.util.HashMap<>(FieldForwarding.of(operator, 1).mapDistinct(right.distinct()));
            distinct.putAll(FieldForwarding.of(operator, 0).mapDistinct(left.distinct()));
            return new Estimate(records, together(left, right, records), "rule", distinct);
        }
        if (spec instanceof OperatorSpec.Cross) {
            Estimate left = inputs.get(0);
            Estimate right = inputs.get(1);
            if (!left.knowsRecords() || !right.knowsRecords()) {
                return Estimate.UNKNOWN;
            }
            long records = multiply(left.records(), right.records());
            return new Estimate(records, together(left, right, records), "rule");
        }
        if (spec instanceof OperatorSpec.CoGroup) {
            Estimate left = inputs.get(0);
            Estimate right = inputs.get(1);
            if (!left.knowsRecords() || !right.knowsRecords()) {
                return Estimate.UNKNOWN;
            }
            long records = left.records() + right.records();
            double width = Math.max(left.width(), right.width());
            return new Estimate(
                    records, left.width() < 0 || right.width() < 0 ? -1 : Math.round(records * width), "rule");
        }
        if (spec instanceof OperatorSpec.Union) {
            long records = 0;
            long bytes = 0;
            for (Estimate input : inputs) {
                records = input.knowsRecords() && records >= 0 ? records + input.records() : -1;
                bytes = input.knowsBytes() && bytes >= 0 ? bytes + input.bytes() : -1;
            }
            return new Estimate(records, bytes, "rule");
        }
        if (spec instanceof OperatorSpec.IterationPlaceholder) {
            Operator<?> initial = placeholders.get(operator);
            return initial == null ? Estimate.UNKNOWN : estimates.getOrDefault(initial, Estimate.UNKNOWN);
        }
        if (inputs.isEmpty()) {
            return Estimate.UNKNOWN;
        }
        Estimate input = inputs.get(0);
        java.util.Map<String, Long> distinct = FieldForwarding.of(operator, 0).mapDistinct(input.distinct());
        io.weir.core.types.Keys<?> keys = groupingKeys(spec);
        if (keys != null) {
            long groups = groups(operator, keys, input);
            if (groups >= 0) {
                long records = spec instanceof OperatorSpec.FirstN first
                        ? Math.min(input.records(), multiply(groups, first.n()))
                        : groups;
                return input.scaled(input.records() == 0 ? 0 : (double) records / input.records())
                        .withDistinct(distinct);
            }
        }
        // record-at-a-time, groupings of unknown keys (upper bound), partitionings, sinks, iterations
        return input.scaled(1).withDistinct(distinct);
    }

    /** The keys of a grouping (reduce, distinct, group reduce, first(n) per group), else {@code null}. */
    private static io.weir.core.types.Keys<?> groupingKeys(OperatorSpec spec) {
        boolean grouping = spec instanceof OperatorSpec.Reduce
                || spec instanceof OperatorSpec.Distinct
                || spec instanceof OperatorSpec.GroupReduce
                || spec instanceof OperatorSpec.FirstN;
        return grouping ? FieldForwarding.groupingKeys(spec) : null;
    }

    /**
     * The groups of a grouping: the product of its key fields' distinct values, at most the input's
     * records; -1 when a key field's distinct values (or the input's size) are unknown.
     */
    private static long groups(Operator<?> operator, io.weir.core.types.Keys<?> keys, Estimate input) {
        List<String> fields =
                FieldForwarding.keyFields(operator, keys, operator.input(0).outputType());
        if (fields == null || !input.knowsRecords()) {
            return -1;
        }
        long groups = 1;
        for (String field : fields) {
            Long distinct = input.distinct().get(field);
            if (distinct == null) {
                return -1;
            }
            groups = multiply(groups, Math.max(1, distinct));
        }
        return Math.min(groups, input.records());
    }

    /** The fraction of records a predicate keeps, by the rules above. */
    static double selectivity(Predicate predicate) {
        if (predicate instanceof Predicate.And and) {
            return selectivity(and.left()) * selectivity(and.right());
        }
        if (predicate instanceof Predicate.Or or) {
            double left = selectivity(or.left());
            double right = selectivity(or.right());
            return left + right - left * right;
        }
        if (predicate instanceof Predicate.Not not) {
            return 1 - selectivity(not.predicate());
        }
        return switch (((Predicate.Compare) predicate).op()) {
            case EQ -> 0.1;
            case NOT_EQ -> 0.9;
            default -> 1.0 / 3;
        };
    }

    private static Estimate source(OperatorSpec.Source source) {
        SourceStatistics statistics;
        try {
            statistics = source.format().statistics();
        } catch (IOException | RuntimeException e) {
            // the job itself reports what is wrong with the input, when it reads it
            return Estimate.UNKNOWN;
        }
        long bytes = statistics.records() >= 0 && statistics.recordWidth() >= 0
                ? Math.round(statistics.records() * statistics.recordWidth())
                : statistics.inputBytes();
        return new Estimate(statistics.records(), bytes, "statistics", statistics.distinctValues());
    }

    /** The bytes of {@code records} records each as wide as one of each input together, or -1. */
    private static long together(Estimate left, Estimate right, long records) {
        if (left.width() < 0 || right.width() < 0) {
            return -1;
        }
        return Math.round(records * (left.width() + right.width()));
    }

    private static long multiply(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }
}
