package io.weir.core.functions;

/** A {@link FlatMapFunction} with {@code open}, {@code close} and a runtime context. */
public abstract class RichFlatMapFunction<IN, OUT> extends AbstractRichFunction implements FlatMapFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract void flatMap(IN value, Collector<OUT> out) throws Exception;
}
