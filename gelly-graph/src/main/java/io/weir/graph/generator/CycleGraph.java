package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;

/** A cycle {@code 0 - 1 - ... - (n-1) - 0} (for n = 2 a single edge, for n = 1 no edge). */
public final class CycleGraph extends SimpleGraph<CycleGraph> {

    public CycleGraph(ExecutionEnvironment env, long vertexCount) {
        super(env, vertexCount);
    }

    @Override
    Neighbours neighbours() {
        long count = vertexCount();
        return (v, out) -> {
            if (count == 2) {
                out.accept(1 - v);
            } else if (count > 2) {
                out.accept((v + count - 1) % count);
                out.accept((v + 1) % count);
            }
        };
    }
}
