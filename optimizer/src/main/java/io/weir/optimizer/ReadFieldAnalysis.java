package io.weir.optimizer;

import io.weir.core.plan.ForwardedFields;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.predicate.PredicateFilter;
import io.weir.core.types.Keys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which top-level fields of an operator's output the program reads — what a source may leave unread.
 * A consumer reads a field when: a declarative filter names it or a consumer behind the filter reads
 * it; an operator with declared read fields for that input declares it, forwards it, or keys on it.
 * Any other consumer (an opaque function without declarations, a sink, a broadcast set) reads every
 * field.
 */
final class ReadFieldAnalysis {

    private ReadFieldAnalysis() {}

    /** The top-level fields of {@code operator}'s output its consumers read, or {@code null} for all. */
    static Set<String> neededFields(Operator<?> operator, Map<Operator<?>, List<Operator<?>>> consumers) {
        Set<String> needed = new LinkedHashSet<>();
        for (Operator<?> consumer : consumers.get(operator)) {
            if (consumer.broadcastInputs().containsValue(operator)) {
                return null;
            }
            int input = consumer.inputs().indexOf(operator);
            if (input < 0 || consumer.inputs().lastIndexOf(operator) != input) {
                return null; // read inside an iteration's step, or twice by one operator
            }
            if (consumer.spec() instanceof OperatorSpec.Filter filter
                    && filter.function() instanceof PredicateFilter<?> predicate) {
                predicate.predicate().columns().forEach(column -> needed.add(topLevel(column)));
                Set<String> behind = neededFields(consumer, consumers);
                if (behind == null) {
                    return null;
                }
                needed.addAll(behind);
                continue;
            }
            List<String> read = consumer.readFields().isEmpty()
                    ? null
                    : consumer.readFields().get(input);
            if (read == null) {
                return null;
            }
            read.forEach(field -> needed.add(topLevel(field)));
            if (!consumer.forwardedFields().isEmpty()) {
                for (ForwardedFields.Mapping mapping :
                        consumer.forwardedFields().get(input).mappings()) {
                    needed.add(topLevel(mapping.from()));
                }
            }
            for (Keys<?> keys : keysOf(consumer, input)) {
                List<String> fields = FieldForwarding.keyFields(consumer, keys, operator.outputType());
                if (fields == null) {
                    return null; // a key selector may read anything
                }
                fields.forEach(field -> needed.add(topLevel(field)));
            }
        }
        return needed.contains("*") ? null : needed;
    }

    /** The keys an operator reads from input {@code input}. */
    private static List<Keys<?>> keysOf(Operator<?> operator, int input) {
        OperatorSpec spec = operator.spec();
        List<Keys<?>> keys = new ArrayList<>();
        if (spec instanceof OperatorSpec.Join join) {
            keys.add(input == 0 ? join.leftKeys() : join.rightKeys());
        } else if (spec instanceof OperatorSpec.CoGroup coGroup) {
            keys.add(input == 0 ? coGroup.leftKeys() : coGroup.rightKeys());
            OperatorSpec.CoGroup c = coGroup;
            if ((input == 0 ? c.leftGroupOrder() : c.rightGroupOrder()) != null) {
                keys.add((input == 0 ? c.leftGroupOrder() : c.rightGroupOrder()).keys());
            }
        } else if (spec instanceof OperatorSpec.Reduce reduce && reduce.keys() != null) {
            keys.add(reduce.keys());
        } else if (spec instanceof OperatorSpec.GroupReduce groupReduce) {
            if (groupReduce.keys() != null) {
                keys.add(groupReduce.keys());
            }
            if (groupReduce.groupOrder() != null) {
                keys.add(groupReduce.groupOrder().keys());
            }
        } else if (spec instanceof OperatorSpec.GroupCombine combine) {
            if (combine.keys() != null) {
                keys.add(combine.keys());
            }
            if (combine.groupOrder() != null) {
                keys.add(combine.groupOrder().keys());
            }
        }
        return keys;
    }

    private static String topLevel(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
