package io.weir.core.functions;

/** A {@link MapFunction} with {@code open}, {@code close} and a runtime context. */
public abstract class RichMapFunction<IN, OUT> extends AbstractRichFunction implements MapFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract OUT map(IN value) throws Exception;
}
