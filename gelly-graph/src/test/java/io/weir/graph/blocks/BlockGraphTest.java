package io.weir.graph.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.functions.Collector;
import io.weir.core.io.CollectOutputFormat;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.graph.blocks.BlockGraph.Block;
import io.weir.graph.blocks.BlockGraph.IntChunk;
import io.weir.graph.blocks.BlockGraph.Layout;
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
 * block layout's invariants; the index numbers the vertices densely; the out-degrees count the
 * edges — at parallelism 1 and 4, and with memory small enough that the joins spill.
 */
class BlockGraphTest {

    static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}, seed {2}")
    @CsvSource({"1, 64m, 1", "4, 64m, 2", "2, 6m, 3", "4, 64m, 4"})
    void blocksHoldExactlyTheEdgesBetweenVertices(int parallelism, String memory, long seed) throws Exception {
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
            long source = vertices.get((int) (n * Math.pow(random.nextDouble(), 3)));
            long target = random.nextInt(50) == 0 ? -1 - random.nextInt(5) : vertices.get(random.nextInt(n));
            edges.add(Tuple2.of(source, target));
            if (random.nextInt(10) == 0) {
                edges.add(Tuple2.of(source, target));
            }
        }

        ExecutionEnvironment env = environment(parallelism, memory);
        BlockGraph<Long> graph = BlockGraph.of(
                env.fromCollection(vertices, Types.LONG).rebalance(),
                env.fromCollection(edges, Types.TUPLE(Types.LONG, Types.LONG)).rebalance(),
                Types.LONG);
        graph.index().output(collector(graph.index(), "index"));
        graph.layout().output(collector(graph.layout(), "layout"));
        graph.blocks().output(collector(graph.blocks(), "blocks"));
        graph.outDegrees().output(collector(graph.outDegrees(), "degrees"));
        JobExecutionResult result = env.execute("block graph test");
        List<Tuple2<Long, Integer>> index = collected(result, graph.index(), "index");
        List<Layout> layouts = collected(result, graph.layout(), "layout");
        List<Block> blocks = collected(result, graph.blocks(), "blocks");
        List<IntChunk> degrees = collected(result, graph.outDegrees(), "degrees");

        assertThat(layouts).hasSize(1);
        Layout layout = layouts.get(0);
        assertThat(layout.vertices()).isEqualTo(n);
        assertThat(layout.chunks()).isGreaterThanOrEqualTo(Math.min(n, 8 * parallelism) / 2);
        // the index: every vertex once, indexes 0 .. n-1
        Map<Integer, Long> idOf = new HashMap<>();
        for (Tuple2<Long, Integer> entry : index) {
            assertThat(idOf.put(entry.f1, entry.f0)).isNull();
        }
        assertThat(idOf.keySet()).isEqualTo(range(n));
        assertThat(new HashSet<>(idOf.values())).isEqualTo(new HashSet<>(vertices));

        Map<Tuple2<Long, Long>, Long> expected = new HashMap<>();
        Map<Long, Integer> expectedDegrees = new HashMap<>();
        Set<Long> isVertex = new HashSet<>(vertices);
        for (Tuple2<Long, Long> edge : edges) {
            if (isVertex.contains(edge.f0) && isVertex.contains(edge.f1)) {
                expected.merge(edge, 1L, Long::sum);
                expectedDegrees.merge(edge.f0, 1, Integer::sum);
            }
        }
        Map<Tuple2<Long, Long>, Long> actual = new HashMap<>();
        for (Block block : blocks) {
            assertThat(block.edges()).isBetween(1, BlockGraph.MAX_BLOCK_EDGES);
            assertStrictlyAscending(block.sources());
            assertStrictlyAscending(block.targets());
            assertThat(block.ends()).hasSize(block.sources().length);
            int start = 0;
            for (int i = 0; i < block.sources().length; i++) {
                assertThat(block.ends()[i]).isGreaterThan(start);
                long source = idOf.get(layout.indexOf(block.sourceChunk(), block.sources()[i]));
                for (int e = start; e < block.ends()[i]; e++) {
                    long target = idOf.get(layout.indexOf(block.targetChunk(), block.targets()[block.positions()[e]]));
                    actual.merge(Tuple2.of(source, target), 1L, Long::sum);
                }
                start = block.ends()[i];
            }
            assertThat(start).isEqualTo(block.edges());
        }
        assertThat(actual).isEqualTo(expected);

        assertThat(degrees.stream().map(IntChunk::chunk).sorted().toList())
                .isEqualTo(range(layout.chunks()).stream().sorted().toList());
        for (IntChunk chunk : degrees) {
            assertThat(chunk.values()).hasSize(layout.length(chunk.chunk()));
            for (int offset = 0; offset < chunk.values().length; offset++) {
                long id = idOf.get(layout.indexOf(chunk.chunk(), offset));
                assertThat(chunk.values()[offset])
                        .as("out-degree of %d", id)
                        .isEqualTo(expectedDegrees.getOrDefault(id, 0));
            }
        }
    }

    @Test
    void aBlockBuilderCutsBlocksAtTheirMostEdgesAndLosesNone() {
        Random random = new Random(5);
        List<long[]> added = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        Collector<Block> out = blocks::add;
        BlockGraph.BlockBuilder builder = new BlockGraph.BlockBuilder(out, 7);
        for (int e = 0; e < 100; e++) {
            int source = random.nextInt(10);
            int target = random.nextInt(1_000);
            builder.add(3, 4, source, target);
            added.add(new long[] {source, target});
        }
        builder.flush();
        assertThat(blocks).allSatisfy(block -> assertThat(block.edges()).isBetween(1, 7));
        // merging the blocks again gives the same edges
        List<Block> merged = new ArrayList<>();
        new BlockGraph.MergeBlocks().reduce(blocks, merged::add);
        assertThat(merged).hasSize(1);
        assertThat(edges(merged)).isEqualTo(edges(blocks));
        assertThat(edges(blocks))
                .isEqualTo(added.stream()
                        .map(edge -> edge[0] + "->" + edge[1])
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
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

    private static Map<String, Long> edges(List<Block> blocks) {
        Map<String, Long> edges = new HashMap<>();
        for (Block block : blocks) {
            assertThat(block.sourceChunk()).isEqualTo(3);
            assertThat(block.targetChunk()).isEqualTo(4);
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

    private static Set<Integer> range(int n) {
        Set<Integer> set = new HashSet<>();
        for (int i = 0; i < n; i++) {
            set.add(i);
        }
        return set;
    }
}
