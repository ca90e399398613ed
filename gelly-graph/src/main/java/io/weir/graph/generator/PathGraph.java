package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;

/** A path {@code 0 - 1 - ... - (n-1)}. */
public final class PathGraph extends SimpleGraph<PathGraph> {
    private final long n;

    public PathGraph(ExecutionEnvironment env, long vertexCount) {
        super(env);
        this.n = vertexCount;
    }

    @Override
    long vertexCount() {
        return n;
    }

    @Override
    Neighbours neighbours() {
        long last = n - 1;
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
