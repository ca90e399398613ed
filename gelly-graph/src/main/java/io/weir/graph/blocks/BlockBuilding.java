package io.weir.graph.blocks;

import static io.weir.graph.blocks.BlockGraph.BATCH_EDGES;
import static io.weir.graph.blocks.BlockGraph.MAX_BLOCK_EDGES;
import static io.weir.graph.blocks.BlockGraph.layout;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.RichMapPartitionFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.util.DistinctSketch;
import io.weir.graph.blocks.BlockGraph.Block;
import io.weir.graph.blocks.BlockGraph.EdgeBatch;
import io.weir.graph.blocks.BlockGraph.EdgeList;
import io.weir.graph.blocks.BlockGraph.IdBlock;
import io.weir.graph.blocks.BlockGraph.IntChunk;
import io.weir.graph.blocks.BlockGraph.Layout;
import io.weir.graph.blocks.BlockGraph.VertexChunk;
import java.util.Arrays;

/**
 * The functions that build a {@link BlockGraph} (its steps are described there and in the module
 * README): sketching the vertex ids, batching edges, collecting them into lists by chunk pair,
 * building the lists into blocks of ids, merging the chunks' id lists, and placing each block's ids
 * as offsets in its chunks.
 */
final class BlockBuilding {

    private BlockBuilding() {}

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

    /** Edges → batches of at most {@link BlockGraph#BATCH_EDGES}, in the order they came. */
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

    /**
     * Vertex ids → lists of them by chunk (each ascending, at most {@link #CHUNK_IDS} ids), so that
     * the ids travel to their chunks a list at a time rather than one record each.
     */
    static final class ChunkIds extends RichMapPartitionFunction<Long, VertexChunk> {
        private static final long serialVersionUID = 1L;

        @Override
        public void mapPartition(Iterable<Long> vertices, Collector<VertexChunk> out) {
            Layout layout = layout(getRuntimeContext());
            long[][] lists = new long[layout.chunks()][];
            int[] sizes = new int[lists.length];
            for (long vertex : vertices) {
                int index = layout.indexOf(vertex);
                if (lists[index] == null) {
                    lists[index] = new long[CHUNK_IDS];
                }
                lists[index][sizes[index]++] = vertex;
                if (sizes[index] == CHUNK_IDS) {
                    out.collect(new VertexChunk(layout.numbers()[index], RadixOrder.distinct(lists[index], CHUNK_IDS)));
                    sizes[index] = 0;
                }
            }
            for (int index = 0; index < lists.length; index++) {
                if (sizes[index] > 0) {
                    out.collect(
                            new VertexChunk(layout.numbers()[index], RadixOrder.distinct(lists[index], sizes[index])));
                }
            }
        }
    }

