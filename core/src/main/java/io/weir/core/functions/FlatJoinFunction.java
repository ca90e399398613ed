package io.weir.core.functions;

/**
 * Turns each pair of joined records into zero or more records. In outer joins the missing side is {@code null}.
 */
@FunctionalInterface
public interface FlatJoinFunction<IN1, IN2, OUT> extends Function {

    void join(IN1 first, IN2 second, Collector<OUT> out) throws Exception;
}
