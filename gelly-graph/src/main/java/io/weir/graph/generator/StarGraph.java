package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;

/** A star: vertex 0 connected to each of {@code 1 .. n-1}. */
public final class StarGraph extends SimpleGraph<StarGraph> {

    public StarGraph(ExecutionEnvironment env, long vertexCount) {
        super(env, vertexCount);
    }

    @Override
    Neighbours neighbours() {
        long count = vertexCount();
        return (v, out) -> {
            if (v == 0) {
                for (long leaf = 1; leaf < count; leaf++) {
                    out.accept(leaf);
                }
            } else {
                out.accept(0);
            }
        };
    }
}
