package io.weir.core.functions;

/** A {@link MapPartitionFunction} with {@code open}, {@code close} and a runtime context. */
public abstract class RichMapPartitionFunction<IN, OUT> extends AbstractRichFunction
        implements MapPartitionFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract void mapPartition(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
