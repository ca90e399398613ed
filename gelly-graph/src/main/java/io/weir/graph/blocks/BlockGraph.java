package io.weir.graph.blocks;

import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.FlatMapFunction;
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
import java.util.Objects;
import java.util.function.BiFunction;

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
        return build(numbers, batches(numbered), null, bothWays, numbering, keyType);
    }

    /**
     * The block graph of {@code vertices} (each id once), or of the ids the edges name when {@code
     * vertices} is {@code null}, and the edges in {@code batches} — for a source that reads edges
     * straight into batches ({@code GraphFiles.edgeBatches}), without a record per edge.
     *
     * @param bothWays whether each edge is also in the blocks reversed
     */
    public static BlockGraph<Long> ofBatches(DataSet<Long> vertices, DataSet<EdgeBatch> batches, boolean bothWays) {
        return build(vertices, batches, null, bothWays, null, Types.LONG);
    }

    /**
     * Like {@link #ofBatches(DataSet, DataSet, boolean)} with the vertices given, for edges that are
     * computed from the layout and the chunks' id lists, which the vertices alone decide: {@code
     * edges} gets them (one {@link Layout} record; the {@link VertexChunk}s, one per chunk with
     * vertices) — to check edges against the vertex set, say ({@link #countStrays}).
     */
    public static BlockGraph<Long> ofBatches(
            DataSet<Long> vertices,
            BiFunction<DataSet<Layout>, DataSet<VertexChunk>, DataSet<EdgeBatch>> edges,
            boolean bothWays) {
        return build(Objects.requireNonNull(vertices, "vertices is null"), null, edges, bothWays, null, Types.LONG);
    }

    /**
     * One record: 0 when every id that {@code edges} name is a vertex of {@code vertexChunks} (laid out
     * by {@code layout}), else how many are not (an id counted once per list it is in). The ids go to
     * their chunks in sorted lists and are merged with the chunks' lists: a record per list, not per
     * id.
     */
    public static DataSet<Long> countStrays(
            DataSet<EdgeBatch> edges, DataSet<Layout> layout, DataSet<VertexChunk> vertexChunks) {
        DataSet<Long> strays = edges.flatMap((FlatMapFunction<EdgeBatch, Long>) (batch, out) -> {
                    for (int e = 0; e < batch.size(); e++) {
                        out.collect(batch.sources()[e]);
                        out.collect(batch.targets()[e]);
                    }
                })
                .returns(Types.LONG)
                .name("ids the edges name")
                .mapPartition(new BlockBuilding.ChunkIds())
                .returns(VertexChunk.class)
                .withBroadcastSet(layout, LAYOUT)
                .name("named ids by chunk")
                .coGroup(vertexChunks)
                .where("chunk")
                .equalTo("chunk")
                .with(new BlockBuilding.CountStrays())
                .returns(Types.LONG)
                .name("named ids that are not vertices");
        return sum(strays, "count ids that are not vertices");
    }

    /** The edges {@code (source, target)} in batches of at most {@link #BATCH_EDGES}, in the order they came. */
    public static DataSet<EdgeBatch> batches(DataSet<Tuple2<Long, Long>> edges) {
        return edges.mapPartition(new BlockBuilding.Batch())
                .returns(EdgeBatch.class)
                .name("edge batches");
    }

    /**
     * @param edges the edges, or {@code null} when {@code edgesOf} computes them (then the vertices
     *     are given)
     */
    private static <K> BlockGraph<K> build(
            DataSet<Long> vertices,
            DataSet<EdgeBatch> edges,
            BiFunction<DataSet<Layout>, DataSet<VertexChunk>, DataSet<EdgeBatch>> edgesOf,
            boolean bothWays,
            DataSet<Tuple2<Long, K>> numbering,
            TypeInfo<K> keyType) {
        int instances = Math.max(
                1,
                (vertices != null ? vertices : edges).getExecutionEnvironment().getParallelism());
        DataSet<DistinctSketch> sketches = vertices != null
                ? vertices.mapPartition(new BlockBuilding.SketchVertices()).returns(DistinctSketch.class)
                : edges.mapPartition(new BlockBuilding.SketchEnds()).returns(DistinctSketch.class);
        DataSet<Layout> layout = sketches.name("sketch vertex ids")
                .reduce(DistinctSketch::merge)
                .name("merge sketches")
                .map(sketch -> Layout.of(sketch.estimate(), instances))
                .returns(Layout.class)
                .name("chunk layout");
        DataSet<VertexChunk> vertexChunks = null;
        if (vertices != null) {
            vertexChunks = idLists(vertices.mapPartition(new BlockBuilding.ChunkIds())
                    .returns(VertexChunk.class)
                    .withBroadcastSet(layout, LAYOUT)
                    .name("vertex chunks"));
        }
        if (edges == null) {
            edges = edgesOf.apply(layout, vertexChunks);
        }
        DataSet<IdBlock> idBlocks = edges.mapPartition(new BlockBuilding.CollectEdges(COLLECTED_EDGES, bothWays))
                .returns(EdgeList.class)
                .withBroadcastSet(layout, LAYOUT)
                .name("edge lists")
                .groupBy("sourceChunk", "targetChunk")
                .reduceGroup(new BlockBuilding.BuildBlocks(bothWays))
                .returns(IdBlock.class)
                .name("edge blocks");
        if (vertices == null) {
            vertexChunks = idLists(idBlocks.flatMap((FlatMapFunction<IdBlock, VertexChunk>) (block, out) -> {
                        out.collect(new VertexChunk(block.sourceChunk(), block.sources()));
                        out.collect(new VertexChunk(block.targetChunk(), block.targets()));
                    })
                    .returns(VertexChunk.class)
                    .name("block ends"));
        }
        // the id lists are the fewer records (one per chunk): the hash tables' build side
        DataSet<Block> blocks = idBlocks.join(vertexChunks, JoinHint.REPARTITION_HASH_SECOND)
                .where("sourceChunk")
                .equalTo("chunk")
                .with(new BlockBuilding.PlaceSources())
                .returns(IdBlock.class)
                .name("place block sources")
                .join(vertexChunks, JoinHint.REPARTITION_HASH_SECOND)
                .where("targetChunk")
                .equalTo("chunk")
                .with(new BlockBuilding.PlaceTargets())
                .returns(Block.class)
                .name("place block targets");
        return new BlockGraph<>(numbering, layout, vertexChunks, blocks, keyType);
    }

    /** Lists of ids by chunk → one list per chunk of its distinct ids, ascending. */
    private static DataSet<VertexChunk> idLists(DataSet<VertexChunk> ids) {
        return ids.groupBy("chunk")
                .combineGroup(new BlockBuilding.MergeIds())
                .returns(VertexChunk.class)
                .name("partial vertex lists")
                .groupBy("chunk")
                .reduceGroup(new BlockBuilding.MergeIds())
                .returns(VertexChunk.class)
                .name("vertex lists");
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
        return blocks.map(new BlockBuilding.BlockDegrees())
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
}
