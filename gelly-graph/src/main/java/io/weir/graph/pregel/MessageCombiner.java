package io.weir.graph.pregel;

import io.weir.core.functions.Collector;
import io.weir.core.tuple.Tuple2;
import java.io.Serializable;

/**
 * Combines messages to one vertex before they are shipped (e.g. keeping the smallest, or a sum), so
 * fewer travel. It sees some of a vertex's messages at a time, possibly several times per superstep,
 * so it must be associative and commutative and send what stands for all it saw.
 */
public abstract class MessageCombiner<K, M> implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient K target;
    private transient Collector<Tuple2<K, M>> out;

    /** Combines {@code messages} (all to one vertex) and sends the result with {@link #sendCombinedMessage}. */
    public abstract void combineMessages(Iterable<M> messages) throws Exception;

    /** Sends a combined message to the vertex the messages were for. */
    public final void sendCombinedMessage(M message) {
        out.collect(Tuple2.of(target, message));
    }

    final void run(K vertex, Iterable<M> messages, Collector<Tuple2<K, M>> collector) throws Exception {
        this.target = vertex;
        this.out = collector;
        combineMessages(messages);
    }
}
