package io.weir.runtime.operators.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.CrossFunction;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.runtime.operators.OperatorException;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlockNestedLoopCrossTest {

    private static final TypeSerializer<String> STRINGS = Types.STRING.createSerializer(SerializerConfig.DEFAULT);
    private static final TypeSerializer<Long> LONGS = Types.LONG.createSerializer(SerializerConfig.DEFAULT);

    static List<String> strings(long seed, int count) {
        Random random = new Random(seed);
        List<String> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add("s" + i + "-" + "x".repeat(random.nextInt(60)));
        }
        return records;
    }

    static List<Long> longs(long seed, int count) {
        Random random = new Random(seed);
        List<Long> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(random.nextLong());
        }
        return records;
    }

    /** The oracle: every pair, counted (a cross product has no order). */
    static Map<String, Integer> nestedLoops(List<String> first, List<Long> second) {
        Map<String, Integer> pairs = new HashMap<>();
        for (String a : first) {
            for (Long b : second) {
                pairs.merge(a + "|" + b, 1, Integer::sum);
            }
        }
        return pairs;
    }

    @Property(tries = 40)
    void crossesLikeNestedLoopsWithEitherSideInBlocksAndWithATenthOfTheMemory(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 1_500) int firstCount,
            @ForAll @IntRange(min = 0, max = 400) int secondCount,
            @ForAll boolean blockIsFirst)
            throws IOException {
        List<String> first = strings(seed, firstCount);
        List<Long> second = longs(seed + 1, secondCount);
        Map<String, Integer> expected = nestedLoops(first, second);
        long bytes = first.stream().mapToLong(s -> s.length() + 2).sum() + 9L * second.size();
        int dataPages = (int) (bytes / OperatorTestEnvironment.PAGE_SIZE) + 1;
        CrossFunction<String, Long, String> concat = (a, b) -> a + "|" + b;

        for (int pages : new int[] {2 * dataPages + 8, Math.max(BlockNestedLoopCross.MIN_PAGES, dataPages / 10)}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(2 * dataPages + 8)) {
                OperatorResources resources = environment.resources("cross under test", pages);
                Map<String, Integer> actual = new HashMap<>();
                if (blockIsFirst) {
                    new BlockNestedLoopCross<String, Long, String>(STRINGS, LONGS, resources)
                            .run(
                                    RecordIterator.of(first),
                                    RecordIterator.of(second),
                                    BlockNestedLoopCross.blockFirst(concat),
                                    result -> actual.merge(result, 1, Integer::sum));
                } else {
                    new BlockNestedLoopCross<Long, String, String>(LONGS, STRINGS, resources)
                            .run(
                                    RecordIterator.of(second),
                                    RecordIterator.of(first),
                                    BlockNestedLoopCross.blockSecond(concat),
                                    result -> actual.merge(result, 1, Integer::sum));
                }
                assertThat(actual).isEqualTo(expected);
                assertThat(resources.metrics().recordsOut()).isEqualTo((long) firstCount * secondCount);
                assertThat(resources.metrics().recordsIn()).isEqualTo(firstCount + secondCount);
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aBlockSideLargerThanMemoryBuffersAndSpillsTheStreamedSide() throws IOException {
        List<String> first = strings(1, 20_000);
        List<Long> second = longs(2, 3_000);
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("cross of two large inputs", 8);
            long[] count = new long[1];
            new BlockNestedLoopCross<String, Long, Integer>(STRINGS, LONGS, resources)
                    .run(
                            RecordIterator.of(first),
                            RecordIterator.of(second),
                            (a, b) -> a.length(),
                            result -> count[0]++);
            assertThat(count[0]).isEqualTo(20_000L * 3_000);
            assertThat(resources.metrics().bytesSpilled())
                    .as("the streamed side was spilled")
                    .isPositive();
            environment.assertNothingLeft();
        }
    }

    @Test
    void aFailingCrossFunctionNamesTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(32)) {
            OperatorResources resources = environment.resources("cross 'pairs at Job.java:30'", 8);
            assertThatThrownBy(() -> new BlockNestedLoopCross<String, Long, String>(STRINGS, LONGS, resources)
                            .run(
                                    RecordIterator.of(strings(3, 100)),
                                    RecordIterator.of(longs(4, 100)),
                                    (a, b) -> {
                                        if (b % 7 == 0) {
                                            throw new IllegalArgumentException("bad pair " + a);
                                        }
                                        return a;
                                    },
                                    result -> {}))
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("cross 'pairs at Job.java:30'")
                    .hasMessageContaining("bad pair");
            environment.assertNothingLeft();
        }
    }
}
