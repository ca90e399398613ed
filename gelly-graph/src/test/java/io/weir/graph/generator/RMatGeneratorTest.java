package io.weir.graph.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.tuple.Tuple2;
import io.weir.dataset.ExecutionEnvironment;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RMatGeneratorTest {

    static ExecutionEnvironment environment(int parallelism) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("32m"))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    static Map<Tuple2<Long, Long>, Long> multiset(List<Tuple2<Long, Long>> edges) {
        return edges.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void aSeedGivesTheSameEdgesAtAnyParallelismAndAnotherSeedOthers() {
        List<Tuple2<Long, Long>> one =
                RMatGenerator.graph500(environment(1), 10, 8).setSeed(7).edges().collect();
        List<Tuple2<Long, Long>> four =
                RMatGenerator.graph500(environment(4), 10, 8).setSeed(7).edges().collect();
        List<Tuple2<Long, Long>> otherSeed =
                RMatGenerator.graph500(environment(4), 10, 8).setSeed(8).edges().collect();

        assertThat(one).hasSize(8 << 10);
        assertThat(multiset(four)).isEqualTo(multiset(one));
        assertThat(multiset(otherSeed)).isNotEqualTo(multiset(one));
        assertThat(one).allSatisfy(edge -> {
            assertThat(edge.f0).isBetween(0L, 1023L);
            assertThat(edge.f1).isBetween(0L, 1023L);
        });
    }

    @Test
    void eachBitOfTheIdsFollowsTheQuadrantProbabilities() {
        int scale = 12;
        List<Tuple2<Long, Long>> edges = RMatGenerator.graph500(environment(2), scale, 16)
                .setSeed(1)
                .edges()
                .collect();

        // per bit level, P(source bit = 1) = c + d = 0.24 and P(target bit = 1) = b + d = 0.24
        double n = edges.size();
        for (int bit = 0; bit < scale; bit++) {
            long sourceOnes = 0;
            long targetOnes = 0;
            long both = 0;
            for (Tuple2<Long, Long> edge : edges) {
                boolean s = (edge.f0 >>> bit & 1) == 1;
                boolean t = (edge.f1 >>> bit & 1) == 1;
                sourceOnes += s ? 1 : 0;
                targetOnes += t ? 1 : 0;
                both += s && t ? 1 : 0;
            }
            // 4.5 standard deviations of a binomial with n = 65,536
            double tolerance = 4.5 * Math.sqrt(0.24 * 0.76 / n);
            assertThat(sourceOnes / n).isCloseTo(0.24, org.assertj.core.data.Offset.offset(tolerance));
            assertThat(targetOnes / n).isCloseTo(0.24, org.assertj.core.data.Offset.offset(tolerance));
            assertThat(both / n).isCloseTo(0.05, org.assertj.core.data.Offset.offset(4.5 * Math.sqrt(0.05 * 0.95 / n)));
        }
    }

    @Test
    void aVertexCountThatIsNotAPowerOfTwoKeepsEveryIdBelowIt() {
        List<Tuple2<Long, Long>> edges = new RMatGenerator(environment(2), 1_000, 20_000)
                .setNoise(0.1)
                .edges()
                .collect();

        assertThat(edges).hasSize(20_000);
        assertThat(edges).allSatisfy(edge -> {
            assertThat(edge.f0).isBetween(0L, 999L);
            assertThat(edge.f1).isBetween(0L, 999L);
        });
    }

    @Test
    void constantsThatAreNotProbabilitiesAreRejected() {
        RMatGenerator generator = new RMatGenerator(environment(1), 16, 16);
        assertThatThrownBy(() -> generator.setConstants(0.6, 0.3, 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a + b + c <= 1");
    }
}
