package io.weir.runtime.operators.hash;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.memory.MemorySegment;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BloomFilterTest {

    @Property(tries = 100)
    void everyAddedHashIsFoundAndFewOthersAre(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20_000) int count) {
        BloomFilter filter = new BloomFilter(MemorySegment.allocateUnpooled(32 * 1024));
        Random random = new Random(seed);
        Set<Integer> added = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int hash = random.nextInt();
            added.add(hash);
            filter.add(hash);
        }
        for (int hash : added) {
            assertThat(filter.mightContain(hash)).as("no false negatives").isTrue();
        }
        int falsePositives = 0;
        int trials = 20_000;
        for (int i = 0; i < trials; i++) {
            int hash = random.nextInt();
            if (!added.contains(hash) && filter.mightContain(hash)) {
                falsePositives++;
            }
        }
        // 262,144 bits, 3 probes: at 20,000 keys the expected rate is about 0.9%
        assertThat(falsePositives).isLessThanOrEqualTo(trials / 50);
    }
}
