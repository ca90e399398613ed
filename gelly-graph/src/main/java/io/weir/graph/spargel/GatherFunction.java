package io.weir.graph.spargel;

import io.weir.core.functions.Collector;
import io.weir.graph.IterationFunction;
import io.weir.graph.Vertex;

/**
 * The gather half of a scatter-gather iteration: called for each vertex that received messages in
 * this superstep; sets a new value or leaves the vertex as it is. Only vertices whose value is set
 * scatter in the next superstep; the iteration ends when none is.
 *
 * @param <K> the vertex id type
 * @param <VV> the vertex value type
 * @param <M> the message type
 */
public abstract class GatherFunction<K, VV, M> extends IterationFunction {

    private static final long serialVersionUID = 1L;

    private transient Vertex<K, VV> vertex;
    private transient boolean valueSet;
    private transient Collector<Vertex<K, VV>> out;

    /** Updates one vertex from the messages sent to it (iterable once). */
    public abstract void updateVertex(Vertex<K, VV> vertex, Iterable<M> inMessages) throws Exception;

    /** Sets the vertex's value (once per call). */
    public final void setNewVertexValue(VV newValue) {
        if (valueSet) {
            throw new IllegalStateException(
                    "setNewVertexValue called twice for vertex " + vertex.id() + " in one superstep");
        }
        valueSet = true;
        out.collect(vertex.withValue(newValue));
    }

    final void run(Vertex<K, VV> current, Iterable<M> messages, Collector<Vertex<K, VV>> collector) throws Exception {
        this.vertex = current;
        this.valueSet = false;
        this.out = collector;
        updateVertex(current, messages);
    }
}
