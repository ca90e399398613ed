package io.weir.dataset;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.WrappingFunction;

/** A {@link JoinFunction} as the {@link FlatJoinFunction} the plan holds, keeping its life cycle. */
final class JoinAdapter<L, R, O> extends WrappingFunction<JoinFunction<L, R, O>> implements FlatJoinFunction<L, R, O> {

    JoinAdapter(JoinFunction<L, R, O> function) {
        super(function);
    }

    @Override
    public void join(L left, R right, Collector<O> out) throws Exception {
        out.collect(wrapped.join(left, right));
    }
}
