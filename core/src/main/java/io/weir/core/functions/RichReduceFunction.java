package io.weir.core.functions;

/** A {@link ReduceFunction} with {@code open}, {@code close} and a runtime context. */
public abstract class RichReduceFunction<T> extends AbstractRichFunction implements ReduceFunction<T> {

    private static final long serialVersionUID = 1L;

    @Override
    public abstract T reduce(T first, T second) throws Exception;
}
