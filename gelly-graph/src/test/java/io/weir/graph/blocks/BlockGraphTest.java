package io.weir.graph.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.io.CollectOutputFormat;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.graph.blocks.BlockGraph.Block;
import io.weir.graph.blocks.BlockGraph.IdBlock;
import io.weir.graph.blocks.BlockGraph.IntChunk;
import io.weir.graph.blocks.BlockGraph.Layout;
import io.weir.graph.blocks.BlockGraph.VertexChunk;
import io.weir.memory.view.ByteArrayInputView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The block graph against the edge list it was built from: the blocks hold exactly the edges whose
 * ends are both vertices (repeats and self-loops included), each under its ends' chunks, in the
 * block layout's invariants; each chunk lists its vertices once, ascending; the out-degrees count the
 * edges — at parallelism 1, 2 and 4, with the vertices given or taken from the edges, with ids that
 * are not {@code long}s, and with memory small enough that the operators spill.
 */
class BlockGraphTest {

    static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}, seed {2}, vertices given {3}, both ways {4}")
    @CsvSource({
        "1, 64m, 1, true, false",
        "4, 64m, 2, true, false",
        "2, 6m, 3, true, true",
        "4, 64m, 4, false, false",
        "2, 6m, 5, false, false",
        "3, 64m, 6, false, true"
    })
    void blocksHoldExactlyTheEdgesBetweenVertices(
            int parallelism, String memory, long seed, boolean given, boolean bothWays) throws Exception {
        Random random = new Random(seed);
        int n = 500 + random.nextInt(20_000);
        List<Long> vertices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vertices.add(i % 3 == 0 ? (1L << 42) + 7L * i : i);
        }
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        int count = n * (1 + random.nextInt(6));
        for (int e = 0; e < count; e++) {
            // skewed towards low vertices, with repeats, self-loops and a few ends that are no vertex
            long source = random.nextInt(80) == 0
                    ? -1 - random.nextInt(5)
                    : vertices.get((int) (n * Math.pow(random.nextDouble(), 3)));
            long target = random.nextInt(50) == 0 ? -1 - random.nextInt(5) : vertices.get(random.nextInt(n));
            edges.add(Tuple2.of(source, target));
            if (random.nextInt(10) == 0) {
                edges.add(Tuple2.of(source, target));
            }
        }
        Set<Long> isVertex = new HashSet<>(vertices);
        if (!given) {
            isVertex.clear();
            edges.forEach(edge -> {
                isVertex.add(edge.f0);
                isVertex.add(edge.f1);
            });
        }

        ExecutionEnvironment env = environment(parallelism, memory);
        BlockGraph<Long> graph = BlockGraph.of(
                given ? env.fromCollection(vertices, Types.LONG).rebalance() : null,
                env.fromCollection(edges, Types.TUPLE(Types.LONG, Types.LONG)).rebalance(),
                Types.LONG,
                bothWays);
        graph.layout().output(collector(graph.layout(), "layout"));
        graph.vertexChunks().output(collector(graph.vertexChunks(), "vertex chunks"));
        graph.vertexCount().output(collector(graph.vertexCount(), "count"));
        graph.blocks().output(collector(graph.blocks(), "blocks"));
        graph.outDegrees().output(collector(graph.outDegrees(), "degrees"));
        JobExecutionResult result = env.execute("block graph test");
        List<Layout> layouts = collected(result, graph.layout(), "layout");
        List<VertexChunk> chunks = collected(result, graph.vertexChunks(), "vertex chunks");
        List<Block> blocks = collected(result, graph.blocks(), "blocks");
        List<IntChunk> degrees = collected(result, graph.outDegrees(), "degrees");

        assertThat(collected(result, graph.vertexCount(), "count")).containsExactly((long) isVertex.size());
        assertThat(layouts).hasSize(1);
        Layout layout = layouts.get(0);
        assertThat(layout.chunks()).isBetween(Math.min(isVertex.size(), 8 * parallelism) / 2, 8 * parallelism);
        // the chunks: every vertex once, in the chunk of its id, ascending
        Map<Integer, long[]> idsOf = new HashMap<>();
        Set<Long> listed = new HashSet<>();
        for (VertexChunk chunk : chunks) {
            assertThat(idsOf.put(chunk.chunk(), chunk.ids())).isNull();
            assertStrictlyAscending(chunk.ids());
            for (long id : chunk.ids()) {
                assertThat(layout.chunkOf(id)).isEqualTo(chunk.chunk());
                listed.add(id);
            }
        }
        assertThat(listed).isEqualTo(isVertex);

        Map<Tuple2<Long, Long>, Long> expected = new HashMap<>();
        Map<Long, Integer> expectedDegrees = new HashMap<>();
        for (Tuple2<Long, Long> edge : edges) {
            if (isVertex.contains(edge.f0) && isVertex.contains(edge.f1)) {
                expected.merge(edge, 1L, Long::sum);
                expectedDegrees.merge(edge.f0, 1, Integer::sum);
                if (bothWays) {
                    expected.merge(Tuple2.of(edge.f1, edge.f0), 1L, Long::sum);
                    expectedDegrees.merge(edge.f1, 1, Integer::sum);
                }
            }
        }
        Map<Tuple2<Long, Long>, Long> actual = new HashMap<>();
        for (Block block : blocks) {
            assertThat(block.edges()).isBetween(1, BlockGraph.MAX_BLOCK_EDGES);
            assertStrictlyAscending(block.sources());
            assertStrictlyAscending(block.targets());
            assertThat(block.ends()).hasSize(block.sources().length);
            Set<Integer> reached = new HashSet<>();
            int start = 0;
            for (int i = 0; i < block.sources().length; i++) {
                assertThat(block.ends()[i]).isGreaterThan(start);
                long source = idsOf.get(block.sourceChunk())[block.sources()[i]];
                for (int e = start; e < block.ends()[i]; e++) {
                    reached.add(block.positions()[e]);
                    long target = idsOf.get(block.targetChunk())[block.targets()[block.positions()[e]]];
                    actual.merge(Tuple2.of(source, target), 1L, Long::sum);
                }
                start = block.ends()[i];
            }
            assertThat(start).isEqualTo(block.edges());
            assertThat(reached).as("every target of a block has an edge").hasSize(block.targets().length);
        }
        assertThat(actual).isEqualTo(expected);

        assertThat(degrees.stream().map(IntChunk::chunk).collect(Collectors.toSet()))
                .isEqualTo(idsOf.keySet());
        for (IntChunk chunk : degrees) {
            long[] ids = idsOf.get(chunk.chunk());
            assertThat(chunk.values()).hasSize(ids.length);
            for (int offset = 0; offset < ids.length; offset++) {
                assertThat(chunk.values()[offset])
                        .as("out-degree of %d", ids[offset])
                        .isEqualTo(expectedDegrees.getOrDefault(ids[offset], 0));
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "3"})
    void verticesWithOtherIdsAreNumberedAndComeBackWithTheirValues(int parallelism) throws Exception {
        Random random = new Random(parallelism);
        int n = 300;
        List<Tuple2<String, String>> edges = new ArrayList<>();
        for (int e = 0; e < 2_000; e++) {
            edges.add(Tuple2.of("v" + random.nextInt(n), "v" + random.nextInt(n)));
        }
        ExecutionEnvironment env = environment(parallelism, "32m");
        BlockGraph<String> graph =
                BlockGraph.of(null, env.fromCollection(edges, Types.TUPLE(Types.STRING, Types.STRING)), Types.STRING);
        // each vertex's value: its number (the id its chunk lists), back under its own id
        DataSet<Tuple2<String, Long>> numbers = graph.values(
                graph.vertexChunks(), "chunk", (chunk, offset) -> chunk.ids()[offset], Types.LONG, "numbers");
        numbers.output(collector(numbers, "numbers"));
        graph.blocks().output(collector(graph.blocks(), "blocks"));
        graph.vertexChunks().output(collector(graph.vertexChunks(), "vertex chunks"));
        JobExecutionResult result = env.execute("numbered block graph test");

        Map<Long, String> idOfNumber = new HashMap<>();
        for (Tuple2<String, Long> vertex : collected(result, numbers, "numbers")) {
            assertThat(idOfNumber.put(vertex.f1, vertex.f0)).isNull();
        }
        Set<String> ends = new HashSet<>();
        edges.forEach(edge -> {
            ends.add(edge.f0);
            ends.add(edge.f1);
        });
        assertThat(new HashSet<>(idOfNumber.values())).isEqualTo(ends);
        Map<Integer, long[]> idsOf = new HashMap<>();
        for (VertexChunk chunk : collected(result, graph.vertexChunks(), "vertex chunks")) {
            idsOf.put(chunk.chunk(), chunk.ids());
        }
        Map<String, Long> actual = new HashMap<>();
        for (Block block : collected(result, graph.blocks(), "blocks")) {
            int e = 0;
            for (int i = 0; i < block.sources().length; i++) {
                String source = idOfNumber.get(idsOf.get(block.sourceChunk())[block.sources()[i]]);
                for (; e < block.ends()[i]; e++) {
                    String target =
                            idOfNumber.get(idsOf.get(block.targetChunk())[block.targets()[block.positions()[e]]]);
                    actual.merge(source + "->" + target, 1L, Long::sum);
                }
            }
        }
        assertThat(actual)
                .isEqualTo(edges.stream()
                        .map(edge -> edge.f0 + "->" + edge.f1)
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    @Test
    void edgesCollectedIntoListsAndBuiltIntoBlocksAreCutAtTheMostEdgesAndNoneIsLost() {
        Random random = new Random(5);
        List<Tuple2<Long, Long>> links = new ArrayList<>();
        for (int e = 0; e < 5_000; e++) {
            // few sources, many targets, ids far apart and negative, repeats
            long source = random.nextInt(10) + (1L << 40);
            long target = -random.nextInt(3_000) * 1_000_003L;
            links.add(Tuple2.of(source, target));
        }
        // one chunk: every edge in the list of chunk pair (0, 0), cut at 2,000 edges held
        List<BlockGraph.EdgeList> lists = new ArrayList<>();
        List<BlockGraph.EdgeBatch> batches = new ArrayList<>();
        new BlockBuilding.Batch().mapPartition(links, batches::add);
        assertThat(batches).extracting(BlockGraph.EdgeBatch::size).containsExactly(BlockGraph.BATCH_EDGES, 904);
        BlockBuilding.CollectEdges collect = new BlockBuilding.CollectEdges(2_000, false);
        collect.collect(batches, Layout.dense(1), lists::add);
        assertThat(lists).hasSize(3);
        List<IdBlock> blocks = new ArrayList<>();
        BlockBuilding.BlockBuilder builder = new BlockBuilding.BlockBuilder(blocks::add, 700);
        for (BlockGraph.EdgeList list : lists) {
            assertThat(list.sourceChunk()).isZero();
            builder.add(3, 4, list.sources(), list.targets());
        }
        builder.flush();
        assertThat(blocks)
                .hasSize(8)
                .allSatisfy(block -> assertThat(block.positions()).hasSizeBetween(1, 700))
                .allSatisfy(block -> assertThat(List.of(block.sourceChunk(), block.targetChunk()))
                        .containsExactly(3, 4));
        assertThat(edges(blocks))
                .isEqualTo(links.stream()
                        .map(link -> link.f0 + "->" + link.f1)
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
        // and the reduce builds one block of all the lists
        List<IdBlock> whole = new ArrayList<>();
        new BlockBuilding.BuildBlocks(false).reduce(lists, whole::add);
        assertThat(whole).hasSize(1);
        assertThat(whole.get(0).sourceChunk()).isZero();
        assertThat(edges(List.of(new IdBlock(
                        3,
                        4,
                        whole.get(0).sources(),
                        whole.get(0).ends(),
                        whole.get(0).positions(),
                        whole.get(0).targets()))))
                .isEqualTo(edges(blocks));
    }

    @ParameterizedTest(name = "{0} chunks")
    @CsvSource({"1", "7", "64", "300"})
    void edgeListsHoldEachEdgeOnceTurnedToTheLowerChunkAndTheBlocksHoldItBothWays(int chunks) {
        Random random = new Random(chunks);
        List<Tuple2<Long, Long>> links = new ArrayList<>();
        for (int e = 0; e < 6_000; e++) {
            links.add(Tuple2.of(random.nextLong(), (long) random.nextInt(500)));
        }
        List<BlockGraph.EdgeBatch> batches = new ArrayList<>();
        new BlockBuilding.Batch().mapPartition(links, batches::add);
        Layout layout = Layout.dense(chunks);
        List<BlockGraph.EdgeList> lists = new ArrayList<>();
        // 300 chunks: 90,000 pairs, more than the 2,500 edges held, so the pairs are hashed
        new BlockBuilding.CollectEdges(2_500, true).collect(batches, layout, lists::add);

        Map<String, Long> listed = new HashMap<>();
        Map<Long, List<BlockGraph.EdgeList>> byPair = new HashMap<>();
        for (BlockGraph.EdgeList list : lists) {
            assertThat(list.sources()).isNotEmpty();
            assertThat(list.sourceChunk()).isLessThanOrEqualTo(list.targetChunk());
            byPair.computeIfAbsent((long) list.sourceChunk() * chunks + list.targetChunk(), p -> new ArrayList<>())
                    .add(list);
            for (int e = 0; e < list.sources().length; e++) {
                assertThat(list.sourceChunk()).isEqualTo(layout.chunkOf(list.sources()[e]));
                assertThat(list.targetChunk()).isEqualTo(layout.chunkOf(list.targets()[e]));
                listed.merge(list.sources()[e] + "->" + list.targets()[e], 1L, Long::sum);
            }
        }
        Map<String, Long> turned = new HashMap<>();
        Map<String, Long> bothWays = new HashMap<>();
        for (Tuple2<Long, Long> link : links) {
            boolean turn = layout.chunkOf(link.f0) > layout.chunkOf(link.f1);
            turned.merge(turn ? link.f1 + "->" + link.f0 : link.f0 + "->" + link.f1, 1L, Long::sum);
            bothWays.merge(link.f0 + "->" + link.f1, 1L, Long::sum);
            bothWays.merge(link.f1 + "->" + link.f0, 1L, Long::sum);
        }
        assertThat(listed).isEqualTo(turned);

        // the blocks built from each pair's lists hold every edge both ways, each in its own chunks' block
        List<IdBlock> blocks = new ArrayList<>();
        for (List<BlockGraph.EdgeList> pair : byPair.values()) {
            new BlockBuilding.BuildBlocks(true).reduce(pair, blocks::add);
        }
        for (IdBlock block : blocks) {
            for (long id : block.sources()) {
                assertThat(layout.chunkOf(id)).isEqualTo(block.sourceChunk());
            }
            for (long id : block.targets()) {
                assertThat(layout.chunkOf(id)).isEqualTo(block.targetChunk());
            }
        }
        assertThat(edges(blocks)).isEqualTo(bothWays);
    }

    @Test
    void aLayoutsChunksSpreadEvenlyOverTheInstancesThatHashPartitionThem() {
        for (int instances = 1; instances <= 9; instances++) {
            for (long vertices : new long[] {3, 1_000, 5_000_000, 40_000_000}) {
                Layout layout = Layout.of(vertices, instances);
                int[] perInstance = new int[instances];
                for (int number : layout.numbers()) {
                    perInstance[io.weir.dataset.DataSetUtils.hashPartitionOf(number, instances)]++;
                }
                int most = java.util.Arrays.stream(perInstance).max().getAsInt();
                int least = java.util.Arrays.stream(perInstance).min().getAsInt();
                assertThat(most - least)
                        .as(
                                "%d instances, %d vertices: %s",
                                instances, vertices, java.util.Arrays.toString(perInstance))
                        .isLessThanOrEqualTo(1);
                assertThat(layout.numbers()).doesNotHaveDuplicates().isSorted();
                // every chunk is some vertex's
                java.util.Set<Integer> used = new java.util.HashSet<>();
                for (long id = 0; id < 100_000; id++) {
                    used.add(layout.chunkOf(id));
                }
                assertThat(used)
                        .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(layout.numbers())
                                .boxed()
                                .toList());
            }
        }
    }

    @Test
    void offsetsAreThePositionsOfTheIdsInTheChunkOrMinusOneBySearchOrByMerge() {
        Random random = new Random(17);
        for (int round = 0; round < 300; round++) {
            long[] chunkIds = random.longs(random.nextInt(3_000), -1_000_000, 1_000_000)
                    .sorted()
                    .distinct()
                    .toArray();
            // few ids (a search each) or many (a merge), members and others
            int count = random.nextBoolean() ? random.nextInt(5) : random.nextInt(4_000);
            long[] ids = java.util.stream.LongStream.concat(
                            random.longs(count / 2, -1_000_000, 1_000_000),
                            chunkIds.length == 0
                                    ? java.util.stream.LongStream.empty()
                                    : random.ints(count - count / 2, 0, chunkIds.length)
                                            .mapToLong(i -> chunkIds[i]))
                    .sorted()
                    .distinct()
                    .toArray();
            int[] offsets = BlockBuilding.offsets(ids, chunkIds);
            for (int i = 0; i < ids.length; i++) {
                int found = java.util.Arrays.binarySearch(chunkIds, ids[i]);
                assertThat(offsets[i]).as("id %d", ids[i]).isEqualTo(found >= 0 ? found : -1);
            }
        }
    }

    /** Collects the records of {@code set} in the job, to be read with {@link #collected}. */
    static <T> CollectOutputFormat<T> collector(DataSet<T> set, String name) {
        return new CollectOutputFormat<>(set.getType().createSerializer(SerializerConfig.DEFAULT), name);
    }

    static <T> List<T> collected(JobExecutionResult result, DataSet<T> set, String name) throws Exception {
        TypeSerializer<T> serializer = set.getType().createSerializer(SerializerConfig.DEFAULT);
        List<T> records = new ArrayList<>();
        List<byte[]> chunks = result.getAccumulatorResult(name);
        for (byte[] chunk : chunks == null ? List.<byte[]>of() : chunks) {
            ByteArrayInputView in = new ByteArrayInputView(chunk);
            while (in.available() > 0) {
                records.add(serializer.deserialize(in));
            }
        }
        return records;
    }

    private static Map<String, Long> edges(List<IdBlock> blocks) {
        Map<String, Long> edges = new HashMap<>();
        for (IdBlock block : blocks) {
            assertStrictlyAscending(block.sources());
            assertStrictlyAscending(block.targets());
            int e = 0;
            for (int i = 0; i < block.sources().length; i++) {
                for (; e < block.ends()[i]; e++) {
                    edges.merge(block.sources()[i] + "->" + block.targets()[block.positions()[e]], 1L, Long::sum);
                }
            }
        }
        return edges;
    }

    private static void assertStrictlyAscending(int[] values) {
        for (int i = 1; i < values.length; i++) {
            assertThat(values[i]).isGreaterThan(values[i - 1]);
        }
    }

    private static void assertStrictlyAscending(long[] values) {
        for (int i = 1; i < values.length; i++) {
            assertThat(values[i]).isGreaterThan(values[i - 1]);
        }
    }
}
