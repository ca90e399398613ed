package io.weir.graph.blocks;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichFlatMapFunction;
import io.weir.core.functions.RichJoinFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSetUtils;
import java.util.Arrays;

/**
 * A graph as a sparse matrix in blocks, for algorithms that send one value along every edge in
 * every superstep (PageRank, label propagation, connected components). Each vertex gets a dense
 * index {@code 0 .. |V|-1}; the indexes are cut into <em>chunks</em> of {@link Layout#chunkSize()}
 * consecutive indexes, and the edges between the vertices of source chunk {@code a} and target chunk
 * {@code b} form one or more {@link Block}s: the block's sources, each with its run of edges, each
 * edge naming its target by position in the block's list of distinct targets.
 *
 * <p>The values of the vertices travel as one array per chunk. In a superstep an algorithm joins
 * each chunk with the blocks whose sources it holds and sends, per block, one array holding one
 * combined value per distinct target ({@link DoubleMessage}, {@link LongMessage}); the arrays for a chunk are gathered
 * into its next values. So the per-edge work is an array read and an add, and what the dataflow
 * moves per superstep is a few records per block rather than one record per edge. The records are
 * ordinary data set records: joined, grouped, exchanged and spilled within their operators' memory
 * budgets like any other; a chunk holds at most {@link #MAX_CHUNK} vertices and a block at most
 * {@link #MAX_BLOCK_EDGES} edges, so no record grows with the graph.
 *
 * <p>Built with three passes over the edges: two hash joins with the vertex index translate the
 * ends of every edge, and a grouping by (source chunk, target chunk) builds the blocks. Edges whose
 * ends are not both vertices are left out.
 *
 * @param <K> the vertex id type
 */
public final class BlockGraph<K> {

    /** The most vertices a chunk holds (2 MiB of doubles). */
    public static final int MAX_CHUNK = 1 << 18;

    /** The most edges one block record holds; a larger block is cut into several. */
    public static final int MAX_BLOCK_EDGES = 1 << 20;

    /** Chunks per parallel instance: enough for the chunks to spread evenly over the instances. */
    static final int CHUNKS_PER_INSTANCE = 8;

    /** The name of the broadcast set holding the {@link Layout}. */
    public static final String LAYOUT = "block graph layout";

    private final DataSet<Tuple2<K, Integer>> index;
    private final DataSet<Layout> layout;
    private final DataSet<Block> blocks;
    private final TypeInfo<K> keyType;

    private BlockGraph(
            DataSet<Tuple2<K, Integer>> index, DataSet<Layout> layout, DataSet<Block> blocks, TypeInfo<K> keyType) {
        this.index = index;
        this.layout = layout;
        this.blocks = blocks;
        this.keyType = keyType;
    }

    /**
     * The block graph of {@code vertices} (each id once) and {@code edges} {@code (source, target)} (a
     * repeated edge counts as often as it is listed).
     */
    public static <K> BlockGraph<K> of(DataSet<K> vertices, DataSet<Tuple2<K, K>> edges, TypeInfo<K> keyType) {
        int instances = Math.max(1, vertices.getExecutionEnvironment().getParallelism());
        DataSet<Layout> layout = DataSetUtils.countElementsPerPartition(vertices)
                .map(count -> count.f1)
                .returns(Types.LONG)
                .name("vertices per instance")
                .reduce(Long::sum)
                .name("count vertices")
                .map(count -> Layout.of(count, instances))
                .returns(Layout.class)
                .name("chunk layout");
        TypeInfo<Tuple2<K, Integer>> indexType = Types.TUPLE(keyType, Types.INT);
        DataSet<Tuple2<K, Integer>> index = DataSetUtils.zipWithIndex(vertices)
                .map(new DenseIndex<K>())
                .returns(indexType)
                .name("vertex index");
        // the index is the smaller input (at most one record per vertex): the hash table's build side
        DataSet<Block> blocks = edges.join(index, JoinHint.REPARTITION_HASH_SECOND)
                .where(1)
                .equalTo(0)
                .with((edge, target) -> Tuple2.of(edge.f0, target.f1))
                .returns(indexType)
                .name("index edge targets")
                .join(index, JoinHint.REPARTITION_HASH_SECOND)
                .where(0)
                .equalTo(0)
                .with(new ToLink<K>())
                .returns(Link.class)
                .withBroadcastSet(layout, LAYOUT)
                .name("index edge sources")
                .groupBy("sourceChunk", "targetChunk")
                .combineGroup(new BuildBlocks())
                .returns(Block.class)
                .name("partial edge blocks")
                .groupBy("sourceChunk", "targetChunk")
                .reduceGroup(new MergeBlocks())
                .returns(Block.class)
                .name("edge blocks");
        return new BlockGraph<>(index, layout, blocks, keyType);
    }

