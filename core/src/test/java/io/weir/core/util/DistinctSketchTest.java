package io.weir.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sketch's estimates against the exact count of distinct values, repeats and merging included. */
class DistinctSketchTest {

    @ParameterizedTest(name = "{0} distinct values")
    @ValueSource(ints = {0, 1, 7, 100, 5_000, 60_000, 1_000_000})
    void estimatesTheDistinctValuesWithinAFewPercentHoweverOftenTheyRepeatAndHoweverSplit(int distinct) {
        SplittableRandom random = new SplittableRandom(distinct);
        long base = random.nextLong();
        DistinctSketch whole = new DistinctSketch();
        DistinctSketch first = new DistinctSketch();
        DistinctSketch second = new DistinctSketch();
        for (int i = 0; i < distinct; i++) {
            // consecutive ids (as vertex ids often are), some listed several times, in either part
            long value = base + i;
            int times = 1 + random.nextInt(3);
            for (int t = 0; t < times; t++) {
                whole.addLong(value);
                (random.nextBoolean() ? first : second).addLong(value);
            }
        }
        double tolerance = Math.max(1, 0.06 * distinct);
        assertThat((double) whole.estimate()).isCloseTo(distinct, org.assertj.core.data.Offset.offset(tolerance));
        DistinctSketch merged = first.merge(second);
        assertThat(merged.registers()).isEqualTo(whole.registers());
        assertThat(merged.estimate()).isEqualTo(whole.estimate());
    }
}
