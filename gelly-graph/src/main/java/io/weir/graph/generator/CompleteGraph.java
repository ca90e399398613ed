package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;

/** The complete graph: every vertex connected to every other ({@code n·(n-1)} directed edges). */
public final class CompleteGraph extends SimpleGraph<CompleteGraph> {

    public CompleteGraph(ExecutionEnvironment env, long vertexCount) {
        super(env, vertexCount);
    }

    @Override
    Neighbours neighbours() {
        long count = vertexCount();
        return (v, out) -> {
            for (long other = 0; other < count; other++) {
                if (other != v) {
                    out.accept(other);
                }
            }
        };
    }
}
