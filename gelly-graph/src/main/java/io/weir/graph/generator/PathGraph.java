package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;

/** A path {@code 0 - 1 - ... - (n-1)}. */
public final class PathGraph extends SimpleGraph<PathGraph> {

    public PathGraph(ExecutionEnvironment env, long vertexCount) {
        super(env, vertexCount);
    }

    @Override
    Neighbours neighbours() {
        long last = vertexCount() - 1;
        return (v, out) -> {
            if (v > 0) {
                out.accept(v - 1);
            }
            if (v < last) {
                out.accept(v + 1);
            }
        };
    }
}
