package io.weir.graph.library;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DeltaIteration;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.GraphAlgorithm;
import io.weir.graph.Vertex;

/**
 * Weakly connected components, as Gelly's: each vertex starts with its value as its label, and
 * every vertex ends with the smallest label of its component, edge directions ignored (with the
 * vertex ids as values, a component is named by its smallest id). A delta iteration: vertices whose
 * label changed send it to their neighbours (a hash join with the edges, kept across supersteps), a
 * vertex takes a smaller label it hears of; it ends when no label changes, or after {@code
 * maxIterations}.
 */
public final class ConnectedComponents<K, VV extends Comparable<VV>, EV>
        implements GraphAlgorithm<K, VV, EV, DataSet<Vertex<K, VV>>> {

    private final int maxIterations;

    public ConnectedComponents(int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("connected components needs at least 1 iteration, not " + maxIterations);
        }
        this.maxIterations = maxIterations;
    }

    @Override
    public DataSet<Vertex<K, VV>> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> keyType = graph.getKeyType();
        TypeInfo<VV> valueType = graph.getVertexValueType();
        TypeInfo<Tuple2<K, K>> pairType = Types.TUPLE(keyType, keyType);
        DataSet<Tuple2<K, VV>> initial = graph.getVertices()
                .map(vertex -> Tuple2.of(vertex.id(), vertex.value()))
                .returns(Types.TUPLE(keyType, valueType))
                .name("initial labels");
        DataSet<Tuple2<K, K>> neighbours = graph.getEdges()
                .flatMap((FlatMapFunction<Edge<K, EV>, Tuple2<K, K>>) (edge, out) -> {
                    out.collect(Tuple2.of(edge.source(), edge.target()));
                    out.collect(Tuple2.of(edge.target(), edge.source()));
                })
                .returns(pairType)
                .name("edges both ways");
        return labels(initial, neighbours, maxIterations)
                .map(label -> new Vertex<>(label.f0, label.f1))
                .returns(graph.getVertices().getType())
                .name("components");
    }

    /**
     * The smallest label of each vertex's component: {@code initial} labels each vertex, {@code
     * neighbours} holds every edge in both directions.
     */
    public static <K, L extends Comparable<L>> DataSet<Tuple2<K, L>> labels(
            DataSet<Tuple2<K, L>> initial, DataSet<Tuple2<K, K>> neighbours, int maxIterations) {
        TypeInfo<Tuple2<K, L>> type = initial.getType();
        DeltaIteration<Tuple2<K, L>, Tuple2<K, L>> iteration =
                initial.iterateDelta(initial, maxIterations, 0).name("connected components");
        DataSet<Tuple2<K, L>> changes = iteration
                .getWorkset()
                .join(neighbours)
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1))
                .returns(type)
                .name("send labels")
                .groupBy(0)
                .reduce((a, b) -> a.f1.compareTo(b.f1) <= 0 ? a : b)
                .name("smallest label")
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with(new KeepIfLess<K, L>())
                .returns(type)
                .name("changed labels");
        return iteration.closeWith(changes, changes);
    }

    /** The candidate {@code (vertex, value)} if its value is less than the solution set's. */
    public static final class KeepIfLess<K, V extends Comparable<V>>
            implements FlatJoinFunction<Tuple2<K, V>, Tuple2<K, V>, Tuple2<K, V>> {
        private static final long serialVersionUID = 1L;

        @Override
        public void join(Tuple2<K, V> candidate, Tuple2<K, V> current, Collector<Tuple2<K, V>> out) {
            if (candidate.f1.compareTo(current.f1) < 0) {
                out.collect(candidate);
            }
        }
    }
}
