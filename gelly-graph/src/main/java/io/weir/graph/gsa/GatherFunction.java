package io.weir.graph.gsa;

import io.weir.graph.IterationFunction;

/**
 * Gather of a gather-sum-apply iteration: the value one neighbour contributes to a vertex (with the
 * default direction, a vertex whose value changed contributes to the targets of its out-edges).
 *
 * @param <VV> the vertex value type
 * @param <EV> the edge value type
 * @param <M> the type of the gathered values
 */
public abstract class GatherFunction<VV, EV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    public abstract M gather(Neighbor<VV, EV> neighbor) throws Exception;
}
