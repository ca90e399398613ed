package io.weir.core.functions;

import java.util.Objects;

/**
 * A function that Weir puts around a user's function to give it the shape a driver calls (a {@code
 * JoinFunction} as a {@code FlatJoinFunction}, a combine function as a group reduce): it passes the
 * runtime context, {@code open} and {@code close} on to the wrapped function when that is rich.
 */
public abstract class WrappingFunction<F extends Function> extends AbstractRichFunction {

    private static final long serialVersionUID = 1L;

    protected final F wrapped;

    protected WrappingFunction(F wrapped) {
        this.wrapped = Objects.requireNonNull(wrapped, "wrapped function is null");
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        if (wrapped instanceof RichFunction rich) {
            rich.setRuntimeContext(context);
        }
    }

    @Override
    public void open(OpenContext context) throws Exception {
        if (wrapped instanceof RichFunction rich) {
            rich.open(context);
        }
    }

    @Override
    public void close() throws Exception {
        if (wrapped instanceof RichFunction rich) {
            rich.close();
        }
    }
}
