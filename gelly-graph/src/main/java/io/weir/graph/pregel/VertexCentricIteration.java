package io.weir.graph.pregel;

import io.weir.core.functions.Collector;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichCoGroupFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DeltaIteration;
import io.weir.graph.Edge;
import io.weir.graph.Graph;
import io.weir.graph.GraphAlgorithm;
import io.weir.graph.IterationConfiguration;
import io.weir.graph.ModelSupport;
import io.weir.graph.Vertex;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs a vertex-centric (Pregel) iteration as a delta iteration: the solution set holds the
 * vertices, the workset the messages {@code (target, message)} (in the first superstep one empty
 * message per vertex, so that every vertex computes). Each superstep joins the messages with their
 * vertex in the solution set, groups them with the vertex's out-edges, and calls the compute
 * function; new values go into the solution set, sent messages (combined, if a combiner is given)
 * become the next workset.
 */
public final class VertexCentricIteration<K, VV, EV, M> implements GraphAlgorithm<K, VV, EV, Graph<K, VV, EV>> {

    private final ComputeFunction<K, VV, EV, M> compute;
    private final MessageCombiner<K, M> combiner;
    private final int maxIterations;
    private final IterationConfiguration config;
    private final TypeInfo<M> messageType;

    /**
     * The iteration of {@code compute} (its message type taken from its class), with an optional
     * combiner ({@code null} for none), for at most {@code maxIterations} supersteps: {@code
     * graph.run(new VertexCentricIteration<>(...))} gives the graph with the new vertex values.
     */
    public VertexCentricIteration(
            ComputeFunction<K, VV, EV, M> compute, MessageCombiner<K, M> combiner, int maxIterations) {
        this(compute, combiner, maxIterations, new IterationConfiguration(), null);
    }

    /**
     * Like {@link #VertexCentricIteration(ComputeFunction, MessageCombiner, int)} with options, and
     * the message type given ({@code null}: from the compute function's class).
     */
    public VertexCentricIteration(
            ComputeFunction<K, VV, EV, M> compute,
            MessageCombiner<K, M> combiner,
            int maxIterations,
            IterationConfiguration config,
            TypeInfo<M> messageType) {
        this.compute = java.util.Objects.requireNonNull(compute, "compute is null");
        this.combiner = combiner;
        this.maxIterations = maxIterations;
        this.config = config != null ? config : new IterationConfiguration();
        this.messageType = messageType != null
                ? messageType
                : ModelSupport.typeArgument(compute, ComputeFunction.class, 3, "message");
    }

    @Override
    public Graph<K, VV, EV> run(Graph<K, VV, EV> graph) {
        TypeInfo<K> keyType = graph.getKeyType();
        TypeInfo<Vertex<K, VV>> vertexType = graph.getVertices().getType();
        TypeInfo<Tuple2<K, M>> messages = Types.TUPLE(keyType, messageType);

        DataSet<Tuple2<K, M>> activateAll = graph.getVertices()
                .map(vertex -> Tuple2.<K, M>of(vertex.id(), null))
                .returns(messages)
                .name("activate every vertex");
        DeltaIteration<Vertex<K, VV>, Tuple2<K, M>> iteration = graph.getVertices()
                .iterateDelta(activateAll, maxIterations, "id")
                .name(config.getName("vertex-centric iteration"));
        config.applyTo(iteration);

        DataSet<Tuple2<Vertex<K, VV>, M>> withVertex = iteration
                .getWorkset()
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo("id")
                .with((message, vertex) -> Tuple2.of(vertex, message.f1))
                .returns(Types.TUPLE(vertexType, messageType))
                .name("messages with their vertex");
        DataSet<Tuple3<K, Vertex<K, VV>, M>> computed = config.withBroadcastSets(withVertex
                .coGroup(graph.getEdges())
                .where("f0.id")
                .equalTo("source")
                .with(new Compute<>(compute))
                .returns(Types.TUPLE(keyType, vertexType, messageType))
                .name("compute"));
        DataSet<Vertex<K, VV>> newValues = computed.filter(output -> output.f1 != null)
                .name("new values")
                .map(output -> output.f1)
                .returns(vertexType)
                .name("new vertices");
        DataSet<Tuple2<K, M>> sent = computed.filter(output -> output.f1 == null)
                .name("sent messages")
                .map(output -> Tuple2.of(output.f0, output.f2))
                .returns(messages)
                .name("messages");
        if (combiner != null) {
            sent = sent.groupBy(0)
                    .combineGroup(new Combine<>(combiner))
                    .returns(messages)
                    .name("combine messages");
        }
        return Graph.fromDataSet(iteration.closeWith(newValues, sent), graph.getEdges(), graph.getContext());
    }

    /** Calls the compute function for each vertex that has messages, with its out-edges. */
    static final class Compute<K, VV, EV, M>
            extends RichCoGroupFunction<Tuple2<Vertex<K, VV>, M>, Edge<K, EV>, Tuple3<K, Vertex<K, VV>, M>> {
        private static final long serialVersionUID = 1L;
        private final ComputeFunction<K, VV, EV, M> function;

        Compute(ComputeFunction<K, VV, EV, M> function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.startSuperstep(getRuntimeContext());
        }

        @Override
        public void coGroup(
                Iterable<Tuple2<Vertex<K, VV>, M>> withVertex,
                Iterable<Edge<K, EV>> edges,
                Collector<Tuple3<K, Vertex<K, VV>, M>> out)
                throws Exception {
            Iterator<Tuple2<Vertex<K, VV>, M>> received = withVertex.iterator();
            if (!received.hasNext()) {
                return; // no messages: the vertex is inactive
            }
            Tuple2<Vertex<K, VV>, M> first = received.next();
            function.run(first.f0, new Messages<>(first.f1, received), edges.iterator(), out);
        }

        @Override
        public void close() throws Exception {
            function.postSuperstep();
        }
    }

    /** The messages of one vertex, skipping the empty message that activates every vertex at first. */
    static final class Messages<V, M> implements Iterable<M>, Iterator<M> {
        private final Iterator<Tuple2<V, M>> rest;
        private M next;
        private boolean taken;

        Messages(M first, Iterator<Tuple2<V, M>> rest) {
            this.rest = rest;
            this.next = first;
            advanceOverEmpty();
        }

        private void advanceOverEmpty() {
            while (next == null && rest.hasNext()) {
                next = rest.next().f1;
            }
        }

        @Override
        public Iterator<M> iterator() {
            if (taken) {
                throw new IllegalStateException("the messages of a vertex can be iterated once per superstep");
            }
            taken = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public M next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            M result = next;
            next = null;
            if (rest.hasNext()) {
                next = rest.next().f1;
                advanceOverEmpty();
            }
            return result;
        }
    }

    /** Runs the user's combiner over the messages to one vertex that one instance holds. */
    static final class Combine<K, M> implements GroupCombineFunction<Tuple2<K, M>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;
        private final MessageCombiner<K, M> combiner;

        Combine(MessageCombiner<K, M> combiner) {
            this.combiner = combiner;
        }

        @Override
        public void combine(Iterable<Tuple2<K, M>> messages, Collector<Tuple2<K, M>> out) throws Exception {
            Iterator<Tuple2<K, M>> all = messages.iterator();
            Tuple2<K, M> first = all.next();
            combiner.run(first.f0, new Messages<>(first.f1, all), out);
        }
    }
}
