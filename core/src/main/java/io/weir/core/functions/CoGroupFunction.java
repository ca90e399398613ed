package io.weir.core.functions;

/**
 * Sees, for each key, all records of both inputs with that key (either side may be empty), as iterables that can be traversed once: the function of {@code coGroup}.
 */
@FunctionalInterface
public interface CoGroupFunction<IN1, IN2, OUT> extends Function {

    void coGroup(Iterable<IN1> first, Iterable<IN2> second, Collector<OUT> out) throws Exception;
}
