package io.weir.core.functions;

/**
 * Turns each pair of joined records into one record: the function of {@code join(...).with(...)}. In outer joins the missing side is {@code null}.
 */
@FunctionalInterface
public interface JoinFunction<IN1, IN2, OUT> extends Function {

    OUT join(IN1 first, IN2 second) throws Exception;
}