    /** Each vertex with its dense index. */
    public DataSet<Tuple2<K, Integer>> index() {
        return index;
    }

    /** One record: how many vertices there are and how they are cut into chunks. */
    public DataSet<Layout> layout() {
        return layout;
    }

    /** The edges, in blocks. */
    public DataSet<Block> blocks() {
        return blocks;
    }

    public TypeInfo<K> keyType() {
        return keyType;
    }

    /** The number of every chunk, with or without edges. */
    public DataSet<Integer> chunks() {
        return layout.flatMap((FlatMapFunction<Layout, Integer>) (l, out) -> {
                    for (int chunk = 0; chunk < l.chunks(); chunk++) {
                        out.collect(chunk);
                    }
                })
                .returns(Types.INT)
                .name("chunks");
    }

    /** The out-degree of every vertex (edges counted as listed), one array per chunk. */
    public DataSet<IntChunk> outDegrees() {
        DataSet<IntChunk> zeros = chunks().map(new ZeroDegrees())
                .returns(IntChunk.class)
                .withBroadcastSet(layout, LAYOUT)
                .name("no edges");
        return blocks.map(new BlockDegrees())
                .returns(IntChunk.class)
                .withBroadcastSet(layout, LAYOUT)
                .name("block out-degrees")
                .union(zeros)
                .groupBy("chunk")
                .reduce(IntChunk::plus)
                .name("out-degrees");
    }

    /** Each vertex with its value, from {@code (index, value)} pairs: the inverse of the index, for results. */
    public <V> DataSet<Tuple2<K, V>> values(DataSet<Tuple2<Integer, V>> indexed, TypeInfo<V> valueType, String name) {
        return indexed.join(index)
                .where(0)
                .equalTo(1)
                .with((value, vertex) -> Tuple2.of(vertex.f0, value.f1))
                .returns(Types.TUPLE(keyType, valueType))
                .name(name);
    }

    /** The layout broadcast to a rich function under {@link #LAYOUT}. */
    public static Layout layout(io.weir.core.functions.RuntimeContext context) {
        return context.<Layout>getBroadcastVariable(LAYOUT).get(0);
    }

    // ------------------------------------------------------------------------------------------
    // Records
    // ------------------------------------------------------------------------------------------

    /**
     * How {@code vertices} dense indexes are cut into chunks of {@code chunkSize} (the last may be
     * shorter).
     */
    public record Layout(long vertices, int chunkSize) {

        /**
         * The layout for {@code vertices} vertices over {@code instances} parallel instances (at most
         * {@code Integer.MAX_VALUE} vertices, which {@link DenseIndex} checks as it numbers them).
         */
        static Layout of(long vertices, int instances) {
            long perChunk =
                    (vertices + (long) instances * CHUNKS_PER_INSTANCE - 1) / ((long) instances * CHUNKS_PER_INSTANCE);
            return new Layout(vertices, (int) Math.max(1, Math.min(MAX_CHUNK, perChunk)));
        }

        public int chunks() {
            return (int) ((vertices + chunkSize - 1) / chunkSize);
        }

        /** The number of vertices of chunk {@code chunk}. */
        public int length(int chunk) {
            return (int) Math.min(chunkSize, vertices - (long) chunk * chunkSize);
        }

        public int chunkOf(int index) {
            return index / chunkSize;
        }

        public int offsetOf(int index) {
            return index % chunkSize;
        }

        /** The dense index of the vertex at {@code offset} in {@code chunk}. */
        public int indexOf(int chunk, int offset) {
            return chunk * chunkSize + offset;
        }
    }

    /** An edge between the vertices at {@code source} in {@code sourceChunk} and {@code target} in {@code targetChunk}. */
    public record Link(int sourceChunk, int targetChunk, int source, int target) {}

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

