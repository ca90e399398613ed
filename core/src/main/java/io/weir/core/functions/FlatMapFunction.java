package io.weir.core.functions;

/**
 * Turns each record into zero or more records, emitted to the collector: the function of {@code flatMap}.
 */
@FunctionalInterface
public interface FlatMapFunction<IN, OUT> extends Function {

    void flatMap(IN value, Collector<OUT> out) throws Exception;
}
