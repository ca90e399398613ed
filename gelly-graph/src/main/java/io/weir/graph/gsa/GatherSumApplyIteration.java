package io.weir.graph.gsa;

import io.weir.core.functions.Collector;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichFlatJoinFunction;
import io.weir.core.functions.RichJoinFunction;
import io.weir.core.functions.RichReduceFunction;
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

/**
 * Runs a gather-sum-apply iteration as a delta iteration: the solution set holds the vertices, the
 * workset the vertices whose value changed (all at first). Each superstep joins the changed vertices
 * with their edges in the configured direction, gathers a value per neighbour, sums them per
 * receiving vertex (with a combiner before the shuffle), and applies the sum to the vertex from the
 * solution set. New values are the delta and the next workset.
 */
public final class GatherSumApplyIteration<K, VV, EV, M> implements GraphAlgorithm<K, VV, EV, Graph<K, VV, EV>> {

    private final GatherFunction<VV, EV, M> gather;
    private final SumFunction<VV, EV, M> sum;
    private final ApplyFunction<K, VV, M> apply;
    private final int maxIterations;
    private final IterationConfiguration config;
    private final TypeInfo<M> gatheredType;

    /**
     * The iteration of {@code gather} (its gathered type taken from its class), {@code sum} and
     * {@code apply} for at most {@code maxIterations} supersteps: {@code graph.run(new
     * GatherSumApplyIteration<>(...))} gives the graph with the new vertex values.
     */
    public GatherSumApplyIteration(
            GatherFunction<VV, EV, M> gather,
            SumFunction<VV, EV, M> sum,
            ApplyFunction<K, VV, M> apply,
            int maxIterations) {
        this(gather, sum, apply, maxIterations, new IterationConfiguration(), null);
    }

    /** Like the other constructor with options (the direction among them) and the gathered type given ({@code null}: from the class). */
    public GatherSumApplyIteration(
            GatherFunction<VV, EV, M> gather,
            SumFunction<VV, EV, M> sum,
            ApplyFunction<K, VV, M> apply,
            int maxIterations,
            IterationConfiguration config,
            TypeInfo<M> gatheredType) {
        this.gather = java.util.Objects.requireNonNull(gather, "gather is null");
        this.sum = java.util.Objects.requireNonNull(sum, "sum is null");
        this.apply = java.util.Objects.requireNonNull(apply, "apply is null");
        this.maxIterations = maxIterations;
        this.config = config != null ? config : new IterationConfiguration();
        this.gatheredType = gatheredType != null
                ? gatheredType
                : ModelSupport.typeArgument(gather, GatherFunction.class, 2, "gathered");
    }

    @Override
    public Graph<K, VV, EV> run(Graph<K, VV, EV> graph) {
        TypeInfo<Vertex<K, VV>> vertexType = graph.getVertices().getType();
        DeltaIteration<Vertex<K, VV>, Vertex<K, VV>> iteration = graph.getVertices()
                .iterateDelta(graph.getVertices(), maxIterations, "id")
                .name(config.getName("gather-sum-apply iteration"));
        config.applyTo(iteration);

        DataSet<Tuple2<K, M>> gathered = config.withBroadcastSets(iteration
                .getWorkset()
                .join(ModelSupport.edgesByOwner(graph, config.getDirection()))
                .where("id")
                .equalTo(0)
                .with(new Gather<>(gather))
                .returns(Types.TUPLE(graph.getKeyType(), gatheredType))
                .name("gather"));
        DataSet<Tuple2<K, M>> summed = config.withBroadcastSets(
                gathered.groupBy(0).reduce(new Sum<>(sum)).name("sum"));
        DataSet<Vertex<K, VV>> applied = config.withBroadcastSets(summed.join(iteration.getSolutionSet())
                .where(0)
                .equalTo("id")
                .with(new Apply<>(apply))
                .returns(vertexType)
                .name("apply"));
        return Graph.fromDataSet(iteration.closeWith(applied, applied), graph.getEdges(), graph.getContext());
    }

    static final class Gather<K, VV, EV, M>
            extends RichJoinFunction<Vertex<K, VV>, Tuple2<K, Edge<K, EV>>, Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;
        private final GatherFunction<VV, EV, M> function;

        Gather(GatherFunction<VV, EV, M> function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.startSuperstep(getRuntimeContext());
        }

        @Override
        public Tuple2<K, M> join(Vertex<K, VV> vertex, Tuple2<K, Edge<K, EV>> edge) throws Exception {
            Edge<K, EV> e = edge.f1;
            return Tuple2.of(
                    ModelSupport.otherEnd(vertex.id(), e), function.gather(new Neighbor<>(vertex.value(), e.value())));
        }

        @Override
        public void close() throws Exception {
            function.postSuperstep();
        }
    }

    static final class Sum<K, VV, EV, M> extends RichReduceFunction<Tuple2<K, M>> {
        private static final long serialVersionUID = 1L;
        private final SumFunction<VV, EV, M> function;

        Sum(SumFunction<VV, EV, M> function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.startSuperstep(getRuntimeContext());
        }

        @Override
        public Tuple2<K, M> reduce(Tuple2<K, M> first, Tuple2<K, M> second) throws Exception {
            return Tuple2.of(first.f0, function.sum(first.f1, second.f1));
        }

        @Override
        public void close() throws Exception {
            function.postSuperstep();
        }
    }

    static final class Apply<K, VV, M> extends RichFlatJoinFunction<Tuple2<K, M>, Vertex<K, VV>, Vertex<K, VV>> {
        private static final long serialVersionUID = 1L;
        private final ApplyFunction<K, VV, M> function;

        Apply(ApplyFunction<K, VV, M> function) {
            this.function = function;
        }

        @Override
        public void open(OpenContext context) throws Exception {
            function.startSuperstep(getRuntimeContext());
        }

        @Override
        public void join(Tuple2<K, M> sum, Vertex<K, VV> vertex, Collector<Vertex<K, VV>> out) throws Exception {
            function.run(sum.f1, vertex, out);
        }

        @Override
        public void close() throws Exception {
            function.postSuperstep();
        }
    }
}
