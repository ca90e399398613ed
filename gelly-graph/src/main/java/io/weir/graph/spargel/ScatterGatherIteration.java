package io.weir.graph.spargel;

import io.weir.core.functions.Collector;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichCoGroupFunction;
import io.weir.core.tuple.Tuple2;
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

/**
 * Runs a scatter-gather iteration as a delta iteration: the solution set holds the vertices, the
 * workset the vertices whose value changed (all of them at first). Each superstep groups the
 * changed vertices with their edges and calls the scatter function; the messages, grouped by target
 * with the target's vertex from the solution set, go to the gather function, whose new values are
 * both the solution set's delta and the next workset. The iteration ends when no value changes.
 */
public final class ScatterGatherIteration<K, VV, EV, M> implements GraphAlgorithm<K, VV, EV, Graph<K, VV, EV>> {

    private final ScatterFunction<K, VV, M, EV> scatter;
    private final GatherFunction<K, VV, M> gather;
    private final int maxIterations;
    private final IterationConfiguration config;
    private final TypeInfo<M> messageType;

    /**
     * The iteration of {@code scatter} (its message type taken from its class) and {@code gather} for
     * at most {@code maxIterations} supersteps: {@code graph.run(new ScatterGatherIteration<>(...))}
     * gives the graph with the new vertex values.
     */
    public ScatterGatherIteration(
            ScatterFunction<K, VV, M, EV> scatter, GatherFunction<K, VV, M> gather, int maxIterations) {
        this(scatter, gather, maxIterations, new IterationConfiguration(), null);
    }

    /**
     * Like {@link #ScatterGatherIteration(ScatterFunction, GatherFunction, int)} with options (the
     * direction among them), and the message type given ({@code null}: from the scatter function's class).
     */
    public ScatterGatherIteration(
            ScatterFunction<K, VV, M, EV> scatter,
            GatherFunction<K, VV, M> gather,
            int maxIterations,
            IterationConfiguration config,
            TypeInfo<M> messageType) {
        this.scatter = java.util.Objects.requireNonNull(scatter, "scatter is null");
        this.gather = java.util.Objects.requireNonNull(gather, "gather is null");
        this.maxIterations = maxIterations;
        this.config = config != null ? config : new IterationConfiguration();
        this.messageType = messageType != null
                ? messageType
                : ModelSupport.typeArgument(scatter, ScatterFunction.class, 2, "message");
    }

    @Override
    public Graph<K, VV, EV> run(Graph<K, VV, EV> graph) {
        TypeInfo<Vertex<K, VV>> vertexType = graph.getVertices().getType();
        DeltaIteration<Vertex<K, VV>, Vertex<K, VV>> iteration = graph.getVertices()
                .iterateDelta(graph.getVertices(), maxIterations, "id")
                .name(config.getName("scatter-gather iteration"));
        config.applyTo(iteration);

        DataSet<Tuple2<K, M>> messages = config.withBroadcastSets(iteration
                .getWorkset()
                .coGroup(ModelSupport.edgesByOwner(graph, config.getDirection()))
                .where("id")
                .equalTo(0)
                .with(new Scatter<>(scatter))
                .returns(Types.TUPLE(graph.getKeyType(), messageType))
                .name("scatter"));
        DataSet<Vertex<K, VV>> updates = config.withBroadcastSets(messages.coGroup(iteration.getSolutionSet())
                .where(0)
                .equalTo("id")
                .with(new Gather<>(gather))
                .returns(vertexType)
                .name("gather"));
        return Graph.fromDataSet(iteration.closeWith(updates, updates), graph.getEdges(), graph.getContext());
    }

    static final class Scatter<K, VV, EV, M>
            extends RichCoGroupFunction<Vertex<K, VV>, Tuple2<K, Edge<K, EV>>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;
        private final ScatterFunction<K, VV, M, EV> function;

        Scatter(ScatterFunction<K, VV, M, EV> function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.startSuperstep(getRuntimeContext());
        }

        @Override
        public void coGroup(
                Iterable<Vertex<K, VV>> changed, Iterable<Tuple2<K, Edge<K, EV>>> edges, Collector<Tuple2<K, M>> out)
                throws Exception {
            for (Vertex<K, VV> vertex : changed) { // none when the vertex did not change
                function.run(vertex, edges.iterator(), out);
            }
        }

        @Override
        public void close() throws Exception {
            function.postSuperstep();
        }
    }

    static final class Gather<K, VV, M> extends RichCoGroupFunction<Tuple2<K, M>, Vertex<K, VV>, Vertex<K, VV>> {
        private static final long serialVersionUID = 1L;
        private final GatherFunction<K, VV, M> function;

        Gather(GatherFunction<K, VV, M> function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.startSuperstep(getRuntimeContext());
        }

        @Override
        public void coGroup(
                Iterable<Tuple2<K, M>> messages, Iterable<Vertex<K, VV>> vertex, Collector<Vertex<K, VV>> out)
                throws Exception {
            Iterator<Tuple2<K, M>> received = messages.iterator();
            Iterator<Vertex<K, VV>> current = vertex.iterator();
            if (!received.hasNext()) {
                return;
            }
            if (!current.hasNext()) {
                throw new IllegalStateException("a message is sent to vertex " + received.next().f0
                        + ", which is not a vertex of the graph; send messages only to vertices (edges to"
                        + " missing vertices are found by Graph.validate())");
            }
            Iterable<M> values = () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return received.hasNext();
                }

                @Override
                public M next() {
                    return received.next().f1;
                }
            };
            function.run(current.next(), values, out);
        }

        @Override
        public void close() throws Exception {
            function.postSuperstep();
        }
    }
}
