package io.weir.graph.library;

import io.weir.core.aggregators.LongSumAggregator;
import io.weir.core.aggregators.LongZeroConvergence;
import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichCoGroupFunction;
import io.weir.core.functions.RichFilterFunction;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.IterativeDataSet;
import io.weir.graph.blocks.BlockGraph;
import io.weir.graph.blocks.BlockGraph.EdgeBatch;
import io.weir.graph.blocks.BlockGraph.LongMessage;
import io.weir.graph.blocks.IdNumbers;
import java.util.Arrays;

/**
 * Weakly connected components named by their smallest vertex id, over a {@link BlockGraph}: each
 * chunk's labels start as its ids; every superstep each block offers its targets the smallest label
 * among their sources in the block, and a vertex takes the smallest label offered if it is smaller
 * than its own. A bulk iteration that ends in the superstep in which no label changes (the changes
 * are counted in an aggregator).
 *
 * <p>Before the loop each block's edges are reduced to the components they form among the block's
 * sources and targets ({@link LinkedBlock}, a union-find per block): a target is offered the smallest
 * label of all the sources it is linked to through the block, not only of its direct neighbours —
 * as valid (they are all in its component) and further-reaching, so fewer supersteps — and a
 * superstep costs per block its sources and targets, not its edges. Only sources whose label changed
 * in the superstep before offer it again (each chunk keeps a bit per vertex). What moves is at most
 * one message per block — the design PageRank uses — where Gelly's {@link ConnectedComponents}
 * sends a record per changed vertex and edge.
 */
public final class SmallestIdComponents {

    private static final String CHANGED = "changed labels";

    /**
     * The most distinct vertices a {@link SpanningStars} holds before it hands on its forest and starts
     * another (on the heap: at most 22 MiB of hash table and lists, and up to 16 MiB of {@link
     * IdNumbers}' array for ids below 2^22).
     */
    static final int FOREST_VERTICES = 1 << 19;

    private SmallestIdComponents() {}

    /**
     * The labels of the vertices of {@code chunk} (by offset) and which changed in the last superstep
     * (bit {@code v % 64} of {@code changed[v / 64]}; all of them at first).
     */
    public record LabelChunk(int chunk, long[] labels, long[] changed) {}

    /**
     * Each vertex with the smallest id of its component.
     *
     * @param vertices the vertices, or {@code null} for the ids the edges name
     * @param edges the edges, their directions ignored (each is in the blocks once, followed both ways)
     */
    public static DataSet<Tuple2<Long, Long>> of(DataSet<Long> vertices, DataSet<Tuple2<Long, Long>> edges) {
        return ofBatches(vertices, BlockGraph.batches(edges));
    }

    /**
     * Like {@link #of(DataSet, DataSet)} for edges in batches ({@code GraphFiles.edgeBatches}). Each
     * parallel instance first reduces its edges to spanning forests ({@link SpanningStars}) — the same
     * components over at most as many edges as it read, as a rule far fewer (one per vertex it saw) —
     * and the labels spread over the block graph of the forests' edges.
     *
     * <p>With a vertex set, an edge that names an id outside it is left out; a forest that followed
     * such an edge may join what the edge may not. So the ids the forests name are checked against
     * the vertex set ({@link BlockGraph#countStrays}, a list per chunk at a time): when all are
     * vertices, as in a valid graph, the forests are used; otherwise the edges themselves, which are
     * held (spilling if need be) until the check is done.
     */
    public static DataSet<Tuple2<Long, Long>> ofBatches(DataSet<Long> vertices, DataSet<EdgeBatch> edges) {
        DataSet<EdgeBatch> forests = edges.mapPartition(new SpanningStars(FOREST_VERTICES))
                .returns(EdgeBatch.class)
                .name("spanning forests");
        if (vertices == null) {
            return of(BlockGraph.ofBatches(null, forests, false));
        }
        return of(BlockGraph.ofBatches(
                vertices,
                (layout, vertexChunks) -> {
                    DataSet<Long> strays = BlockGraph.countStrays(forests, layout, vertexChunks);
                    return forests.filter(new WhenStrays(false))
                            .withBroadcastSet(strays, STRAYS)
                            .name("forests, when every id is a vertex")
                            .union(edges.filter(new WhenStrays(true))
                                    .withBroadcastSet(strays, STRAYS)
                                    .name("edges, when some id is not a vertex"));
                },
                false));
    }