        /** The element-wise sum (of two arrays of one chunk). */
        public static IntChunk plus(IntChunk a, IntChunk b) {
            int[] sum = a.values.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += b.values[i];
            }
            return new IntChunk(a.chunk, sum);
        }
    }

    /** One {@code double} per vertex of {@code chunk}. */
    public record DoubleChunk(int chunk, double[] values) {}

    /** One {@code long} per vertex of {@code chunk}. */
    public record LongChunk(int chunk, long[] values) {}

    /** Values for the vertices at offsets {@code targets} of {@code chunk}, one per target, from one block. */
    public record DoubleMessage(int chunk, int[] targets, double[] values) {}

    /** Values for the vertices at offsets {@code targets} of {@code chunk}, one per target, from one block. */
    public record LongMessage(int chunk, int[] targets, long[] values) {}

    // ------------------------------------------------------------------------------------------
    // Functions
    // ------------------------------------------------------------------------------------------

    static final class DenseIndex<K> extends RichMapFunction<Tuple2<Long, K>, Tuple2<K, Integer>> {
        private static final long serialVersionUID = 1L;

        @Override
        public Tuple2<K, Integer> map(Tuple2<Long, K> indexed) {
            long index = indexed.f0;
            if (index > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the graph has more than " + Integer.MAX_VALUE + " vertices; the"
                        + " block layout holds at most that many");
            }
            return Tuple2.of(indexed.f1, (int) index);
        }
    }

    /** {@code (source id, target index)} with the source's index → {@link Link}. */
    static final class ToLink<K> extends RichJoinFunction<Tuple2<K, Integer>, Tuple2<K, Integer>, Link> {
        private static final long serialVersionUID = 1L;
        private transient Layout layout;

        @Override
        public void open(OpenContext context) {
            layout = layout(getRuntimeContext());
        }

        @Override
        public Link join(Tuple2<K, Integer> edge, Tuple2<K, Integer> source) {
            int from = source.f1;
            int to = edge.f1;
            return new Link(layout.chunkOf(from), layout.chunkOf(to), layout.offsetOf(from), layout.offsetOf(to));
        }
    }

    /**
     * Links of one (source chunk, target chunk) → blocks of at most {@link #MAX_BLOCK_EDGES} edges: a
     * combiner over what fits in memory, so the links are never sorted on disk; {@link MergeBlocks}
     * joins the partial blocks.
     */
    static final class BuildBlocks implements GroupCombineFunction<Link, Block> {
        private static final long serialVersionUID = 1L;

        @Override
        public void combine(Iterable<Link> links, Collector<Block> out) {
            BlockBuilder builder = new BlockBuilder(out);
            for (Link link : links) {
                builder.add(link.sourceChunk(), link.targetChunk(), link.source(), link.target());
            }
            builder.flush();
        }

        /** The block of the edges {@code packed[0 .. count)}, each {@code source << 32 | target}. */
        static Block block(int sourceChunk, int targetChunk, long[] packed, int count) {
            Arrays.sort(packed, 0, count);
            int[] targets = new int[count];
            int sources = 0;
            for (int e = 0; e < count; e++) {
                targets[e] = (int) packed[e];
                if (e == 0 || packed[e] >>> 32 != packed[e - 1] >>> 32) {
                    sources++;
                }
            }
            int[] distinct = targets.clone();
            Arrays.sort(distinct);
            int unique = 0;
            for (int i = 0; i < count; i++) {
                if (i == 0 || distinct[i] != distinct[i - 1]) {
                    distinct[unique++] = distinct[i];
                }
            }
            distinct = Arrays.copyOf(distinct, unique);
            // target offset → position in distinct: an array over the offsets when they are not many
            // more than the edges, a binary search otherwise
            int range = distinct[unique - 1] + 1;
            int[] positionOf = range <= 4L * count ? new int[range] : null;
            for (int i = 0; positionOf != null && i < unique; i++) {
                positionOf[distinct[i]] = i;
            }
            int[] sourceOffsets = new int[sources];
            int[] ends = new int[sources];
            int[] positions = new int[count];
            int s = -1;
            for (int e = 0; e < count; e++) {
                int source = (int) (packed[e] >>> 32);
                if (s < 0 || sourceOffsets[s] != source) {
                    sourceOffsets[++s] = source;
                }
                ends[s] = e + 1;
                positions[e] = positionOf != null ? positionOf[targets[e]] : Arrays.binarySearch(distinct, targets[e]);
            }
            return new Block(sourceChunk, targetChunk, sourceOffsets, ends, positions, distinct);
        }
    }

    /**
     * The partial blocks of one (source chunk, target chunk) → blocks of at most {@link
     * #MAX_BLOCK_EDGES} edges: a single block is kept as it is, several are taken apart and built anew.
     */
    static final class MergeBlocks implements GroupReduceFunction<Block, Block> {
        private static final long serialVersionUID = 1L;

        @Override
        public void reduce(Iterable<Block> blocks, Collector<Block> out) {
            Block first = null;
            BlockBuilder builder = null;
            for (Block block : blocks) {
                if (first == null) {
                    first = block;
                    continue;
                }
                if (builder == null) {
                    builder = new BlockBuilder(out);
                    builder.addAll(first);
                }
                builder.addAll(block);
            }
            if (builder == null) {
                out.collect(first);
            } else {
                builder.flush();
            }
        }
    }

    /** Collects the edges of one (source chunk, target chunk) and emits them as blocks of at most {@link #MAX_BLOCK_EDGES}. */
    static final class BlockBuilder {
        private final Collector<Block> out;
        private final int maxEdges;
        /** Each edge as {@code source << 32 | target}. */
        private long[] packed = new long[16];

        private int count;
        private int sourceChunk;
        private int targetChunk;

        BlockBuilder(Collector<Block> out) {
            this(out, MAX_BLOCK_EDGES);
        }

        /** Emits blocks of at most {@code maxEdges} edges. */
        BlockBuilder(Collector<Block> out, int maxEdges) {
            this.out = out;
            this.maxEdges = maxEdges;
        }

        void add(int sourceChunk, int targetChunk, int source, int target) {
            if (count == maxEdges) {
                flush();
            }
            if (count == packed.length) {
                packed = Arrays.copyOf(packed, Math.min(maxEdges, 2 * packed.length));
            }
            this.sourceChunk = sourceChunk;
            this.targetChunk = targetChunk;
            packed[count++] = (long) source << 32 | target;
        }

        void addAll(Block block) {
            int e = 0;
            for (int i = 0; i < block.sources().length; i++) {
                for (int end = block.ends()[i]; e < end; e++) {
                    add(
                            block.sourceChunk(),
                            block.targetChunk(),
                            block.sources()[i],
                            block.targets()[block.positions()[e]]);
                }
            }
        }

        /** Emits the edges collected as one block. */
        void flush() {
            if (count > 0) {
                out.collect(BuildBlocks.block(sourceChunk, targetChunk, packed, count));
                count = 0;
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

    /** A block → the out-degrees its edges give the vertices of its source chunk. */
    static final class BlockDegrees extends LayoutMap<Block, IntChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntChunk map(Block block) {
            int[] degrees = new int[layout.length(block.sourceChunk())];
            int start = 0;
            for (int i = 0; i < block.sources().length; i++) {
                degrees[block.sources()[i]] += block.ends()[i] - start;
                start = block.ends()[i];
            }
            return new IntChunk(block.sourceChunk(), degrees);
        }
    }

    /** A chunk → an array of zeros as long as the chunk. */
    static final class ZeroDegrees extends LayoutMap<Integer, IntChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public IntChunk map(Integer chunk) {
            return new IntChunk(chunk, new int[layout.length(chunk)]);
        }
    }

    /** Each chunk's values → {@code (index, value)} per vertex; see {@link #values}. */
    public abstract static class Unchunk<C, V> extends RichFlatMapFunction<C, Tuple2<Integer, V>> {
        private static final long serialVersionUID = 1L;
        private transient Layout layout;

        @Override
        public void open(OpenContext context) {
            layout = layout(getRuntimeContext());
        }

        protected final int indexOf(int chunk, int offset) {
            return layout.indexOf(chunk, offset);
        }

        @Override
        public abstract void flatMap(C chunk, Collector<Tuple2<Integer, V>> out);
    }
}
