package io.weir.graph.gsa;

import io.weir.graph.IterationFunction;

/** Sum of a gather-sum-apply iteration: combines two gathered values (associative and commutative). */
public abstract class SumFunction<VV, EV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    public abstract M sum(M first, M second) throws Exception;
}
