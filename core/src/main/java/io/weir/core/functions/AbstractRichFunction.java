package io.weir.core.functions;

/**
 * The base of rich functions: keeps the runtime context, and does nothing in {@code open} and
 * {@code close} unless overridden.
 */
public abstract class AbstractRichFunction implements RichFunction {

    private static final long serialVersionUID = 1L;

    private transient RuntimeContext runtimeContext;

    @Override
    public void open(OpenContext context) throws Exception {}

    @Override
    public void close() throws Exception {}

    @Override
    public RuntimeContext getRuntimeContext() {
        if (runtimeContext == null) {
            throw new IllegalStateException("the runtime context is set only while the function runs in a task");
        }
        return runtimeContext;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        this.runtimeContext = context;
    }
}
