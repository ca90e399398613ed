package io.weir.graph.graphalytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.tuple.Tuple3;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.blocks.BlockGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edge and vertex files read by their byte parser against a plain {@code String.split} and {@code
 * Long.parseLong} reading of the same lines, whatever the spacing, comments and numbers; and the
 * errors of malformed lines.
 */
class GraphFilesTest {

    @TempDir
    Path directory;

    @Test
    void edgeLinesAreReadAsTheirTextSaysWhateverTheSpacingAndNumbers() throws Exception {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        List<Tuple3<Long, Long, Double>> expected = new ArrayList<>();
        long[] special = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 42, -(1L << 53)};
        for (int i = 0; i < 12_000; i++) {
            switch (random.nextInt(12)) {
                case 0 -> text.append("# a comment ").append(i).append('\n');
                case 1 -> text.append(random.nextBoolean() ? "" : " \t").append('\n');
                default -> {
                    long source = random.nextInt(4) == 0 ? special[random.nextInt(special.length)] : random.nextLong();
                    long target = random.nextInt(1_000_000);
                    // '+' and leading zeros are what Long.parseLong takes and the byte parser leaves to it
                    String sourceText = random.nextInt(20) == 0 && source >= 0 ? "+" + source : String.valueOf(source);
                    String targetText = random.nextInt(20) == 0 ? "000" + target : String.valueOf(target);
                    text.append(space(random))
                            .append(sourceText)
                            .append(space(random))
                            .append(targetText);
                    if (random.nextBoolean()) {
                        text.append(space(random)).append(random.nextDouble());
                    }
                    text.append(random.nextBoolean() ? space(random) : "").append(random.nextBoolean() ? "\r\n" : "\n");
                    expected.add(Tuple3.of(source, target, 1.0));
                }
            }
        }
        Path file = Files.writeString(directory.resolve("g.e"), text.toString(), StandardCharsets.UTF_8);

        ExecutionEnvironment env = GraphalyticsTest.environment(2, "16m");
        List<Tuple3<Long, Long, Double>> read =
                GraphFiles.edges(env, file.toString(), false).collect();

        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);

        // the batched reading of the same file: the same edges, several batches, none over the limit
        List<BlockGraph.EdgeBatch> batches =
                GraphFiles.edgeBatches(env, file.toString()).collect();
        List<Tuple3<Long, Long, Double>> batched = new ArrayList<>();
        for (BlockGraph.EdgeBatch batch : batches) {
            assertThat(batch.size()).isBetween(1, BlockGraph.BATCH_EDGES);
            for (int e = 0; e < batch.size(); e++) {
                batched.add(Tuple3.of(batch.sources()[e], batch.targets()[e], 1.0));
            }
        }
        assertThat(batches).hasSizeGreaterThan(2);
        assertThat(batched).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aLineThatIsNotAnEdgeFailsTheJobNamingTheFileTheLineAndTheText() throws Exception {
        Path file = Files.writeString(directory.resolve("bad.e"), "1 2\n# fine\n3 4\n5 x7\n6 7\n");
        ExecutionEnvironment env = GraphalyticsTest.environment(1, "16m");

        assertThatThrownBy(() -> GraphFiles.edges(env, file.toString(), false).collect())
                .rootCause()
                .hasMessageContaining("line 4 of")
                .hasMessageContaining("bad.e")
                .hasMessageContaining("'5 x7'")
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> GraphFiles.edgeBatches(env, file.toString()).collect())
                .rootCause()
                .hasMessageContaining("line 4 of")
                .hasMessageContaining("bad.e")
                .hasMessageContaining("'5 x7'");
        Path tooMany = Files.writeString(directory.resolve("wide.e"), "1 2 3 4\n");
        assertThatThrownBy(
                        () -> GraphFiles.edges(env, tooMany.toString(), false).collect())
                .rootCause()
                .hasMessageContaining("line 1 of")
                .hasMessageContaining("it has 4 fields");
        Path overflow = Files.writeString(directory.resolve("big.v"), "1\n99999999999999999999\n");
        assertThatThrownBy(() -> GraphFiles.vertices(env, overflow.toString()).collect())
                .rootCause()
                .hasMessageContaining("line 2 of")
                .hasMessageContaining("99999999999999999999");
    }

    @Test
    void theByteParserReadsEveryCanonicalLongAndMisreadsNothing() {
        Random random = new Random(3);
        List<Long> canonical = new ArrayList<>(List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE));
        for (int i = 0; i < 10_000; i++) {
            canonical.add(random.nextBoolean() ? random.nextLong() : random.nextInt(1000));
        }
        for (long value : canonical) {
            byte[] bytes = (" " + value + "\t").getBytes(StandardCharsets.UTF_8);
            assertThat(GraphFiles.parseLong(bytes, 1, bytes.length - 1)).isEqualTo(value);
        }
        // anything else: either the same value as Long.parseLong, or left to it (which reads or rejects it)
        String[] odd = {
            "-",
            "+",
            "",
            "--1",
            "1-",
            "+7",
            "9223372036854775808",
            "-9223372036854775809",
            "00000000000000000000001",
            "-0",
            "\u0661\u0662",
            "1e3",
            "0x10",
            "12a",
            " 1"
        };
        for (String text : odd) {
            byte[] bytes = ("  " + text + " ").getBytes(StandardCharsets.UTF_8);
            Long fast;
            try {
                fast = GraphFiles.parseLong(bytes, 2, bytes.length - 1);
            } catch (NumberFormatException e) {
                continue;
            }
            assertThat(fast).as(text).isEqualTo(Long.parseLong(text));
        }
    }

    private static String space(Random random) {
        return random.nextBoolean() ? " " : random.nextBoolean() ? "\t" : "  \t ";
    }
}
