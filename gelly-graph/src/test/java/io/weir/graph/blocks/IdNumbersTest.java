package io.weir.graph.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Numbers in the order ids first come, against a {@code LinkedHashMap}, for ids on both sides of the array's range. */
class IdNumbersTest {

    @Test
    void eachIdIsNumberedByHowManyDistinctIdsCameBeforeIt() {
        Random random = new Random(17);
        for (int round = 0; round < 50; round++) {
            IdNumbers numbers = new IdNumbers();
            Map<Long, Integer> oracle = new LinkedHashMap<>();
            int lookups = random.nextInt(20_000);
            for (int i = 0; i < lookups; i++) {
                long id = switch (random.nextInt(6)) {
                    case 0 -> random.nextInt(50); // small, repeated
                    case 1 -> random.nextInt(IdNumbers.DIRECT_IDS); // anywhere in the array's range
                    case 2 -> IdNumbers.DIRECT_IDS - 1 - random.nextInt(3); // its last ids
                    case 3 -> IdNumbers.DIRECT_IDS + random.nextInt(1_000); // just above it
                    case 4 -> -1 - random.nextInt(1_000); // negative
                    default -> random.nextLong();
                };
                Integer expected = oracle.computeIfAbsent(id, unused -> oracle.size());
                assertThat(numbers.numberOf(id))
                        .as("round %d, id %d", round, id)
                        .isEqualTo(expected);
            }
            assertThat(numbers.size()).isEqualTo(oracle.size());
            oracle.forEach((id, number) -> assertThat(numbers.idOf(number)).isEqualTo(id));
        }
    }
}
