package io.weir.core.functions;

/** A {@link GroupReduceFunction} with {@code open}, {@code close} and a runtime context. */
public abstract class RichGroupReduceFunction<IN, OUT> extends AbstractRichFunction
        implements GroupReduceFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract void reduce(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
