package io.weir.core.functions;

/** A {@link GroupCombineFunction} with {@code open}, {@code close} and a runtime context. */
public abstract class RichGroupCombineFunction<IN, OUT> extends AbstractRichFunction
        implements GroupCombineFunction<IN, OUT> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract void combine(Iterable<IN> values, Collector<OUT> out) throws Exception;
}
