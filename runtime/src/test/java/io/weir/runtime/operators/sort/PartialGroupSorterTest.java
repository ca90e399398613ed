package io.weir.runtime.operators.sort;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.sort.ExternalSorterTest.Row;
import io.weir.runtime.operators.sort.ExternalSorterTest.SortKey;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The partial group sorter against plain Java grouping: every record comes out exactly once, in a
 * group of records with one key; with ample memory each key is one group, with a tenth of it a key
 * may be in several groups but nothing touches the disk; all pages are given back.
 */
class PartialGroupSorterTest {

    @Property(tries = 60)
    void groupsHoldEveryRecordOnceAndNeverSpill(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 30_000) int count,
            @ForAll @IntRange(min = 1, max = 5_000) int distinctKeys,
            @ForAll SortKey key) {
        List<Row> input = ExternalSorterTest.rows(seed, count, distinctKeys);
        int dataPages = (int) (ExternalSorterTest.serializedBytes(input) / OperatorTestEnvironment.PAGE_SIZE) + 1;
        int ample = 2 * dataPages + 16;
        int tenth = Math.max(ExternalSorter.MIN_PAGES, dataPages / 10);
        Function<Row, Object> keyOf = keyFunction(key);
        Map<Object, Long> expected = input.stream().collect(Collectors.groupingBy(keyOf, Collectors.counting()));

        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("group combiner under test", pages);
                List<List<Row>> groups = new ArrayList<>();
                try (PartialGroupSorter<Row> sorter = new PartialGroupSorter<>(
                        ExternalSorterTest.SERIALIZER,
                        key.comparator(),
                        key.comparator(),
                        resources,
                        collectInto(groups))) {
                    for (Row row : input) {
                        sorter.add(row);
                    }
                    sorter.finish();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                Map<Object, Long> counted = new HashMap<>();
                Map<Object, Integer> groupsPerKey = new HashMap<>();
                for (List<Row> group : groups) {
                    assertThat(group).isNotEmpty();
                    Object groupKey = keyOf.apply(group.get(0));
                    assertThat(group)
                            .allSatisfy(row -> assertThat(keyOf.apply(row)).isEqualTo(groupKey));
                    counted.merge(groupKey, (long) group.size(), Long::sum);
                    groupsPerKey.merge(groupKey, 1, Integer::sum);
                }
                assertThat(counted).isEqualTo(expected);
                assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(count);
                assertThat(multiset(groups)).isEqualTo(multiset(List.of(input)));
                if (pages == ample) {
                    assertThat(groupsPerKey.values())
                            .allSatisfy(n -> assertThat(n).isEqualTo(1));
                }
                assertThat(resources.metrics().bytesSpilled()).isZero();
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aRecordLargerThanTheBudgetIsAGroupOfItsOwn() throws Exception {
        Random random = new Random(3);
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int length = i % 20 == 0 ? 40_000 : random.nextInt(100);
            input.add(new Row(random.nextInt(10), "n", 0, "x".repeat(length)));
        }
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(16)) {
            OperatorResources resources = environment.resources("group combiner of large records", 4);
            List<List<Row>> groups = new ArrayList<>();
            try (PartialGroupSorter<Row> sorter = new PartialGroupSorter<>(
                    ExternalSorterTest.SERIALIZER,
                    SortKey.ID.comparator(),
                    SortKey.ID.comparator(),
                    resources,
                    collectInto(groups))) {
                for (Row row : input) {
                    sorter.add(row);
                }
                sorter.finish();
            }
            assertThat(multiset(groups)).isEqualTo(multiset(List.of(input)));
            assertThat(groups)
                    .filteredOn(group -> group.get(0).payload().length() == 40_000)
                    .allSatisfy(group -> assertThat(group).hasSize(1));
            environment.assertNothingLeft();
        }
    }

    /** Collects each group handed on into {@code groups}. */
    private static PartialGroupSorter.GroupConsumer<Row> collectInto(List<List<Row>> groups) {
        return iterator -> {
            while (iterator.nextGroup()) {
                List<Row> group = new ArrayList<>();
                iterator.forEach(group::add);
                groups.add(group);
            }
        };
    }

    private static Map<Row, Long> multiset(List<List<Row>> groups) {
        return groups.stream().flatMap(List::stream).collect(Collectors.groupingBy(row -> row, Collectors.counting()));
    }

    private static Function<Row, Object> keyFunction(SortKey key) {
        return switch (key) {
            case ID -> Row::id;
            case NAME -> Row::name;
            case NAME_DESCENDING_THEN_ID -> row -> List.of(row.name(), row.id());
            case COUNT_BY_SELECTOR -> row -> row.count() * 7 % 5;
        };
    }
}
