package io.weir.core.functions;

/**
 * Sees all records of one group (or of the whole data set), as an iterable that can be traversed once, and emits any number of records: the function of {@code reduceGroup}.
 */
@FunctionalInterface
public interface GroupReduceFunction<IN, OUT> extends Function {

    void reduce(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