    /**
     * A chunk's lists of named ids and its vertex list (none for a chunk without vertices) → how
     * many of the named ids are not vertices.
     */
    static final class CountStrays implements CoGroupFunction<VertexChunk, VertexChunk, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public void coGroup(Iterable<VertexChunk> named, Iterable<VertexChunk> vertices, Collector<Long> out) {
            java.util.Iterator<VertexChunk> chunk = vertices.iterator();
            long[] ids = chunk.hasNext() ? chunk.next().ids() : new long[0];
            long strays = 0;
            for (VertexChunk list : named) {
                for (int offset : offsets(list.ids(), ids)) {
                    strays += offset < 0 ? 1 : 0;
                }
            }
            if (strays > 0) {
                out.collect(strays);
            }
        }
    }

    /** The most ids of one chunk that {@link ChunkIds} holds before it hands them on. */
    static final int CHUNK_IDS = 1 << 10;

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
            out.collect(new VertexChunk(chunk, RadixOrder.distinct(ids, count)));
        }
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
            // the edges in the order they came, with their pair's number; counted per pair
            long[] sources = new long[Math.min(capacity, 1 << 12)];
            long[] targets = new long[sources.length];
            long[] pairs = new long[sources.length];
            int held = 0;
            for (EdgeBatch batch : batches) {
                long[] batchSources = batch.sources();
                for (int e = 0; e < batchSources.length; ) {
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
                    int take = Math.min(batchSources.length - e, sources.length - held);
                    hold(batch, e, take, sources, targets, pairs, held, layout);
                    held += take;
                    e += take;
                }
            }
            emit(sources, targets, pairs, held, layout, out);
        }

        /*
         * The per-edge loops are methods of their own, apart from the calls into the collector: a
         * loop compiled on the stack inlines what its method calls, and with the collector's chain
         * (serializer, exchange) it made a compile of half a second.
         */

        /** Holds {@code count} edges of {@code batch} from {@code from} at {@code held}, with their pairs. */
        private void hold(
                EdgeBatch batch,
                int from,
                int count,
                long[] sources,
                long[] targets,
                long[] pairs,
                int held,
                Layout layout) {
            long[] batchSources = batch.sources();
            long[] batchTargets = batch.targets();
            long chunks = layout.chunks();
            for (int e = from; e < from + count; e++, held++) {
                long source = batchSources[e];
                long target = batchTargets[e];
                int sourceChunk = layout.indexOf(source);
                int targetChunk = layout.indexOf(target);
                if (bothWays && sourceChunk > targetChunk) {
                    sources[held] = target;
                    targets[held] = source;
                    pairs[held] = targetChunk * chunks + sourceChunk;
                } else {
                    sources[held] = source;
                    targets[held] = target;
                    pairs[held] = sourceChunk * chunks + targetChunk;
                }
            }
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
            int[] sizes = number(pairs, held, numbers, chunks, local);
            int lists = direct ? sizes.length : numbers.size();
            long[][] listSources = new long[lists][];
            long[][] listTargets = new long[lists][];
            for (int i = 0; i < listSources.length; i++) {
                listSources[i] = new long[sizes[i]];
                listTargets[i] = new long[sizes[i]];
            }
            distribute(sources, targets, local, held, listSources, listTargets);
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
     * Numbers the pairs of {@code pairs[0 .. held)} into {@code local}: in the order they first come
     * through {@code numbers}, or by the pair itself (one of {@code chunks²}) when {@code numbers} is
     * {@code null}. Returns the edges per number.
     */
    private static int[] number(long[] pairs, int held, IdNumbers numbers, int chunks, int[] local) {
        int[] sizes = new int[numbers == null ? chunks * chunks : 16];
        for (int e = 0; e < held; e++) {
            int number = numbers == null ? (int) pairs[e] : numbers.numberOf(pairs[e]);
            if (number == sizes.length) {
                sizes = Arrays.copyOf(sizes, 2 * number);
            }
            local[e] = number;
            sizes[number]++;
        }
        return sizes;
    }

    /** Copies edge {@code e} of {@code sources, targets} to the end of list {@code local[e]} so far. */
    private static void distribute(
            long[] sources, long[] targets, int[] local, int held, long[][] listSources, long[][] listTargets) {
        int[] filled = new int[listSources.length];
        for (int e = 0; e < held; e++) {
            int list = local[e];
            int at = filled[list]++;
            listSources[list][at] = sources[e];
            listTargets[list][at] = targets[e];
        }
    }

    /**
     * The edge lists of one (source chunk, target chunk) → blocks of at most {@link BlockGraph#MAX_BLOCK_EDGES}
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
                forward.add(sourceChunk, targetChunk, list.sources(), list.targets());
                if (bothWays) {
                    (sourceChunk == targetChunk ? forward : backward)
                            .add(targetChunk, sourceChunk, list.targets(), list.sources());
                }
            }
            forward.flush();
            if (backward != null) {
                backward.flush();
            }
        }
    }

    /** Collects the edges of one (source chunk, target chunk) and emits them as blocks of at most {@link BlockGraph#MAX_BLOCK_EDGES}. */
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

        /** Adds the edges {@code sources[e] → targets[e]}, copied a run at a time. */
        void add(int sourceChunk, int targetChunk, long[] sources, long[] targets) {
            this.sourceChunk = sourceChunk;
            this.targetChunk = targetChunk;
            for (int from = 0; from < sources.length; ) {
                if (count == maxEdges) {
                    flush();
                }
                int run = Math.min(sources.length - from, maxEdges - count);
                if (count + run > this.sources.length) {
                    int grown = Math.min(maxEdges, Math.max(2 * this.sources.length, count + run));
                    this.sources = Arrays.copyOf(this.sources, grown);
                    this.targets = Arrays.copyOf(this.targets, grown);
                }
                System.arraycopy(sources, from, this.sources, count, run);
                System.arraycopy(targets, from, this.targets, count, run);
                count += run;
                from += run;
            }
        }

        /** Emits the edges collected as one block. */
        void flush() {
            if (count > 0) {
                out.collect(block(sourceChunk, targetChunk, sources, targets, count));
                count = 0;
            }
        }

        /**
         * The block of the edges {@code sources[e] → targets[e]}, {@code e < count}: the distinct
         * targets and sources, ascending, with each edge's rank among them ({@link
         * RadixOrder#distinctRanks}); then the edges counted into runs by source, in the order they
         * came within a source's run.
         */
        static IdBlock block(int sourceChunk, int targetChunk, long[] sources, long[] targets, int count) {
            int[] targetRank = new int[count];
            long[] blockTargets = RadixOrder.distinctRanks(targets, count, targetRank);
            int[] sourceRank = new int[count];
            long[] blockSources = RadixOrder.distinctRanks(sources, count, sourceRank);
            // ends[i]: the edges of sources 0 .. i; the run of source i is filled from its start on
            int[] ends = new int[blockSources.length];
            for (int e = 0; e < count; e++) {
                ends[sourceRank[e]]++;
            }
            int[] next = new int[blockSources.length];
            for (int i = 0, sum = 0; i < ends.length; i++) {
                next[i] = sum;
                sum += ends[i];
                ends[i] = sum;
            }
            int[] positions = new int[count];
            for (int e = 0; e < count; e++) {
                positions[next[sourceRank[e]]++] = targetRank[e];
            }
            return new IdBlock(sourceChunk, targetChunk, blockSources, ends, positions, blockTargets);
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
