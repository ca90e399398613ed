package io.weir.core.functions;

/**
 * Pre-aggregates the records of a group that are at hand in one parallel instance, before they are shuffled: the function of {@code combineGroup}, and the combiner of a combinable group reduce. It may see only part of a group, and a group may be combined several times.
 */
@FunctionalInterface
public interface GroupCombineFunction<IN, OUT> extends Function {

    void combine(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
