package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;

/** The complete graph: every vertex connected to every other ({@code n·(n-1)} directed edges). */
public final class CompleteGraph extends SimpleGraph<CompleteGraph> {
    private final long n;

    public CompleteGraph(ExecutionEnvironment env, long vertexCount) {
        super(env);
        this.n = vertexCount;
    }

    @Override
    long vertexCount() {
        return n;
    }

    @Override
    Neighbours neighbours() {
        long count = n;
        return (v, out) -> {
            for (long other = 0; other < count; other++) {
                if (other != v) {
                    out.accept(other);
                }
            }
        };
    }
}
