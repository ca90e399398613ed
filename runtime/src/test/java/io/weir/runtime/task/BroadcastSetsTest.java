package io.weir.runtime.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.LongSerializer;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lists functions get for broadcast sets, in memory and spilled, against the records put in. */
class BroadcastSetsTest {

    @ParameterizedTest(name = "{0} records in {1} pages")
    @CsvSource({"1000, 8", "50000, 8"})
    void aBroadcastListHoldsEveryRecordInOrderWhetherOrNotItSpilled(int count, int pages) throws Exception {
        try (OperatorTestEnvironment env = new OperatorTestEnvironment(64)) {
            OperatorResources resources = env.resources("broadcast set", pages);
            SpillableRecordBuffer<Long> buffer = new SpillableRecordBuffer<>(LongSerializer.INSTANCE, resources);
            List<Long> expected = new ArrayList<>();
            Random random = new Random(count);
            for (int i = 0; i < count; i++) {
                long value = random.nextLong();
                expected.add(value);
                buffer.add(value);
            }
            buffer.finishWriting();
            assertThat(buffer.isSpilled()).isEqualTo(count > 10_000);
            BroadcastSets sets = new BroadcastSets("map");
            sets.add("values", buffer);

            List<Long> list = sets.list("values");
            assertThat(list).hasSize(count);
            assertThat(new ArrayList<>(list)).isEqualTo(expected); // iterated
            assertThat(new ArrayList<>(list)).isEqualTo(expected); // and again
            for (int index : new int[] {0, 7, 7, 8, count - 1, 3, count / 2}) {
                assertThat(list.get(index)).isEqualTo(expected.get(index)); // forwards, the same, backwards
            }
            assertThat(sets.<Long, Long>initialized("values", data -> {
                        long sum = 0;
                        for (long value : data) {
                            sum += value;
                        }
                        return sum;
                    }))
                    .isEqualTo(expected.stream().mapToLong(v -> v).sum());
            assertThatThrownBy(() -> sets.list("other"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("operator 'map' has no broadcast set named 'other' (it has [values])");
            buffer.close();
            resources.close();
            env.assertNothingLeft();
        }
    }
}
