package io.weir.dataset;

import io.weir.core.functions.AbstractRichFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichFunction;
import io.weir.core.functions.RuntimeContext;

/** A {@link JoinFunction} as the {@link FlatJoinFunction} the plan holds, keeping its life cycle. */
final class JoinAdapter<L, R, O> extends AbstractRichFunction implements FlatJoinFunction<L, R, O> {

    private final JoinFunction<L, R, O> function;

    JoinAdapter(JoinFunction<L, R, O> function) {
        this.function = function;
    }

    @Override
    public void join(L left, R right, Collector<O> out) throws Exception {
        out.collect(function.join(left, right));
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        super.setRuntimeContext(context);
        if (function instanceof RichFunction rich) {
            rich.setRuntimeContext(context);
        }
    }

    @Override
    public void open(OpenContext context) throws Exception {
        if (function instanceof RichFunction rich) {
            rich.open(context);
        }
    }

    @Override
    public void close() throws Exception {
        if (function instanceof RichFunction rich) {
            rich.close();
        }
    }
}
