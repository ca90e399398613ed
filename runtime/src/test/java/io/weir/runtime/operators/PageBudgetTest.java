package io.weir.runtime.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.memory.MemorySegment;
import io.weir.runtime.operators.hash.HashAggregation;
import io.weir.runtime.operators.sort.ExternalSorter;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageBudgetTest {

    static final TypeSerializer<Long> LONGS = Types.LONG.createSerializer(SerializerConfig.DEFAULT);
    static final TypeComparator<Long> ORDER = Types.LONG.createComparator(true, SerializerConfig.DEFAULT);

    @Test
    void operatorsWithLargeBudgetsTakeOnlyThePagesTheirDataNeeds() throws IOException {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(20_000)) {
            OperatorResources sorterResources = environment.resources("sorter", 10_000);
            OperatorResources aggregationResources = environment.resources("aggregation", 10_000);
            try (ExternalSorter<Long> sorter = new ExternalSorter<>(LONGS, ORDER, sorterResources);
                    HashAggregation<Long> aggregation = new HashAggregation<>(
                            LONGS,
                            ORDER,
                            (a, b) -> a + b,
                            HashAggregation.Mode.FINAL,
                            record -> {},
                            aggregationResources)) {
                for (long i = 0; i < 1000; i++) {
                    sorter.add(999 - i);
                    aggregation.add(i % 10);
                }
                assertThat(environment.memory().pagesInUse())
                        .as("pages held by two operators with budgets of 10,000 pages over 1000 longs")
                        .isLessThan(100);
                RecordIterator<Long> sorted = sorter.finish();
                for (long expected = 0; expected < 1000; expected++) {
                    assertThat(sorted.next()).isEqualTo(expected);
                }
                aggregation.finish();
            }
            environment.assertNothingLeft();
        }
    }

    @Test
    void pagesAreTakenUpToTheLimitReusedAndLent() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(100)) {
            OperatorResources resources = environment.resources("budget under test", 10);
            PageBudget budget = resources.budget(2);
            assertThat(environment.memory().pagesInUse()).isEqualTo(2);
            assertThat(budget.available()).isEqualTo(10);

            List<MemorySegment> held = new ArrayList<>();
            for (MemorySegment page; (page = budget.poll()) != null; ) {
                held.add(page);
            }
            assertThat(held).hasSize(10);
            assertThat(environment.memory().pagesInUse()).isEqualTo(10);
            assertThatThrownBy(() -> budget.take(1)).isInstanceOf(IllegalStateException.class);

            budget.addAll(held.subList(0, 4));
            assertThat(budget.available()).isEqualTo(4);
            assertThat(budget.inUse()).isEqualTo(6);
            MemorySegment reused = budget.poll();
            assertThat(held.subList(0, 4)).as("a page given back is reused").containsOnlyOnce(reused);

            budget.add(reused);
            int lent = budget.lend();
            assertThat(lent).isEqualTo(4);
            assertThat(environment.memory().pagesInUse())
                    .as("lent pages went back")
                    .isEqualTo(6);
            assertThat(budget.poll()).isNull();

            budget.restore(lent);
            assertThat(budget.take(4)).hasSize(4);
            assertThat(environment.memory().pagesInUse()).isEqualTo(10);
            resources.close();
            environment.assertNothingLeft();
        }
    }
}