    /** The broadcast set holding how many ids the forests name are not vertices. */
    private static final String STRAYS = "ids that are not vertices";

    /** Keeps every batch when whether some id is not a vertex is {@code strays}, else none. */
    static final class WhenStrays extends RichFilterFunction<EdgeBatch> {
        private static final long serialVersionUID = 1L;
        private final boolean strays;
        private transient boolean keep;

        WhenStrays(boolean strays) {
            this.strays = strays;
        }

        @Override
        public void open(OpenContext context) {
            keep = (getRuntimeContext().<Long>getBroadcastVariable(STRAYS).get(0) > 0) == strays;
        }

        @Override
        public boolean filter(EdgeBatch batch) {
            return keep;
        }
    }

    /**
     * Each vertex of {@code graph} with the smallest id of its component. The graph's blocks need each
     * edge once, either way round: every block is followed in both directions here.
     */
    public static DataSet<Tuple2<Long, Long>> of(BlockGraph<Long> graph) {
        DataSet<LabelChunk> own = graph.vertexChunks()
                .map(chunk -> {
                    long[] changed = new long[(chunk.ids().length + 63) >>> 6];
                    java.util.Arrays.fill(changed, -1L);
                    return new LabelChunk(chunk.chunk(), chunk.ids().clone(), changed);
                })
                .returns(LabelChunk.class)
                .name("own labels");
        IterativeDataSet<LabelChunk> iteration = own.iterate(Integer.MAX_VALUE)
                .registerAggregationConvergenceCriterion(CHANGED, new LongSumAggregator(), new LongZeroConvergence())
                .name("components");
        DataSet<LinkedBlock> linked = graph.blocks()
                .flatMap((FlatMapFunction<BlockGraph.Block, LinkedBlock>) (block, out) -> {
                    LinkedBlock forward = LinkedBlock.of(block);
                    out.collect(forward);
                    out.collect(forward.reversed());
                })
                .returns(LinkedBlock.class)
                .name("link block ends");
        DataSet<LongMessage> offers = iteration
                .join(linked, JoinHint.REPARTITION_HASH_SECOND)
                .where("chunk")
                .equalTo("sourceChunk")
                .with(new Offer())
                .returns(LongMessage.class)
                .name("smallest labels of sources");
        DataSet<LabelChunk> next = iteration
                .coGroup(offers)
                .where("chunk")
                .equalTo("chunk")
                .with(new Adopt())
                .returns(LabelChunk.class)
                .name("adopt smaller labels");
        return graph.values(
                iteration.closeWith(next), "chunk", (chunk, offset) -> chunk.labels()[offset], Types.LONG, "labels");
    }

