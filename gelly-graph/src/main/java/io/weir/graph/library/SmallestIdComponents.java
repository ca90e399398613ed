package io.weir.graph.library;

import io.weir.core.aggregators.LongSumAggregator;
import io.weir.core.aggregators.LongZeroConvergence;
import io.weir.core.functions.Collector;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichCoGroupFunction;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.IterativeDataSet;
import io.weir.graph.blocks.BlockGraph;
import io.weir.graph.blocks.BlockGraph.LongChunk;
import io.weir.graph.blocks.BlockGraph.LongMessage;

/**
 * Weakly connected components named by their smallest vertex id, over a {@link BlockGraph}: each
 * chunk's labels start as its ids; every superstep each block offers its targets the smallest label
 * among their sources in the block, and a vertex takes the smallest label offered if it is smaller
 * than its own. A bulk iteration that ends in the superstep in which no label changes (the changes
 * are counted in an aggregator). Per edge a superstep costs an array read and a comparison, and
 * what moves is one message per block — the design PageRank uses — where Gelly's {@link
 * ConnectedComponents} sends a record per changed vertex and edge.
 */
public final class SmallestIdComponents {

    private static final String CHANGED = "changed labels";

    private SmallestIdComponents() {}

    /**
     * Each vertex with the smallest id of its component.
     *
     * @param vertices the vertices, or {@code null} for the ids the edges name
     * @param edges the edges, their directions ignored (each is in the blocks both ways)
     */
    public static DataSet<Tuple2<Long, Long>> of(DataSet<Long> vertices, DataSet<Tuple2<Long, Long>> edges) {
        return of(BlockGraph.of(vertices, edges, Types.LONG, true));
    }

    /** Each vertex of {@code graph} with the smallest id of its component; build the graph with its edges both ways. */
    public static DataSet<Tuple2<Long, Long>> of(BlockGraph<Long> graph) {
        DataSet<LongChunk> own = graph.vertexChunks()
                .map(chunk -> new LongChunk(chunk.chunk(), chunk.ids().clone()))
                .returns(LongChunk.class)
                .name("own labels");
        IterativeDataSet<LongChunk> iteration = own.iterate(Integer.MAX_VALUE)
                .registerAggregationConvergenceCriterion(CHANGED, new LongSumAggregator(), new LongZeroConvergence())
                .name("components");
        DataSet<LongMessage> offers = iteration
                .join(graph.blocks(), JoinHint.REPARTITION_HASH_SECOND)
                .where("chunk")
                .equalTo("sourceChunk")
                .with(new Offer())
                .returns(LongMessage.class)
                .name("smallest labels of sources");
        DataSet<LongChunk> next = iteration
                .coGroup(offers)
                .where("chunk")
                .equalTo("chunk")
                .with(new Adopt())
                .returns(LongChunk.class)
                .name("adopt smaller labels");
        return graph.values(
                iteration.closeWith(next), "chunk", (chunk, offset) -> chunk.values()[offset], Types.LONG, "labels");
    }

    /** A chunk's labels and a block from it → the smallest label among each target's sources in the block. */
    static final class Offer implements JoinFunction<LongChunk, BlockGraph.Block, LongMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public LongMessage join(LongChunk chunk, BlockGraph.Block block) {
            long[] labels = chunk.values();
            int[] sources = block.sources();
            int[] ends = block.ends();
            int[] positions = block.positions();
            long[] smallest = new long[block.targets().length];
            java.util.Arrays.fill(smallest, Long.MAX_VALUE);
            int e = 0;
            for (int i = 0; i < sources.length; i++) {
                long label = labels[sources[i]];
                for (int end = ends[i]; e < end; e++) {
                    int position = positions[e];
                    if (label < smallest[position]) {
                        smallest[position] = label;
                    }
                }
            }
            return new LongMessage(block.targetChunk(), block.targets(), smallest);
        }
    }

    /** A chunk's labels and the offers to it → the smaller of each vertex's label and its offers; counts the changes. */
    static final class Adopt extends RichCoGroupFunction<LongChunk, LongMessage, LongChunk> {
        private static final long serialVersionUID = 1L;
        private transient LongSumAggregator changed;

        @Override
        public void open(OpenContext context) {
            changed = getRuntimeContext().getIterationAggregator(CHANGED);
        }

        @Override
        public void coGroup(Iterable<LongChunk> chunks, Iterable<LongMessage> offers, Collector<LongChunk> out) {
            LongChunk chunk = chunks.iterator().next();
            long[] labels = chunk.values().clone();
            long changes = 0;
            for (LongMessage offer : offers) {
                int[] targets = offer.targets();
                long[] values = offer.values();
                for (int i = 0; i < targets.length; i++) {
                    if (values[i] < labels[targets[i]]) {
                        labels[targets[i]] = values[i];
                        changes++;
                    }
                }
            }
            changed.aggregate(changes);
            out.collect(new LongChunk(chunk.chunk(), labels));
        }
    }
}
