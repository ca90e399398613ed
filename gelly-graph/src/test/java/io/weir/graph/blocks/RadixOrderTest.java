package io.weir.graph.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The radix order against a stable sort of the indexes by key; the distinct ranks against a sorted set. */
class RadixOrderTest {

    @Test
    void keysComeOutAscendingWithTheirIndexesAndEqualKeysInTheirOrder() {
        Random random = new Random(23);
        for (int round = 0; round < 400; round++) {
            int count = random.nextInt(3_000) + 1;
            long[] keys = new long[count + 5];
            // narrow, wide, negative and repeated keys; some rounds all equal
            int kind = random.nextInt(5);
            for (int i = 0; i < keys.length; i++) {
                keys[i] = switch (kind) {
                    case 0 -> random.nextInt(50);
                    case 1 -> random.nextLong();
                    case 2 -> random.nextInt(1 << 20) - (1L << 19);
                    case 3 -> 7L << 40;
                    default -> (random.nextInt(300) * 0x1_0000_0001L) ^ (random.nextBoolean() ? Long.MIN_VALUE : 0);
                };
            }
            long[] original = keys.clone();
            long[] sorted = new long[count];
            int[] order = new int[count];

            RadixOrder.sort(keys, count, sorted, order);

            int[] expected = IntStream.range(0, count)
                    .boxed()
                    .sorted(Comparator.comparingLong(i -> keys[i]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertThat(order).as("round %d", round).isEqualTo(expected);
            for (int i = 0; i < count; i++) {
                assertThat(sorted[i]).isEqualTo(keys[order[i]]);
            }
            assertThat(keys).isEqualTo(original);
            assertThat(Arrays.copyOf(sorted, count)).isSorted();
        }
    }

    @Test
    void distinctKeysComeOnceAscendingAndEveryKeyIsRankedAmongThem() {
        Random random = new Random(29);
        for (int round = 0; round < 400; round++) {
            int count = random.nextInt(3_000) + 1;
            long[] keys = new long[count + 3];
            // dense from 0 (a bitmap), dense far from 0 or negative (a bitmap), sparse (sorted),
            // spanning the whole long range (sorted: the range overflows)
            int kind = random.nextInt(5);
            long base = kind == 1 ? (1L << 41) : -500;
            for (int i = 0; i < keys.length; i++) {
                keys[i] = switch (kind) {
                    case 0 -> random.nextInt(1 + random.nextInt(64 * count));
                    case 1, 2 -> base + random.nextInt(2 * count);
                    case 3 -> random.nextLong();
                    default ->
                        random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
                };
            }
            int[] rank = new int[count];

            long[] distinct = RadixOrder.distinctRanks(keys, count, rank);

            long[] expected = Arrays.stream(keys, 0, count).distinct().sorted().toArray();
            assertThat(distinct).as("round %d, kind %d", round, kind).isEqualTo(expected);
            for (int i = 0; i < count; i++) {
                assertThat(distinct[rank[i]]).isEqualTo(keys[i]);
            }
            assertThat(RadixOrder.distinct(keys.clone(), count)).isEqualTo(expected);
        }
    }
}
