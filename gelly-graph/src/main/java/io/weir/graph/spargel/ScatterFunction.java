package io.weir.graph.spargel;

import io.weir.core.functions.Collector;
import io.weir.core.tuple.Tuple2;
import io.weir.graph.Edge;
import io.weir.graph.IterationFunction;
import io.weir.graph.ModelSupport;
import io.weir.graph.Vertex;
import java.util.Iterator;

/**
 * The scatter half of a scatter-gather iteration: called for every vertex in the first superstep
 * and, later, for each vertex whose value changed in the previous superstep; sends messages to its
 * neighbours (along the edges of the configured direction, out-edges by default) or any vertex.
 *
 * @param <K> the vertex id type
 * @param <VV> the vertex value type
 * @param <M> the message type
 * @param <EV> the edge value type
 */
public abstract class ScatterFunction<K, VV, M, EV> extends IterationFunction {

    private static final long serialVersionUID = 1L;

    private transient K owner;
    private transient Iterator<Tuple2<K, Edge<K, EV>>> edges;
    private transient boolean edgesTaken;
    private transient Collector<Tuple2<K, M>> out;

    /** Sends the messages of one vertex. */
    public abstract void sendMessages(Vertex<K, VV> vertex) throws Exception;

    /** The vertex's edges in the configured direction: readable once per call. */
    public final Iterable<Edge<K, EV>> getEdges() {
        takeEdges();
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return edges.hasNext();
            }

            @Override
            public Edge<K, EV> next() {
                return edges.next().f1;
            }
        };
    }

    /** Sends {@code message} to the other end of every edge in the configured direction. */
    public final void sendMessageToAllNeighbors(M message) {
        takeEdges();
        while (edges.hasNext()) {
            sendMessageTo(ModelSupport.otherEnd(owner, edges.next().f1), message);
        }
    }

    /** Sends {@code message} to {@code target}, whose gather function receives it in this superstep. */
    public final void sendMessageTo(K target, M message) {
        if (message == null) {
            throw new NullPointerException("vertex " + owner + " sends a null message to " + target);
        }
        out.collect(Tuple2.of(target, message));
    }

    private void takeEdges() {
        if (edgesTaken) {
            throw new IllegalStateException("the edges of vertex " + owner + " are read once per superstep");
        }
        edgesTaken = true;
    }

    final void run(
            Vertex<K, VV> vertex, Iterator<Tuple2<K, Edge<K, EV>>> vertexEdges, Collector<Tuple2<K, M>> collector)
            throws Exception {
        this.owner = vertex.id();
        this.edges = vertexEdges;
        this.edgesTaken = false;
        this.out = collector;
        sendMessages(vertex);
    }
}
