package io.weir.graph.generator;

import io.weir.core.functions.FlatMapFunction;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.NullValue;
import io.weir.graph.Vertex;
import java.io.Serializable;
import java.util.function.LongConsumer;

/**
 * The base of the regular generators (grid, path, cycle, star, complete), as Gelly's: vertices
 * {@code 0 .. n-1} without values, and each undirected edge as two directed ones. Each vertex's
 * edges are computed from its id alone, so the result is the same at any parallelism.
 */
public abstract class SimpleGraph<G extends SimpleGraph<G>> {

    private final ExecutionEnvironment env;
    private final long count;
    private int parallelism = -1;

    /** A generator of {@code vertexCount} vertices. */
    SimpleGraph(ExecutionEnvironment env, long vertexCount) {
        this.env = env;
        this.count = vertexCount;
    }

    /** A generator that computes its vertex count ({@link #vertexCount()} overridden). */
    SimpleGraph(ExecutionEnvironment env) {
        this(env, -1);
    }

    /** The parallelism of the generating operators (the environment's by default). */
    @SuppressWarnings("unchecked")
    public G setParallelism(int newParallelism) {
        if (newParallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + newParallelism);
        }
        this.parallelism = newParallelism;
        return (G) this;
    }

    /** The number of vertices. */
    long vertexCount() {
        return count;
    }

    /** The neighbours of a vertex, each given to {@code out} once per edge from the vertex. */
    abstract Neighbours neighbours();

    /** What a vertex is connected to; serializable, as it runs in the job. */
    interface Neighbours extends Serializable {
        void of(long vertex, LongConsumer out);
    }

    /** The graph. */
    public Graph<Long, NullValue, NullValue> generate() {
        long count = vertexCount();
        if (count < 1) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs at least one vertex, not " + count);
        }
        String name = getClass().getSimpleName();
        DataSet<Long> ids = env.generateSequence(0, count - 1).name(name + " vertex ids");
        DataSet<Vertex<Long, NullValue>> vertices = ids.map(id -> new Vertex<>(id, NullValue.INSTANCE))
                .returns(Graph.vertexType(Types.LONG, Types.ENUM(NullValue.class)))
                .name(name + " vertices");
        Neighbours neighbours = neighbours();
        DataSet<Edge<Long, NullValue>> edges = ids.flatMap((FlatMapFunction<Long, Edge<Long, NullValue>>) (id, out) ->
                        neighbours.of(id, target -> out.collect(new Edge<>(id, target, NullValue.INSTANCE))))
                .returns(Graph.edgeType(Types.LONG, Types.ENUM(NullValue.class)))
                .name(name + " edges");
        if (parallelism > 0) {
            vertices = vertices.setParallelism(parallelism);
            edges = edges.setParallelism(parallelism);
        }
        return Graph.fromDataSet(vertices, edges, env);
    }
}
