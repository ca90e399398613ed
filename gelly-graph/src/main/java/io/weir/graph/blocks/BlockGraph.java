package io.weir.graph.blocks;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.functions.RichMapPartitionFunction;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.core.util.DistinctSketch;
import io.weir.core.util.Mixing;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSetUtils;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A graph as a sparse matrix in blocks, for algorithms that send one value along every edge in
 * every superstep (PageRank, label propagation, connected components). The vertices are spread over
 * <em>chunks</em> by a hash of their id ({@link Layout}); a chunk lists its vertices' ids in ascending
 * order ({@link VertexChunk}), and a vertex is named by its <em>offset</em> in that list. The edges
 * between the vertices of source chunk {@code a} and target chunk {@code b} form one or more {@link
 * Block}s: the block's sources, each with its run of edges, each edge naming its target by position
 * in the block's list of distinct targets.
 *
 * <p>The values of the vertices travel as one array per chunk. In a superstep an algorithm joins
 * each chunk with the blocks whose sources it holds and sends, per block, one array holding one
 * combined value per distinct target ({@link DoubleMessage}, {@link LongMessage}); the arrays for a
 * chunk are gathered into its next values. So the per-edge work is an array read and an add, and
 * what the dataflow moves per superstep is a few records per block rather than one record per edge.
 * The records are ordinary data set records: joined, grouped, exchanged and spilled within their
 * operators' memory budgets like any other; a chunk holds about {@link #MAX_CHUNK} vertices at most
 * and a block at most {@link #MAX_BLOCK_EDGES} edges, so no record grows with the graph.
 *
 * <p>Built without a per-edge join: a sketch of the vertex ids sizes the layout; each edge goes by its
 * ends' chunks into a block of ids ({@link IdBlock}, grouped in memory, then merged); the chunks'
 * id lists are the ids the blocks (or the given vertices) hold; and each block meets the id lists of
 * its two chunks once to turn its ids into offsets. Vertex ids of type {@code long} are used as they
 * are; other key types are first numbered ({@code zipWithIndex}) and the edges translated by two
 * joins. Edges whose ends are not both vertices are left out.
 *
 * @param <K> the vertex id type
 */
public final class BlockGraph<K> {

    /** About the most vertices a chunk holds (2 MiB of doubles): the layout aims below it. */
    public static final int MAX_CHUNK = 1 << 18;

    /** The most edges one block record holds; a larger block is cut into several. */
    public static final int MAX_BLOCK_EDGES = 1 << 20;

    /**
     * The most edges a parallel instance holds (on the heap, 16 bytes each) while it sorts them by
     * their chunks into {@link EdgeList}s.
     */
    static final int COLLECTED_EDGES = 1 << 20;

    /**
     * Chunks per parallel instance: enough for the chunks to spread over the instances, few enough
     * that a vertex's in-edges come from few chunks — each block sends one value per distinct target,
     * so the values sent per superstep grow with the chunks (R-MAT 19 on 2 instances: 16 chunks took
     * a quarter more CPU than 8 in PageRank and WCC; 4 were no better than 8).
     */
    static final int CHUNKS_PER_INSTANCE = 4;

    /** The most edges an {@link EdgeBatch} made by {@link #batches} holds (64 KiB of ids). */
    public static final int BATCH_EDGES = 1 << 12;

    /** The name of the broadcast set holding the {@link Layout}. */
    public static final String LAYOUT = "block graph layout";

    private static final TypeInfo<Tuple2<Long, Long>> LONG_PAIR = Types.TUPLE(Types.LONG, Types.LONG);

    /** Each vertex's number and id, when the ids are not {@code long}s; null when they are. */
    private final DataSet<Tuple2<Long, K>> numbering;

    private final DataSet<Layout> layout;
    private final DataSet<VertexChunk> vertexChunks;
    private final DataSet<Block> blocks;
    private final TypeInfo<K> keyType;

    private BlockGraph(
            DataSet<Tuple2<Long, K>> numbering,
            DataSet<Layout> layout,
            DataSet<VertexChunk> vertexChunks,
            DataSet<Block> blocks,
            TypeInfo<K> keyType) {
        this.numbering = numbering;
        this.layout = layout;
        this.vertexChunks = vertexChunks;
        this.blocks = blocks;
        this.keyType = keyType;
    }

    /**
     * The block graph of {@code vertices} (each id once), or of the ids the edges name when {@code
     * vertices} is {@code null}, and {@code edges} {@code (source, target)} (a repeated edge counts as
     * often as it is listed).
     */
    public static <K> BlockGraph<K> of(DataSet<K> vertices, DataSet<Tuple2<K, K>> edges, TypeInfo<K> keyType) {
        return of(vertices, edges, keyType, false);
    }

    /**
     * Like {@link #of(DataSet, DataSet, TypeInfo)}; with {@code bothWays}, each edge is also in the
     * blocks reversed (an undirected graph: an edge listed once, used in both directions), without a
     * record per reversed edge.
     */
    @SuppressWarnings("unchecked")
    public static <K> BlockGraph<K> of(
            DataSet<K> vertices, DataSet<Tuple2<K, K>> edges, TypeInfo<K> keyType, boolean bothWays) {
        if (keyType.equals(Types.LONG)) {
            return (BlockGraph<K>) ofBatches(
                    (DataSet<Long>) vertices, batches((DataSet<Tuple2<Long, Long>>) (DataSet<?>) edges), bothWays);
        }
        DataSet<K> all = vertices;
        if (all == null) {
            all = edges.flatMap((FlatMapFunction<Tuple2<K, K>, K>) (edge, out) -> {
                        out.collect(edge.f0);
                        out.collect(edge.f1);
                    })
                    .returns(keyType)
                    .name("edge ends")
                    .distinct()
                    .name("vertices");
        }
        DataSet<Tuple2<Long, K>> numbering = DataSetUtils.zipWithIndex(all);
        TypeInfo<Tuple2<K, Long>> half = Types.TUPLE(keyType, Types.LONG);
        // the numbering is the smaller input (one record per vertex): the hash table's build side
        DataSet<Tuple2<Long, Long>> numbered = edges.join(numbering, JoinHint.REPARTITION_HASH_SECOND)
                .where(1)
                .equalTo(1)
                .with((edge, target) -> Tuple2.of(edge.f0, target.f0))
                .returns(half)
                .name("number edge targets")
                .join(numbering, JoinHint.REPARTITION_HASH_SECOND)
                .where(0)
                .equalTo(1)
                .with((edge, source) -> Tuple2.of(source.f0, edge.f1))
                .returns(LONG_PAIR)
                .name("number edge sources");
        DataSet<Long> numbers =
                numbering.map(vertex -> vertex.f0).returns(Types.LONG).name("vertex numbers");
        return build(numbers, batches(numbered), bothWays, numbering, keyType);
    }

    /**
     * The block graph of {@code vertices} (each id once), or of the ids the edges name when {@code
     * vertices} is {@code null}, and the edges in {@code batches} — for a source that reads edges
     * straight into batches ({@code GraphFiles.edgeBatches}), without a record per edge.
     *
     * @param bothWays whether each edge is also in the blocks reversed
     */
    public static BlockGraph<Long> ofBatches(DataSet<Long> vertices, DataSet<EdgeBatch> batches, boolean bothWays) {
        return build(vertices, batches, bothWays, null, Types.LONG);
    }

    /** The edges {@code (source, target)} in batches of at most {@link #BATCH_EDGES}, in the order they came. */
    public static DataSet<EdgeBatch> batches(DataSet<Tuple2<Long, Long>> edges) {
        return edges.mapPartition(new Batch()).returns(EdgeBatch.class).name("edge batches");
    }

    private static <K> BlockGraph<K> build(
            DataSet<Long> vertices,
            DataSet<EdgeBatch> edges,
            boolean bothWays,
            DataSet<Tuple2<Long, K>> numbering,
            TypeInfo<K> keyType) {
        int instances = Math.max(1, edges.getExecutionEnvironment().getParallelism());
        DataSet<DistinctSketch> sketches = vertices != null
                ? vertices.mapPartition(new SketchVertices()).returns(DistinctSketch.class)
                : edges.mapPartition(new SketchEnds()).returns(DistinctSketch.class);
        DataSet<Layout> layout = sketches.name("sketch vertex ids")
                .reduce(DistinctSketch::merge)
                .name("merge sketches")
                .map(sketch -> Layout.of(sketch.estimate(), instances))
                .returns(Layout.class)
                .name("chunk layout");
        DataSet<IdBlock> idBlocks = edges.mapPartition(new CollectEdges(COLLECTED_EDGES, bothWays))
                .returns(EdgeList.class)
                .withBroadcastSet(layout, LAYOUT)
                .name("edge lists")
                .groupBy("sourceChunk", "targetChunk")
                .reduceGroup(new BuildBlocks(bothWays))
                .returns(IdBlock.class)
                .name("edge blocks");
        DataSet<VertexChunk> ids;
        if (vertices != null) {
            ids = vertices.map(new SingleId())
                    .returns(VertexChunk.class)
                    .withBroadcastSet(layout, LAYOUT)
                    .name("vertex chunks");
        } else {
            ids = idBlocks.flatMap((FlatMapFunction<IdBlock, VertexChunk>) (block, out) -> {
                        out.collect(new VertexChunk(block.sourceChunk(), block.sources()));
                        out.collect(new VertexChunk(block.targetChunk(), block.targets()));
                    })
                    .returns(VertexChunk.class)
                    .name("block ends");
        }
        DataSet<VertexChunk> vertexChunks = ids.groupBy("chunk")
                .combineGroup(new MergeIds())
                .returns(VertexChunk.class)
                .name("partial vertex lists")
                .groupBy("chunk")
                .reduceGroup(new MergeIds())
                .returns(VertexChunk.class)
                .name("vertex lists");
        // the id lists are the fewer records (one per chunk): the hash tables' build side
        DataSet<Block> blocks = idBlocks.join(vertexChunks, JoinHint.REPARTITION_HASH_SECOND)
                .where("sourceChunk")
                .equalTo("chunk")
                .with(new PlaceSources())
                .returns(IdBlock.class)
                .name("place block sources")
                .join(vertexChunks, JoinHint.REPARTITION_HASH_SECOND)
                .where("targetChunk")
                .equalTo("chunk")
                .with(new PlaceTargets())
                .returns(Block.class)
                .name("place block targets");
        return new BlockGraph<>(numbering, layout, vertexChunks, blocks, keyType);
    }

    /** One record: how the vertices are spread over chunks. */
    public DataSet<Layout> layout() {
        return layout;
    }

    /** The ids of each chunk's vertices, ascending; a chunk without vertices has no record. */
    public DataSet<VertexChunk> vertexChunks() {
        return vertexChunks;
    }

    /** The edges, in blocks. */
    public DataSet<Block> blocks() {
        return blocks;
    }

    public TypeInfo<K> keyType() {
        return keyType;
    }

    /** One record: the number of vertices. */
    public DataSet<Long> vertexCount() {
        return sum(vertexChunks.map(chunk -> (long) chunk.ids().length).returns(Types.LONG), "count vertices");
    }

    /** The sum of {@code counts}: one record, 0 when there are none. */
    public static DataSet<Long> sum(DataSet<Long> counts, String name) {
        return counts.union(counts.getExecutionEnvironment().fromElements(0L))
                .reduce(Long::sum)
                .name(name);
    }

    /** The out-degree of every vertex (edges counted as listed), one array per chunk. */
    public DataSet<IntChunk> outDegrees() {
        DataSet<IntChunk> zeros = vertexChunks
                .map(chunk -> new IntChunk(chunk.chunk(), new int[chunk.ids().length]))
                .returns(IntChunk.class)
                .name("no edges");
        return blocks.map(new BlockDegrees())
                .returns(IntChunk.class)
                .name("block out-degrees")
                .union(zeros)
                .groupBy("chunk")
                .reduce(IntChunk::plus)
                .name("out-degrees");
    }

    /** The value at one offset of a chunk's values. */
    @FunctionalInterface
    public interface ValueAt<C, V> extends Serializable {
        V value(C chunk, int offset);
    }

    /**
     * Each vertex with its value, from one record of values per chunk ({@code chunkField} naming its
     * chunk's number) and the value at each offset: the vertices' ids back with their values, for
     * results. A chunk without a record of values contributes nothing.
     */
    public <C, V> DataSet<Tuple2<K, V>> values(
            DataSet<C> chunks, String chunkField, ValueAt<C, V> valueAt, TypeInfo<V> valueType, String name) {
        DataSet<Tuple2<Long, V>> byId = vertexChunks
                .join(chunks)
                .where("chunk")
                .equalTo(chunkField)
                .with((FlatJoinFunction<VertexChunk, C, Tuple2<Long, V>>) (vertexChunk, values, out) -> {
                    long[] vertexIds = vertexChunk.ids();
                    for (int i = 0; i < vertexIds.length; i++) {
                        out.collect(Tuple2.of(vertexIds[i], valueAt.value(values, i)));
                    }
                })
                .returns(Types.TUPLE(Types.LONG, valueType))
                .name(name);
        if (numbering == null) {
            @SuppressWarnings("unchecked")
            DataSet<Tuple2<K, V>> same = (DataSet<Tuple2<K, V>>) (DataSet<?>) byId;
            return same;
        }
        return byId.join(numbering)
                .where(0)
                .equalTo(0)
                .with((value, vertex) -> Tuple2.of(vertex.f1, value.f1))
                .returns(Types.TUPLE(keyType, valueType))
                .name(name + " by id");
    }

    /** The layout broadcast to a rich function under {@link #LAYOUT}. */
    public static Layout layout(io.weir.core.functions.RuntimeContext context) {
        return context.<Layout>getBroadcastVariable(LAYOUT).get(0);
    }

    // ------------------------------------------------------------------------------------------
    // Records
    // ------------------------------------------------------------------------------------------

    /**
     * How the vertices are spread over chunks: by a mixed hash of their id, to one of {@code
     * numbers.length} chunks, each named by its number here. The numbers are chosen so that hash
     * partitioning on them — how joins and groupings on a chunk field place the chunks' records —
     * gives each parallel instance as many chunks as the others (a handful of numbers 0, 1, 2, ...
     * can hash unevenly: 12 over 3 instances as 2, 8 and 2).
     */
    public record Layout(int[] numbers) {

        public Layout {
            if (numbers.length == 0) {
                throw new IllegalArgumentException("a layout needs at least one chunk");
            }
        }

        /** {@code chunks} chunks numbered 0, 1, 2, ... */
        static Layout dense(int chunks) {
            int[] numbers = new int[chunks];
            Arrays.setAll(numbers, i -> i);
            return new Layout(numbers);
        }

        /**
         * The layout for about {@code vertices} vertices over {@code instances} parallel instances:
         * {@link #CHUNKS_PER_INSTANCE} chunks per instance (fewer for fewer vertices), more when the
         * chunks would be fuller than three quarters of {@link #MAX_CHUNK} on average (room for the
         * estimate's error and the hash's unevenness).
         */
        static Layout of(long vertices, int instances) {
            long spread = Math.min((long) instances * CHUNKS_PER_INSTANCE, vertices);
            long size = (vertices * 4 + 3L * MAX_CHUNK - 1) / (3L * MAX_CHUNK);
            int chunks = (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.max(spread, size)));
            return new Layout(spreadNumbers(chunks, instances));
        }

        /**
         * {@code chunks} distinct chunk numbers of which {@code instances} hash partitioning sends as
         * many to each instance as to any other (give or take one).
         */
        static int[] spreadNumbers(int chunks, int instances) {
            int[] numbers = new int[chunks];
            // each instance's share: chunks / instances, one more for the first chunks % instances
            int[] room = new int[instances];
            for (int instance = 0; instance < instances; instance++) {
                room[instance] = chunks / instances + (instance < chunks % instances ? 1 : 0);
            }
            int found = 0;
            for (int number = 0; found < chunks; number++) {
                int instance = DataSetUtils.hashPartitionOf(number, instances);
                if (room[instance] > 0) {
                    room[instance]--;
                    numbers[found++] = number;
                }
            }
            return numbers;
        }

        public int chunks() {
            return numbers.length;
        }

        /**
         * The position of a vertex's chunk among the {@link #chunks()}: the high 32 bits of its mixed id
         * scaled to the chunks (a multiply, not a division).
         */
        int indexOf(long id) {
            return (int) (((Mixing.mix64(id) >>> 32) * numbers.length) >>> 32);
        }

        /** The number of a vertex's chunk. */
        public int chunkOf(long id) {
            return numbers[indexOf(id)];
        }
    }

    /**
     * Edges {@code sources[e] → targets[e]} in the order they came: how a source that parses many
     * edges at a time hands them on, one record per batch rather than per edge.
     */
    public record EdgeBatch(long[] sources, long[] targets) {

        public EdgeBatch {
            if (sources.length != targets.length) {
                throw new IllegalArgumentException("an edge batch needs as many targets as sources, not "
                        + targets.length + " and " + sources.length);
            }
        }

        public int size() {
            return sources.length;
        }
    }

    /** The ids of the vertices of {@code chunk}, ascending: a vertex's offset is its position here. */
    public record VertexChunk(int chunk, long[] ids) {}

    /**
     * Edges {@code sources[e] → targets[e]} from chunk {@code sourceChunk} to chunk {@code
     * targetChunk}, as they came: what the edges of a (source chunk, target chunk) are collected into
     * before they are shuffled and built into blocks.
     */
    public record EdgeList(int sourceChunk, int targetChunk, long[] sources, long[] targets) {}

    /**
     * Edges from chunk {@code sourceChunk} to chunk {@code targetChunk} by vertex id: the source
     * {@code sources[i]} (ascending, distinct) has the edges {@code ends[i-1] .. ends[i]-1} (from 0 for
     * {@code i = 0}); edge {@code e} goes to {@code targets[positions[e]]}; {@code targets} are the
     * block's distinct targets, ascending. What a {@link Block} is made of.
     */
    public record IdBlock(
            int sourceChunk, int targetChunk, long[] sources, int[] ends, int[] positions, long[] targets) {}

    /**
     * Edges from chunk {@code sourceChunk} to chunk {@code targetChunk}: the source at offset {@code
     * sources[i]} (ascending) has the edges {@code ends[i-1] .. ends[i]-1} (from 0 for {@code i =
     * 0}); edge {@code e} goes to the target at offset {@code targets[positions[e]]}; {@code targets}
     * are the block's distinct targets, ascending.
     */
    public record Block(int sourceChunk, int targetChunk, int[] sources, int[] ends, int[] positions, int[] targets) {

        public int edges() {
            return positions.length;
        }
    }

    /** One {@code int} per vertex of {@code chunk}. */
    public record IntChunk(int chunk, int[] values) {

        /** The element-wise sum (of two arrays of one chunk; the shorter counts as padded with zeros). */
        public static IntChunk plus(IntChunk a, IntChunk b) {
            int[] sum = Arrays.copyOf(a.values, Math.max(a.values.length, b.values.length));
            for (int i = 0; i < b.values.length; i++) {
                sum[i] += b.values[i];
            }
            return new IntChunk(a.chunk, sum);
        }
    }

    /** One {@code long} per vertex of {@code chunk}. */
    public record LongChunk(int chunk, long[] values) {}

    /** Values for the vertices at offsets {@code targets} of {@code chunk}, one per target, from one block. */
    public record DoubleMessage(int chunk, int[] targets, double[] values) {}

    /** Values for the vertices at offsets {@code targets} of {@code chunk}, one per target, from one block. */
    public record LongMessage(int chunk, int[] targets, long[] values) {}

    // ------------------------------------------------------------------------------------------
    // Functions
    // ------------------------------------------------------------------------------------------

    /** The sketch of the vertex ids of a partition. */
    static final class SketchVertices implements MapPartitionFunction<Long, DistinctSketch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void mapPartition(Iterable<Long> vertices, Collector<DistinctSketch> out) {
            DistinctSketch sketch = new DistinctSketch();
            for (long vertex : vertices) {
                sketch.addLong(vertex);
            }
            out.collect(sketch);
        }
    }

    /** The sketch of the ids the edges of a partition name. */
    static final class SketchEnds implements MapPartitionFunction<EdgeBatch, DistinctSketch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void mapPartition(Iterable<EdgeBatch> batches, Collector<DistinctSketch> out) {
            DistinctSketch sketch = new DistinctSketch();
            for (EdgeBatch batch : batches) {
                long[] sources = batch.sources();
                long[] targets = batch.targets();
                for (int e = 0; e < sources.length; e++) {
                    sketch.addLong(sources[e]);
                    sketch.addLong(targets[e]);
                }
            }
            out.collect(sketch);
        }
    }

    /** Edges → batches of at most {@link #BATCH_EDGES}, in the order they came. */
    static final class Batch implements MapPartitionFunction<Tuple2<Long, Long>, EdgeBatch> {
        private static final long serialVersionUID = 1L;

        @Override
        public void mapPartition(Iterable<Tuple2<Long, Long>> edges, Collector<EdgeBatch> out) {
            long[] sources = new long[BATCH_EDGES];
            long[] targets = new long[BATCH_EDGES];
            int count = 0;
            for (Tuple2<Long, Long> edge : edges) {
                sources[count] = edge.f0;
                targets[count++] = edge.f1;
                if (count == BATCH_EDGES) {
                    out.collect(new EdgeBatch(sources, targets));
                    sources = new long[BATCH_EDGES];
                    targets = new long[BATCH_EDGES];
                    count = 0;
                }
            }
            if (count > 0) {
                out.collect(new EdgeBatch(Arrays.copyOf(sources, count), Arrays.copyOf(targets, count)));
            }
        }
    }

    /** A map function that reads the {@link Layout} broadcast under {@link #LAYOUT} when it opens. */
    public abstract static class LayoutMap<I, O> extends RichMapFunction<I, O> {
        private static final long serialVersionUID = 1L;
        protected transient Layout layout;

        @Override
        public void open(OpenContext context) {
            layout = layout(getRuntimeContext());
        }
    }

    /** A vertex id → a list of it alone, in its chunk. */
    static final class SingleId extends LayoutMap<Long, VertexChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public VertexChunk map(Long vertex) {
            return new VertexChunk(layout.chunkOf(vertex), new long[] {vertex});
        }
    }

    /** Id lists of one chunk → one list of their distinct ids, ascending. */
    static final class MergeIds
            implements GroupCombineFunction<VertexChunk, VertexChunk>, GroupReduceFunction<VertexChunk, VertexChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public void combine(Iterable<VertexChunk> lists, Collector<VertexChunk> out) {
            reduce(lists, out);
        }

        @Override
        public void reduce(Iterable<VertexChunk> lists, Collector<VertexChunk> out) {
            long[] ids = new long[16];
            int count = 0;
            int chunk = 0;
            for (VertexChunk list : lists) {
                chunk = list.chunk();
                long[] more = list.ids();
                if (count + more.length > ids.length) {
                    ids = Arrays.copyOf(ids, Math.max(2 * ids.length, count + more.length));
                }
                System.arraycopy(more, 0, ids, count, more.length);
                count += more.length;
            }
            out.collect(new VertexChunk(chunk, distinct(ids, count)));
        }
    }

    /** The distinct values of {@code values[0 .. count)}, ascending (the array is sorted in place). */
    static long[] distinct(long[] values, int count) {
        Arrays.sort(values, 0, count);
        int unique = 0;
        for (int i = 0; i < count; i++) {
            if (unique == 0 || values[i] != values[unique - 1]) {
                values[unique++] = values[i];
            }
        }
        return Arrays.copyOf(values, unique);
    }

    /**
     * Edges → one list per (source chunk, target chunk) of what came, emitted whenever {@code
     * capacity} edges are held (and at the end): a sort by chunk pair in the heap, without a record per
     * edge; {@link BuildBlocks} builds the blocks from the lists. With {@code bothWays} an edge is
     * listed once, turned so that its source's chunk is the lower of the two, and {@link BuildBlocks}
     * puts it into the blocks both ways: half the lists to shuffle and sort.
     */
    static final class CollectEdges extends RichMapPartitionFunction<EdgeBatch, EdgeList> {
        private static final long serialVersionUID = 1L;
        private final int capacity;
        private final boolean bothWays;

        /** @param bothWays whether each edge goes into the blocks reversed too (listed once, turned to the lower chunk) */
        CollectEdges(int capacity, boolean bothWays) {
            if (capacity < 2) {
                throw new IllegalArgumentException("a capacity of at least 2 edges is needed, not " + capacity);
            }
            this.capacity = capacity;
            this.bothWays = bothWays;
        }

        @Override
        public void mapPartition(Iterable<EdgeBatch> edges, Collector<EdgeList> out) {
            collect(edges, layout(getRuntimeContext()), out);
        }

        /** The work of {@link #mapPartition}, with the layout given. */
        void collect(Iterable<EdgeBatch> batches, Layout layout, Collector<EdgeList> out) {
            int chunks = layout.chunks();
            // the edges in the order they came, with their pair's number; counted per pair
            long[] sources = new long[Math.min(capacity, 1 << 12)];
            long[] targets = new long[sources.length];
            long[] pairs = new long[sources.length];
            int held = 0;
            for (EdgeBatch batch : batches) {
                long[] batchSources = batch.sources();
                long[] batchTargets = batch.targets();
                for (int e = 0; e < batchSources.length; e++) {
                    if (held == capacity) {
                        emit(sources, targets, pairs, held, layout, out);
                        held = 0;
                    }
                    if (held == sources.length) {
                        int grown = Math.min(capacity, 2 * sources.length);
                        sources = Arrays.copyOf(sources, grown);
                        targets = Arrays.copyOf(targets, grown);
                        pairs = Arrays.copyOf(pairs, grown);
                    }
                    long source = batchSources[e];
                    long target = batchTargets[e];
                    int sourceChunk = layout.indexOf(source);
                    int targetChunk = layout.indexOf(target);
                    if (bothWays && sourceChunk > targetChunk) {
                        sources[held] = target;
                        targets[held] = source;
                        pairs[held++] = (long) targetChunk * chunks + sourceChunk;
                    } else {
                        sources[held] = source;
                        targets[held] = target;
                        pairs[held++] = (long) sourceChunk * chunks + targetChunk;
                    }
                }
            }
            emit(sources, targets, pairs, held, layout, out);
        }

        /**
         * Emits the {@code held} edges as one list per pair (a counting sort by pair; a pair is {@code
         * sourceIndex · chunks + targetIndex}, by the chunks' positions in the layout).
         */
        private static void emit(
                long[] sources, long[] targets, long[] pairs, int held, Layout layout, Collector<EdgeList> out) {
            int chunks = layout.chunks();
            if (held == 0) {
                return;
            }
            // the pairs that occur, numbered densely (by the pair itself when there are few pairs, else
            // through a hash table), and the edges of each
            boolean direct = (long) chunks * chunks <= Math.max(1 << 12, held);
            IdNumbers numbers = direct ? null : new IdNumbers();
            int[] local = new int[held];
            int[] sizes = new int[direct ? chunks * chunks : 16];
            for (int e = 0; e < held; e++) {
                int number = direct ? (int) pairs[e] : numbers.numberOf(pairs[e]);
                if (number == sizes.length) {
                    sizes = Arrays.copyOf(sizes, 2 * number);
                }
                local[e] = number;
                sizes[number]++;
            }
            int lists = direct ? sizes.length : numbers.size();
            long[][] listSources = new long[lists][];
            long[][] listTargets = new long[lists][];
            for (int i = 0; i < listSources.length; i++) {
                listSources[i] = new long[sizes[i]];
                listTargets[i] = new long[sizes[i]];
                sizes[i] = 0;
            }
            for (int e = 0; e < held; e++) {
                int list = local[e];
                listSources[list][sizes[list]] = sources[e];
                listTargets[list][sizes[list]++] = targets[e];
            }
            for (int list = 0; list < listSources.length; list++) {
                if (listSources[list].length == 0) {
                    continue; // a pair without edges (numbered directly)
                }
                long pair = direct ? list : numbers.idOf(list);
                out.collect(new EdgeList(
                        layout.numbers()[(int) (pair / chunks)],
                        layout.numbers()[(int) (pair % chunks)],
                        listSources[list],
                        listTargets[list]));
            }
        }
    }

    /**
     * The edge lists of one (source chunk, target chunk) → blocks of at most {@link #MAX_BLOCK_EDGES}
     * edges; with {@code bothWays}, also the blocks of the edges reversed (the lists of chunks {@code a
     * <= b} hold the edges between the two chunks once).
     */
    static final class BuildBlocks implements GroupReduceFunction<EdgeList, IdBlock> {
        private static final long serialVersionUID = 1L;
        private final boolean bothWays;

        BuildBlocks(boolean bothWays) {
            this.bothWays = bothWays;
        }

        @Override
        public void reduce(Iterable<EdgeList> lists, Collector<IdBlock> out) {
            BlockBuilder forward = new BlockBuilder(out);
            BlockBuilder backward = bothWays ? new BlockBuilder(out) : null;
            for (EdgeList list : lists) {
                int sourceChunk = list.sourceChunk();
                int targetChunk = list.targetChunk();
                long[] sources = list.sources();
                long[] targets = list.targets();
                for (int e = 0; e < sources.length; e++) {
                    forward.add(sourceChunk, targetChunk, sources[e], targets[e]);
                    if (bothWays) {
                        (sourceChunk == targetChunk ? forward : backward)
                                .add(targetChunk, sourceChunk, targets[e], sources[e]);
                    }
                }
            }
            forward.flush();
            if (backward != null) {
                backward.flush();
            }
        }
    }

    /** Collects the edges of one (source chunk, target chunk) and emits them as blocks of at most {@link #MAX_BLOCK_EDGES}. */
    static final class BlockBuilder {
        private final Collector<IdBlock> out;
        private final int maxEdges;
        private long[] sources = new long[16];
        private long[] targets = new long[16];

        private int count;
        private int sourceChunk;
        private int targetChunk;

        BlockBuilder(Collector<IdBlock> out) {
            this(out, MAX_BLOCK_EDGES);
        }

        /** Emits blocks of at most {@code maxEdges} edges. */
        BlockBuilder(Collector<IdBlock> out, int maxEdges) {
            this.out = out;
            this.maxEdges = maxEdges;
        }

        void add(int sourceChunk, int targetChunk, long source, long target) {
            if (count == maxEdges) {
                flush();
            }
            if (count == sources.length) {
                int grown = Math.min(maxEdges, 2 * sources.length);
                sources = Arrays.copyOf(sources, grown);
                targets = Arrays.copyOf(targets, grown);
            }
            this.sourceChunk = sourceChunk;
            this.targetChunk = targetChunk;
            sources[count] = source;
            targets[count] = target;
            count++;
        }

        /** Emits the edges collected as one block. */
        void flush() {
            if (count > 0) {
                out.collect(block(sourceChunk, targetChunk, sources, targets, count));
                count = 0;
            }
        }

        /**
         * The block of the edges {@code sources[e] → targets[e]}, {@code e < count}: the targets are
         * sorted (a radix sort that keeps where each came from) to list them once each and give every
         * edge its target's position; then the sources, which orders the edges by source (in the
         * order they came within a source's run).
         */
        static IdBlock block(int sourceChunk, int targetChunk, long[] sources, long[] targets, int count) {
            long[] sorted = new long[count];
            int[] from = new int[count];
            RadixOrder.sort(targets, count, sorted, from);
            int[] targetPosition = new int[count];
            int distinctTargets = 0;
            for (int i = 0; i < count; i++) {
                long target = sorted[i];
                if (distinctTargets == 0 || target != sorted[distinctTargets - 1]) {
                    sorted[distinctTargets++] = target;
                }
                targetPosition[from[i]] = distinctTargets - 1;
            }
            long[] blockTargets = Arrays.copyOf(sorted, distinctTargets);

            RadixOrder.sort(sources, count, sorted, from);
            int[] positions = new int[count];
            int[] ends = new int[count];
            int distinctSources = 0;
            for (int i = 0; i < count; i++) {
                long source = sorted[i];
                if (distinctSources == 0 || source != sorted[distinctSources - 1]) {
                    if (distinctSources > 0) {
                        ends[distinctSources - 1] = i;
                    }
                    sorted[distinctSources++] = source;
                }
                positions[i] = targetPosition[from[i]];
            }
            ends[distinctSources - 1] = count;
            return new IdBlock(
                    sourceChunk,
                    targetChunk,
                    Arrays.copyOf(sorted, distinctSources),
                    Arrays.copyOf(ends, distinctSources),
                    positions,
                    blockTargets);
        }
    }

    /** Numbers {@code long} ids in the order they first come, in an open-addressing table. */
    static final class IdNumbers {
        /**
         * Slot {@code i} is {@code table[2i]} (the id) and {@code table[2i+1]} (its number + 1; 0 marks
         * a free slot), side by side so that a lookup touches one cache line.
         */
        private long[] table = new long[128];

        private long[] byNumber = new long[32];
        private int size;
        /** The last id looked up and its number: runs of one source (a file sorted by source) hash once. */
        private long lastId;

        private int lastNumber = -1;

        /** The id's number: the number of distinct ids that came before it. */
        int numberOf(long id) {
            if (id == lastId && lastNumber >= 0) {
                return lastNumber;
            }
            int mask = (table.length >>> 1) - 1;
            for (int slot = (int) Mixing.mix64(id) & mask; ; slot = (slot + 1) & mask) {
                long number = table[2 * slot + 1];
                if (number == 0) {
                    if (size == byNumber.length) {
                        byNumber = Arrays.copyOf(byNumber, 2 * size);
                        grow();
                        return numberOf(id);
                    }
                    byNumber[size] = id;
                    table[2 * slot] = id;
                    table[2 * slot + 1] = ++size;
                    lastId = id;
                    return lastNumber = size - 1;
                }
                if (table[2 * slot] == id) {
                    lastId = id;
                    return lastNumber = (int) number - 1;
                }
            }
        }

        /** Doubles the table (kept at twice the room of {@code byNumber}: at most half full). */
        private void grow() {
            int capacity = 2 * byNumber.length;
            table = new long[2 * capacity];
            int mask = capacity - 1;
            for (int number = 0; number < size; number++) {
                int slot = (int) Mixing.mix64(byNumber[number]) & mask;
                while (table[2 * slot + 1] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = byNumber[number];
                table[2 * slot + 1] = number + 1;
            }
        }

        int size() {
            return size;
        }

        /** The id numbered {@code number}. */
        long idOf(int number) {
            return byNumber[number];
        }
    }

    /**
     * The offsets of {@code ids} (ascending) in {@code chunkIds} (ascending), -1 for an id that is not
     * there: one pass that searches only past the previous find — a merge of the two lists when the
     * ids are many for the chunk (as a block's targets usually are), else a binary search per id.
     */
    static int[] offsets(long[] ids, long[] chunkIds) {
        int[] offsets = new int[ids.length];
        if ((long) ids.length * (64 - Long.numberOfLeadingZeros(chunkIds.length)) > chunkIds.length) {
            int at = 0;
            for (int i = 0; i < ids.length; i++) {
                long id = ids[i];
                while (at < chunkIds.length && chunkIds[at] < id) {
                    at++;
                }
                offsets[i] = at < chunkIds.length && chunkIds[at] == id ? at : -1;
            }
            return offsets;
        }
        int from = 0;
        for (int i = 0; i < ids.length; i++) {
            int found = Arrays.binarySearch(chunkIds, from, chunkIds.length, ids[i]);
            if (found >= 0) {
                offsets[i] = found;
                from = found + 1;
            } else {
                offsets[i] = -1;
                from = -found - 1;
            }
        }
        return offsets;
    }

    /**
     * A block of ids and its source chunk's ids → the block with its sources as offsets (in {@code
     * sources}, still {@code long}s); sources that are not vertices are left out with their edges.
     */
    static final class PlaceSources implements JoinFunction<IdBlock, VertexChunk, IdBlock> {
        private static final long serialVersionUID = 1L;

        @Override
        public IdBlock join(IdBlock block, VertexChunk chunk) {
            int[] offsets = offsets(block.sources(), chunk.ids());
            long[] sources = new long[offsets.length];
            int[] ends = new int[offsets.length];
            int[] positions = block.positions();
            int kept = 0;
            int edges = 0;
            int start = 0;
            for (int i = 0; i < offsets.length; i++) {
                int end = block.ends()[i];
                if (offsets[i] >= 0) {
                    if (edges != start) {
                        if (positions == block.positions()) {
                            positions = positions.clone();
                        }
                        System.arraycopy(block.positions(), start, positions, edges, end - start);
                    }
                    edges += end - start;
                    sources[kept] = offsets[i];
                    ends[kept++] = edges;
                }
                start = end;
            }
            return new IdBlock(
                    block.sourceChunk(),
                    block.targetChunk(),
                    Arrays.copyOf(sources, kept),
                    Arrays.copyOf(ends, kept),
                    edges == positions.length ? positions : Arrays.copyOf(positions, edges),
                    block.targets());
        }
    }

    /**
     * A block with its sources placed and its target chunk's ids → the {@link Block}; targets that
     * are not vertices are left out with their edges (and a block left without edges with them).
     */
    static final class PlaceTargets implements FlatJoinFunction<IdBlock, VertexChunk, Block> {
        private static final long serialVersionUID = 1L;

        @Override
        public void join(IdBlock block, VertexChunk chunk, Collector<Block> out) {
            int[] offsets = offsets(block.targets(), chunk.ids());
            // targets whose only edges came from sources that are not vertices go too
            boolean[] reached = new boolean[offsets.length];
            for (int position : block.positions()) {
                reached[position] = true;
            }
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = reached[i] ? offsets[i] : -1;
            }
            int[] sources = new int[block.sources().length];
            for (int i = 0; i < sources.length; i++) {
                sources[i] = (int) block.sources()[i];
            }
            int missing = 0;
            for (int offset : offsets) {
                missing += offset < 0 ? 1 : 0;
            }
            if (missing == 0) {
                out.collect(new Block(
                        block.sourceChunk(), block.targetChunk(), sources, block.ends(), block.positions(), offsets));
                return;
            }
            // renumber the targets that are vertices, and keep only the edges to them
            int[] renumbered = new int[offsets.length];
            int[] targets = new int[offsets.length - missing];
            int next = 0;
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] >= 0) {
                    targets[next] = offsets[i];
                    renumbered[i] = next++;
                } else {
                    renumbered[i] = -1;
                }
            }
            int[] positions = new int[block.positions().length];
            int[] ends = new int[sources.length];
            int kept = 0;
            int keptSources = 0;
            int e = 0;
            for (int i = 0; i < sources.length; i++) {
                for (int end = block.ends()[i]; e < end; e++) {
                    int position = renumbered[block.positions()[e]];
                    if (position >= 0) {
                        positions[kept++] = position;
                    }
                }
                if (kept > (keptSources == 0 ? 0 : ends[keptSources - 1])) {
                    sources[keptSources] = sources[i];
                    ends[keptSources++] = kept;
                }
            }
            if (kept > 0) {
                out.collect(new Block(
                        block.sourceChunk(),
                        block.targetChunk(),
                        Arrays.copyOf(sources, keptSources),
                        Arrays.copyOf(ends, keptSources),
                        Arrays.copyOf(positions, kept),
                        targets));
            }
        }
    }

    /** A block → the out-degrees its edges give the vertices of its source chunk (up to its last source). */
    static final class BlockDegrees implements io.weir.core.functions.MapFunction<Block, IntChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntChunk map(Block block) {
            int[] sources = block.sources();
            int[] degrees = new int[sources.length == 0 ? 0 : sources[sources.length - 1] + 1];
            int start = 0;
            for (int i = 0; i < sources.length; i++) {
                degrees[sources[i]] += block.ends()[i] - start;
                start = block.ends()[i];
            }
            return new IntChunk(block.sourceChunk(), degrees);
        }
    }
}
