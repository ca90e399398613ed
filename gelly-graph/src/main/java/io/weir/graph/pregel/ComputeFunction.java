package io.weir.graph.pregel;

import io.weir.core.functions.Collector;
import io.weir.core.tuple.Tuple3;
import io.weir.graph.Edge;
import io.weir.graph.IterationFunction;
import io.weir.graph.Vertex;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The function of a vertex-centric (Pregel) iteration: called for every vertex in the first
 * superstep and, later, for each vertex that received messages — with the messages sent to it in
 * the previous superstep. It may read its out-edges once ({@link #getEdges()} or {@link
 * #sendMessageToAllNeighbors}), send messages to any vertex, and set a new value. The iteration ends
 * when no message is sent, or after the maximum number of supersteps.
 *
 * @param <K> the vertex id type
 * @param <VV> the vertex value type
 * @param <EV> the edge value type
 * @param <M> the message type
 */
public abstract class ComputeFunction<K, VV, EV, M> extends IterationFunction {

    private static final long serialVersionUID = 1L;

    private transient Iterator<Edge<K, EV>> edges;
    private transient boolean edgesTaken;
    private transient Vertex<K, VV> vertex;
    private transient boolean valueSet;
    private transient Collector<Tuple3<K, Vertex<K, VV>, M>> out;

    /** The computation of one vertex in one superstep. */
    public abstract void compute(Vertex<K, VV> vertex, Iterable<M> messages) throws Exception;

    /** The vertex's out-edges: readable once per call, and not after {@link #sendMessageToAllNeighbors}. */
    public final Iterable<Edge<K, EV>> getEdges() {
        takeEdges("getEdges()");
        return () -> edges;
    }

    /** Sends {@code message} to the target of every out-edge. */
    public final void sendMessageToAllNeighbors(M message) {
        takeEdges("sendMessageToAllNeighbors");
        while (edges.hasNext()) {
            sendMessageTo(edges.next().target(), message);
        }
    }

    /** Sends {@code message} to vertex {@code target}; it receives it in the next superstep. */
    public final void sendMessageTo(K target, M message) {
        if (message == null) {
            throw new NullPointerException("vertex " + vertex.id() + " sends a null message to " + target);
        }
        out.collect(Tuple3.of(target, null, message));
    }

    /** Sets the vertex's value (once per call); the next supersteps see it. */
    public final void setNewVertexValue(VV newValue) {
        if (valueSet) {
            throw new IllegalStateException(
                    "setNewVertexValue called twice for vertex " + vertex.id() + " in one superstep");
        }
        valueSet = true;
        out.collect(Tuple3.of(vertex.id(), vertex.withValue(newValue), null));
    }

    private void takeEdges(String by) {
        if (edgesTaken) {
            throw new IllegalStateException("the edges of vertex " + vertex.id() + " are read once per superstep;" + " "
                    + by + " comes after they were read");
        }
        edgesTaken = true;
    }

    /** Runs {@link #compute} for one vertex. */
    final void run(
            Vertex<K, VV> current,
            Iterable<M> messages,
            Iterator<Edge<K, EV>> outEdges,
            Collector<Tuple3<K, Vertex<K, VV>, M>> collector)
            throws Exception {
        this.vertex = current;
        this.edges = outEdges;
        this.edgesTaken = false;
        this.valueSet = false;
        this.out = collector;
        compute(current, messages);
    }

    static <T> Iterator<T> empty() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public T next() {
                throw new NoSuchElementException();
            }
        };
    }
}
