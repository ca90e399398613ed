package io.weir.core.functions;

/**
 * Turns each record into exactly one record: the function of {@code map}.
 */
@FunctionalInterface
public interface MapFunction<IN, OUT> extends Function {

    OUT map(IN value) throws Exception;
}
