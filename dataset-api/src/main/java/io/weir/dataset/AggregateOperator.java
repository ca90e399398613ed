package io.weir.dataset;

import io.weir.core.functions.KeySelector;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.serialization.CompositeAccess;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Built-in aggregations of fields, per group or over the whole data set: {@code
 * aggregate(SUM, "amount").and(MAX, "date")}, or {@code sum}, {@code min}, {@code max}. The result has
 * the input's type: each aggregated field holds its aggregate, the grouping keys their group's value,
 * and every other field the value of one of the group's records. It runs as a reduce (with a combiner
 * before the shuffle), and for COUNT and AVERAGE a map on either side that carries the counts.
 */
public final class AggregateOperator<T> extends DataSet<T> {

    private final DataSet<T> input;
    private final Keys<T> keys;
    private final List<FieldAggregation.Step> steps;

    AggregateOperator(DataSet<T> input, Keys<T> keys, List<FieldAggregation.Step> steps) {
        super(input.environment, spec(input, keys, steps), inputs(input, keys, steps), input.getType());
        this.input = input;
        this.keys = keys;
        this.steps = List.copyOf(steps);
        name("aggregate " + describeSteps(input, steps));
    }

    /** This aggregation and one more. */
    public AggregateOperator<T> and(Aggregations function, int field) {
        return with(FieldAggregation.step(input, function, field));
    }

    public AggregateOperator<T> and(Aggregations function, String field) {
        return with(FieldAggregation.step(input, function, field));
    }

    public AggregateOperator<T> andSum(int field) {
        return and(Aggregations.SUM, field);
    }

    public AggregateOperator<T> andMin(int field) {
        return and(Aggregations.MIN, field);
    }

    public AggregateOperator<T> andMax(int field) {
        return and(Aggregations.MAX, field);
    }

    private AggregateOperator<T> with(FieldAggregation.Step step) {
        List<FieldAggregation.Step> more = new ArrayList<>(steps);
        more.add(step);
        return new AggregateOperator<>(input, keys, more);
    }

    private static boolean counted(List<FieldAggregation.Step> steps) {
        return steps.stream().anyMatch(FieldAggregation.Step::counted);
    }

    private static <T> CompositeAccess<T> access(DataSet<T> input) {
        return FieldAggregation.composite(input, "aggregate").access();
    }

    /** Without counts, the reduce itself; with counts, the map that writes them into the fields. */
    private static <T> OperatorSpec spec(DataSet<T> input, Keys<T> keys, List<FieldAggregation.Step> steps) {
        CompositeAccess<T> access = access(input);
        if (!counted(steps)) {
            return new OperatorSpec.Reduce(
                    keys, new FieldAggregation.Reducer<>(access, steps), OperatorSpec.CombineHint.OPTIMIZER_CHOOSES);
        }
        return new OperatorSpec.Map(new FieldAggregation.Finish<>(access, steps));
    }

    /** Without counts, the input; with counts, the reduce of the records paired with their counts. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> List<DataSet<?>> inputs(DataSet<T> input, Keys<T> keys, List<FieldAggregation.Step> steps) {
        if (!counted(steps)) {
            return List.of(input);
        }
        CompositeAccess<T> access = access(input);
        TypeInfo<Tuple2<T, long[]>> pairType = Types.TUPLE(input.getType(), Types.PRIMITIVE_ARRAY(long[].class));
        String name = describeSteps(input, steps);
        DataSet<Tuple2<T, long[]>> paired = new DataSet<>(
                        input.environment,
                        new OperatorSpec.Map(new FieldAggregation.Pair<>(access, steps)),
                        List.of(input),
                        pairType)
                .name("aggregate " + name + " (count)");
        DataSet<Tuple2<T, long[]>> reduced = new DataSet<>(
                        input.environment,
                        new OperatorSpec.Reduce(
                                keys == null ? null : onFirstField(input.getType(), keys),
                                new FieldAggregation.CountingReducer<>(new FieldAggregation.Reducer<>(access, steps)),
                                OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                        List.of(paired),
                        pairType)
                .name("aggregate " + name + " (reduce)");
        return List.of(reduced);
    }

    /** The same keys on the first field of a pair. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Keys onFirstField(TypeInfo<T> type, Keys<T> keys) {
        if (keys instanceof Keys.SelectorKeys selectorKeys) {
            KeySelector selector = selectorKeys.selector();
            KeySelector<Tuple2<T, long[]>, Object> onFirst = pair -> selector.getKey(pair.f0);
            return Keys.selector(onFirst, selectorKeys.keyType());
        }
        Keys.FieldKeys<T> fieldKeys = (Keys.FieldKeys<T>) keys;
        CompositeTypeInfo<T> composite = (CompositeTypeInfo<T>) type;
        List<String> expressions = fieldKeys.positions() == null
                ? fieldKeys.expressions()
                : java.util.Arrays.stream(fieldKeys.positions())
                        .mapToObj(position -> composite.field(position).name())
                        .toList();
        return Keys.fields(expressions.stream()
                .map(expression -> expression.equals("*") || expression.equals("_") ? "f0" : "f0." + expression)
                .toArray(String[]::new));
    }

    private static String describeSteps(DataSet<?> input, List<FieldAggregation.Step> steps) {
        CompositeTypeInfo<?> type = FieldAggregation.composite(input, "aggregate");
        List<String> parts = new ArrayList<>();
        for (FieldAggregation.Step step : steps) {
            parts.add(step.function().name().toLowerCase(java.util.Locale.ROOT) + "("
                    + type.field(step.field()).name() + ")");
        }
        return String.join(", ", parts);
    }
}