    /**
     * A block reduced to the components its edges form: source {@code sources[i]} (an offset in the
     * source chunk) is in component {@code sourceComponents[i]}, target {@code targets[j]} (an offset
     * in the target chunk) in {@code targetComponents[j]}; two ends share a component when a path of
     * the block's edges joins them.
     */
    public record LinkedBlock(
            int sourceChunk,
            int targetChunk,
            int[] sources,
            int[] sourceComponents,
            int[] targets,
            int[] targetComponents,
            int components) {

        /** The components of a block's edges (a union-find over its sources and targets). */
        static LinkedBlock of(BlockGraph.Block block) {
            int[] sources = block.sources();
            int[] ends = block.ends();
            int[] positions = block.positions();
            int sourceCount = sources.length;
            // sources are 0 .. sourceCount - 1, target position p is sourceCount + p
            int[] parent = new int[sourceCount + block.targets().length];
            for (int node = 0; node < parent.length; node++) {
                parent[node] = node;
            }
            int e = 0;
            for (int i = 0; i < sourceCount; i++) {
                for (int end = ends[i]; e < end; e++) {
                    int a = root(parent, i);
                    int b = root(parent, sourceCount + positions[e]);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
            // number the components by their roots, densely
            int[] number = new int[parent.length];
            java.util.Arrays.fill(number, -1);
            int components = 0;
            int[] component = new int[parent.length];
            for (int node = 0; node < parent.length; node++) {
                int root = root(parent, node);
                if (number[root] < 0) {
                    number[root] = components++;
                }
                component[node] = number[root];
            }
            return new LinkedBlock(
                    block.sourceChunk(),
                    block.targetChunk(),
                    sources,
                    java.util.Arrays.copyOf(component, sourceCount),
                    block.targets(),
                    java.util.Arrays.copyOfRange(component, sourceCount, parent.length),
                    components);
        }

        /** The same components with the roles of sources and targets swapped: for offers the other way. */
        LinkedBlock reversed() {
            return new LinkedBlock(
                    targetChunk, sourceChunk, targets, targetComponents, sources, sourceComponents, components);
        }

        /** The root of {@code node}, halving the path on the way. */
        static int root(int[] parent, int node) {
            while (parent[node] != node) {
                parent[node] = parent[parent[node]];
                node = parent[node];
            }
            return node;
        }
    }

    /**
     * Edges → edges with the same components, as stars: a union-find over the ids (numbered densely
     * by an {@link IdNumbers} table) whose roots are each tree's smallest id; when it has seen {@code
     * maxVertices} ids, and at the end, it hands on each vertex with an edge to its root, and a root
     * alone (a vertex seen only in self-loops) with a self-loop, then starts afresh. So no more edges
     * come out than went in, every id that went in comes out, and two ids are joined by a path of the
     * edges out exactly when they were by a path of the edges in. A combiner for connectivity: the
     * forests of all instances together have the components of all edges.
     */
    static final class SpanningStars implements MapPartitionFunction<EdgeBatch, EdgeBatch> {
        private static final long serialVersionUID = 1L;
        private final int maxVertices;

        SpanningStars(int maxVertices) {
            if (maxVertices < 2) {
                throw new IllegalArgumentException("a forest needs room for at least 2 vertices, not " + maxVertices);
            }
            this.maxVertices = maxVertices;
        }

        @Override
        public void mapPartition(Iterable<EdgeBatch> batches, Collector<EdgeBatch> out) {
            IdNumbers numbers = new IdNumbers();
            int[] parent = new int[1 << 10];
            int seen = 0; // the ids with a tree in parent
            for (EdgeBatch batch : batches) {
                long[] sources = batch.sources();
                long[] targets = batch.targets();
                for (int e = 0; e < sources.length; e++) {
                    if (seen > maxVertices - 2) {
                        emit(numbers, parent, out);
                        numbers = new IdNumbers();
                        seen = 0;
                    }
                    int a = numbers.numberOf(sources[e]);
                    int b = numbers.numberOf(targets[e]);
                    // a new id is numbered numbers.size() - 1 and starts as a tree of its own
                    while (seen < numbers.size()) {
                        if (seen == parent.length) {
                            parent = Arrays.copyOf(parent, 2 * seen);
                        }
                        parent[seen] = seen++;
                    }
                    union(numbers, parent, a, b);
                }
            }
            emit(numbers, parent, out);
        }

        /** Joins the trees of {@code a} and {@code b} under the root with the smaller id. */
        private static void union(IdNumbers numbers, int[] parent, int a, int b) {
            int rootA = LinkedBlock.root(parent, a);
            int rootB = LinkedBlock.root(parent, b);
            if (rootA != rootB) {
                if (numbers.idOf(rootA) < numbers.idOf(rootB)) {
                    parent[rootB] = rootA;
                } else {
                    parent[rootA] = rootB;
                }
            }
        }

        /** The forest as edges (vertex, its root), and (root, root) for a root alone, in batches. */
        private static void emit(IdNumbers numbers, int[] parent, Collector<EdgeBatch> out) {
            int size = numbers.size();
            boolean[] linked = new boolean[size];
            for (int v = 0; v < size; v++) {
                int root = LinkedBlock.root(parent, v);
                parent[v] = root;
                linked[root] |= root != v;
            }
            long[] sources = new long[Math.min(size, BlockGraph.BATCH_EDGES)];
            long[] targets = new long[sources.length];
            int count = 0;
            for (int v = 0; v < size; v++) {
                int root = parent[v];
                if (root == v && linked[v]) {
                    continue;
                }
                sources[count] = numbers.idOf(v);
                targets[count++] = numbers.idOf(root);
                if (count == sources.length) {
                    out.collect(new EdgeBatch(sources, targets));
                    sources = new long[sources.length];
                    targets = new long[sources.length];
                    count = 0;
                }
            }
            if (count > 0) {
                out.collect(new EdgeBatch(Arrays.copyOf(sources, count), Arrays.copyOf(targets, count)));
            }
        }
    }

    /**
     * A chunk's labels and a block from it → for each target, the smallest label among the sources
     * linked to it in the block whose label changed in the last superstep; targets without such a
     * source are left out, and a block with none sends nothing.
     */
    static final class Offer implements FlatJoinFunction<LabelChunk, LinkedBlock, LongMessage> {
        private static final long serialVersionUID = 1L;

        @Override
        public void join(LabelChunk chunk, LinkedBlock block, Collector<LongMessage> out) {
            long[] labels = chunk.labels();
            long[] changed = chunk.changed();
            int[] sources = block.sources();
            int[] sourceComponents = block.sourceComponents();
            long[] smallest = null;
            for (int i = 0; i < sources.length; i++) {
                int source = sources[i];
                if ((changed[source >>> 6] & (1L << source)) != 0) {
                    if (smallest == null) {
                        smallest = new long[block.components()];
                        java.util.Arrays.fill(smallest, Long.MAX_VALUE);
                    }
                    int component = sourceComponents[i];
                    smallest[component] = Math.min(smallest[component], labels[source]);
                }
            }
            if (smallest == null) {
                return;
            }
            int[] targets = block.targets();
            int[] targetComponents = block.targetComponents();
            int offered = 0;
            for (int component : targetComponents) {
                offered += smallest[component] != Long.MAX_VALUE ? 1 : 0;
            }
            int[] offeredTargets = offered == targets.length ? targets : new int[offered];
            long[] offeredLabels = new long[offered];
            for (int p = 0, next = 0; p < targets.length; p++) {
                long label = smallest[targetComponents[p]];
                if (label != Long.MAX_VALUE) {
                    offeredTargets[next] = targets[p];
                    offeredLabels[next++] = label;
                }
            }
            out.collect(new LongMessage(block.targetChunk(), offeredTargets, offeredLabels));
        }
    }

    /**
     * A chunk's labels and the offers to it → the smaller of each vertex's label and its offers, with
     * the vertices whose label changed marked; counts the changes.
     */
    static final class Adopt extends RichCoGroupFunction<LabelChunk, LongMessage, LabelChunk> {
        private static final long serialVersionUID = 1L;
        private transient LongSumAggregator changed;

        @Override
        public void open(OpenContext context) {
            changed = getRuntimeContext().getIterationAggregator(CHANGED);
        }

        @Override
        public void coGroup(Iterable<LabelChunk> chunks, Iterable<LongMessage> offers, Collector<LabelChunk> out) {
            LabelChunk chunk = chunks.iterator().next();
            long[] labels = chunk.labels().clone();
            long[] marks = new long[chunk.changed().length];
            long changes = 0;
            for (LongMessage offer : offers) {
                int[] targets = offer.targets();
                long[] values = offer.values();
                for (int i = 0; i < targets.length; i++) {
                    int target = targets[i];
                    if (values[i] < labels[target]) {
                        labels[target] = values[i];
                        marks[target >>> 6] |= 1L << target;
                        changes++;
                    }
                }
            }
            changed.aggregate(changes);
            out.collect(new LabelChunk(chunk.chunk(), labels, marks));
        }
    }
}
