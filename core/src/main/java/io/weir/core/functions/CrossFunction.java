package io.weir.core.functions;

/**
 * Turns each pair of the cartesian product into one record: the function of {@code cross}.
 */
@FunctionalInterface
public interface CrossFunction<IN1, IN2, OUT> extends Function {

    OUT cross(IN1 first, IN2 second) throws Exception;
}
