package io.weir.optimizer;

import io.weir.core.plan.ForwardedFields;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fields an operator copies unchanged from an input to its output, so that a partitioning on
 * them survives it: declared by the user ({@code withForwardedFields}), or known for operators that
 * pass records on as they are (filter, partitionings, sortPartition, first(n), distinct, sinks) and
 * for the key fields of a reduce (its hash table keeps each result in its key's slot, so a reduce
 * function must keep the key).
 */
final class FieldForwarding {

    /** Input field → output field; {@code null} means every field as it is. */
    private final Map<String, String> fields;

    private FieldForwarding(Map<String, String> fields) {
        this.fields = fields;
    }

    static final FieldForwarding ALL = new FieldForwarding(null);

    /** What {@code operator} forwards from input {@code input}. */
    static FieldForwarding of(Operator<?> operator, int input) {
        OperatorSpec spec = operator.spec();
        if (spec instanceof OperatorSpec.Filter
                || spec instanceof OperatorSpec.Partition
                || spec instanceof OperatorSpec.SortPartition
                || spec instanceof OperatorSpec.FirstN
                || spec instanceof OperatorSpec.Distinct
                || spec instanceof OperatorSpec.Sink) {
            return ALL;
        }
        Map<String, String> forwarded = new HashMap<>();
        if (spec instanceof OperatorSpec.Reduce reduce && reduce.keys() != null) {
            List<String> keys =
                    keyFields(operator, reduce.keys(), operator.input(0).outputType());
            if (keys != null) {
                keys.forEach(key -> forwarded.put(key, key));
            }
        }
        if (!operator.forwardedFields().isEmpty()) {
            declared(operator, input, operator.forwardedFields().get(input), forwarded);
        }
        return new FieldForwarding(forwarded);
    }

    private static void declared(
            Operator<?> operator, int input, ForwardedFields declaration, Map<String, String> into) {
        TypeInfo<?> from = operator.input(input).outputType();
        TypeInfo<?> to = operator.outputType();
        for (ForwardedFields.Mapping mapping : declaration.mappings()) {
            List<Flat> source = flat(operator, from, mapping.from(), "input", mapping);
            List<Flat> target = flat(operator, to, mapping.to(), "output", mapping);
            if (source.size() != target.size()) {
                throw new InvalidPlanException(operator.describe() + ": forwarded field '" + mapping.from() + "->"
                        + mapping.to() + "' maps " + source.size() + " field(s) onto " + target.size()
                        + "; name fields of the same shape on both sides");
            }
            for (int i = 0; i < source.size(); i++) {
                if (!source.get(i).type().equals(target.get(i).type())) {
                    throw new InvalidPlanException(operator.describe() + ": forwarded field '"
                            + source.get(i).name() + "->" + target.get(i).name() + "' maps a "
                            + source.get(i).type() + " onto a " + target.get(i).type()
                            + "; a forwarded field keeps its type");
                }
                into.put(source.get(i).name(), target.get(i).name());
            }
        }
    }

    private record Flat(String name, TypeInfo<?> type) {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Flat> flat(
            Operator<?> operator, TypeInfo<?> type, String expression, String side, ForwardedFields.Mapping mapping) {
        List<Flat> result = new ArrayList<>();
        if (type instanceof CompositeTypeInfo composite) {
            try {
                for (Object path : composite.resolveKey(expression)) {
                    CompositeTypeInfo.KeyPath key = (CompositeTypeInfo.KeyPath) path;
                    result.add(new Flat(key.name(), key.type()));
                }
            } catch (InvalidTypesException e) {
                throw new InvalidPlanException(operator.describe() + ": forwarded field '" + mapping.from() + "->"
                        + mapping.to() + "' names no field of the " + side + " type: " + e.getMessage());
            }
        } else if (expression.equals("*") || expression.equals("_")) {
            result.add(new Flat("*", type));
        } else {
            throw new InvalidPlanException(operator.describe() + ": forwarded field '" + expression + "': the " + side
                    + " type " + type + " has no fields; forward it whole with \"*\"");
        }
        return result;
    }

    /**
     * The flat names of a key's fields on {@code type}, in key order, or {@code null} for a key
     * selector (whose key no property can follow).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<String> keyFields(Operator<?> operator, Keys<?> keys, TypeInfo<?> type) {
        if (!(keys instanceof Keys.FieldKeys fieldKeys)) {
            return null;
        }
        if (!(type instanceof CompositeTypeInfo composite)) {
            return List.of("*");
        }
        try {
            List<String> names = new ArrayList<>();
            for (Object path : fieldKeys.resolve(composite)) {
                names.add(((CompositeTypeInfo.KeyPath) path).name());
            }
            return names;
        } catch (InvalidTypesException e) {
            throw new InvalidPlanException(operator.describe() + ": " + e.getMessage());
        }
    }

    /** The grouping keys of a reduce, distinct, group reduce or first(n) per group. */
    static io.weir.core.types.Keys<?> groupingKeys(OperatorSpec spec) {
        if (spec instanceof OperatorSpec.Reduce reduce) {
            return reduce.keys();
        }
        if (spec instanceof OperatorSpec.Distinct distinct) {
            return distinct.keys();
        }
        if (spec instanceof OperatorSpec.GroupReduce groupReduce) {
            return groupReduce.keys();
        }
        return ((OperatorSpec.FirstN) spec).keys();
    }

    /** Distinct counts of input fields as counts of the output fields they are forwarded to. */
    Map<String, Long> mapDistinct(Map<String, Long> distinct) {
        if (fields == null) {
            return distinct;
        }
        Map<String, Long> mapped = new HashMap<>();
        distinct.forEach((field, count) -> {
            String to = fields.get(field);
            if (to != null) {
                mapped.put(to, count);
            }
        });
        return mapped;
    }

    /** An order on input fields as an order on output fields: up to the first field not forwarded. */
    List<String> mapOrder(List<String> order) {
        if (order == null) {
            return List.of();
        }
        if (fields == null) {
            return order;
        }
        List<String> mapped = new ArrayList<>();
        for (String field : order) {
            String to = fields.get(field);
            if (to == null) {
                break;
            }
            mapped.add(to);
        }
        return mapped;
    }

    /** {@code partitioning} of the input as a property of the output at {@code parallelism}. */
    Partitioning map(Partitioning partitioning, int parallelism) {
        if (partitioning.parallelism() != parallelism) {
            return Partitioning.any(parallelism);
        }
        if (partitioning.kind() == Partitioning.Kind.ANY || fields == null) {
            return partitioning;
        }
        List<String> mapped = new ArrayList<>();
        for (String field : partitioning.fields()) {
            String to = fields.get(field);
            if (to == null) {
                return Partitioning.any(parallelism);
            }
            mapped.add(to);
        }
        return new Partitioning(partitioning.kind(), mapped, parallelism);
    }
}
