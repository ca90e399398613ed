package io.weir.graph.gsa;

import io.weir.core.functions.Collector;
import io.weir.graph.IterationFunction;
import io.weir.graph.Vertex;

/**
 * Apply of a gather-sum-apply iteration: from the sum of a vertex's gathered values and its current
 * value, sets a new value with {@link #setResult} — or not, and then the vertex does not change and
 * contributes nothing in the next superstep. The iteration ends when no value changes.
 */
public abstract class ApplyFunction<K, VV, M> extends IterationFunction {
    private static final long serialVersionUID = 1L;

    private transient Vertex<K, VV> vertex;
    private transient boolean set;
    private transient Collector<Vertex<K, VV>> out;

    public abstract void apply(M newValue, VV currentValue) throws Exception;

    /** Sets the vertex's new value (once per call). */
    public final void setResult(VV value) {
        if (set) {
            throw new IllegalStateException("setResult called twice for vertex " + vertex.id() + " in one superstep");
        }
        set = true;
        out.collect(vertex.withValue(value));
    }

    final void run(M sum, Vertex<K, VV> current, Collector<Vertex<K, VV>> collector) throws Exception {
        this.vertex = current;
        this.set = false;
        this.out = collector;
        apply(sum, current.value());
    }
}
