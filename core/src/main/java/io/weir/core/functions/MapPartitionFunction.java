package io.weir.core.functions;

/**
 * Sees all records of one parallel partition at once, as an iterable that can be traversed once: the function of {@code mapPartition}.
 */
@FunctionalInterface
public interface MapPartitionFunction<IN, OUT> extends Function {

    void mapPartition(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
