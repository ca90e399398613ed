package io.weir.graph.generator;

import io.weir.dataset.ExecutionEnvironment;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of any number of dimensions, as Gelly's: {@code addDimension(size, wrapEndpoints)} per
 * dimension; a vertex's id is its coordinates in mixed radix (the first dimension varies fastest);
 * neighbours differ by one in one coordinate, and with wrapping the last of a dimension (of more than
 * two) is also the first's neighbour.
 */
public final class GridGraph extends SimpleGraph<GridGraph> {
    private final List<long[]> dimensions = new ArrayList<>(); // {size, wrap ? 1 : 0}

    public GridGraph(ExecutionEnvironment env) {
        super(env);
    }

    public GridGraph addDimension(long size, boolean wrapEndpoints) {
        if (size < 1) {
            throw new IllegalArgumentException("a grid dimension has at least 1 vertex, not " + size);
        }
        dimensions.add(new long[] {size, wrapEndpoints ? 1 : 0});
        return this;
    }

    @Override
    long vertexCount() {
        if (dimensions.isEmpty()) {
            throw new IllegalStateException("a grid needs a dimension: addDimension(size, wrapEndpoints)");
        }
        long count = 1;
        for (long[] dimension : dimensions) {
            count = Math.multiplyExact(count, dimension[0]);
        }
        return count;
    }

    @Override
    Neighbours neighbours() {
        long[][] dims = dimensions.toArray(long[][]::new);
        return (v, out) -> {
            long stride = 1;
            for (long[] dimension : dims) {
                long size = dimension[0];
                long coordinate = (v / stride) % size;
                boolean wrap = dimension[1] == 1 && size > 2;
                if (coordinate > 0) {
                    out.accept(v - stride);
                } else if (wrap) {
                    out.accept(v + (size - 1) * stride);
                }
                if (coordinate < size - 1) {
                    out.accept(v + stride);
                } else if (wrap) {
                    out.accept(v - (size - 1) * stride);
                }
                stride *= size;
            }
        };
    }
}
