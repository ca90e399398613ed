package io.weir.runtime.operators.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.serialization.PairComparator;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.operators.OperatorException;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.sort.ExternalSorter;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Sort-merge join and coGroup against plain Java: a nested-loop join over lists, and grouping with
 * maps. Two record types with differently named key fields; keys repeat on both sides.
 */
class SortMergeJoinTest {

    public record Order(long customer, String item) {}

    public record Customer(String name, long id) {}

    static final TypeInfo<Order> ORDERS = Types.of(Order.class);
    static final TypeInfo<Customer> CUSTOMERS = Types.of(Customer.class);
    static final TypeSerializer<Order> ORDER_SERIALIZER = ORDERS.createSerializer(SerializerConfig.DEFAULT);
    static final TypeSerializer<Customer> CUSTOMER_SERIALIZER = CUSTOMERS.createSerializer(SerializerConfig.DEFAULT);

    static PairComparator<Order, Customer> keys() {
        return new PairComparator<>(
                Keys.<Order>fields("customer").createComparator(ORDERS, SerializerConfig.DEFAULT),
                Keys.<Customer>fields("id").createComparator(CUSTOMERS, SerializerConfig.DEFAULT));
    }

    /** The most joined pairs a generated input may give on average: the oracle holds them all on the heap. */
    static final long MAX_PAIRS = 200_000;

    /**
     * A key space at least {@code keySpace} and large enough that {@code left} × {@code right}
     * records with random keys join to about {@link #MAX_PAIRS} pairs at most. Without it, a
     * generated single key with 4,000 records a side joins to 16 million pairs, whose expected result
     * alone overflows the test JVM's heap.
     */
    static int boundedKeySpace(int left, int right, int keySpace) {
        return (int) Math.max(keySpace, (long) left * right / MAX_PAIRS + 1);
    }

    static List<Order> orders(long seed, int count, int keys) {
        Random random = new Random(seed);
        List<Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(new Order(random.nextInt(keys), "item-" + i + "-" + "x".repeat(random.nextInt(30))));
        }
        return orders;
    }

    static List<Customer> customers(long seed, int count, int keys) {
        Random random = new Random(seed);
        List<Customer> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            customers.add(new Customer("name-" + i, random.nextInt(keys)));
        }
        return customers;
    }

    static final FlatJoinFunction<Order, Customer, String> DESCRIBE = (order, customer, out) ->
            out.collect((order == null ? "-" : order.item()) + "|" + (customer == null ? "-" : customer.name()));

    /** The oracle: every matching pair, plus unmatched records for outer joins, counted. */
    static Map<String, Integer> nestedLoopJoin(List<Order> orders, List<Customer> customers, JoinType type) {
        Map<String, Integer> result = new HashMap<>();
        boolean[] customerMatched = new boolean[customers.size()];
        for (Order order : orders) {
            boolean matched = false;
            for (int i = 0; i < customers.size(); i++) {
                if (order.customer() == customers.get(i).id()) {
                    result.merge(order.item() + "|" + customers.get(i).name(), 1, Integer::sum);
                    matched = true;
                    customerMatched[i] = true;
                }
            }
            if (!matched && type.keepLeft) {
                result.merge(order.item() + "|-", 1, Integer::sum);
            }
        }
        if (type.keepRight) {
            for (int i = 0; i < customers.size(); i++) {
                if (!customerMatched[i]) {
                    result.merge("-|" + customers.get(i).name(), 1, Integer::sum);
                }
            }
        }
        return result;
    }

    static int dataPages(List<Order> orders, List<Customer> customers) {
        long bytes = orders.stream().mapToLong(o -> 10 + o.item().length()).sum()
                + customers.stream().mapToLong(c -> 10 + c.name().length()).sum();
        return (int) (bytes / OperatorTestEnvironment.PAGE_SIZE) + 1;
    }

    @Property(tries = 60)
    void joinsLikeANestedLoopJoinForEveryJoinTypeWithAmpleMemoryAndATenthOfIt(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3_000) int orderCount,
            @ForAll @IntRange(min = 0, max = 3_000) int customerCount,
            @ForAll @IntRange(min = 1, max = 1_000) int keySpace,
            @ForAll JoinType type)
            throws IOException {
        int keys = boundedKeySpace(orderCount, customerCount, keySpace);
        List<Order> orders = orders(seed, orderCount, keys);
        List<Customer> customers = customers(seed + 1, customerCount, keys);
        Map<String, Integer> expected = nestedLoopJoin(orders, customers, type);
        int dataPages = dataPages(orders, customers);
        int ample = 4 * dataPages + 32;
        int tenth = Math.max(3 * ExternalSorter.MIN_PAGES + 3, dataPages / 10);

        for (int pages : new int[] {ample, tenth}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(ample)) {
                OperatorResources resources = environment.resources("join under test", pages);
                Map<String, Integer> actual = new HashMap<>();
                new SortMergeJoin<Order, Customer, String>(
                                ORDER_SERIALIZER, CUSTOMER_SERIALIZER, keys(), type, resources)
                        .sortAndRun(
                                RecordIterator.of(orders),
                                RecordIterator.of(customers),
                                DESCRIBE,
                                result -> actual.merge(result, 1, Integer::sum));
                assertThat(actual).isEqualTo(expected);
                if (pages == tenth && dataPages >= 10 * (3 * ExternalSorter.MIN_PAGES + 3)) {
                    assertThat(resources.metrics().bytesSpilled())
                            .as("a tenth of the memory spills")
                            .isPositive();
                }
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aKeyWithMoreRecordsOnBothSidesThanMemoryHoldsStillJoins() throws IOException {
        List<Order> orders = new ArrayList<>();
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            orders.add(new Order(7, "hot-" + i));
            orders.add(new Order(i + 100, "cold-" + i));
        }
        for (int i = 0; i < 20_000; i++) {
            customers.add(new Customer("c" + i + "-padding-padding-padding", 7));
        }
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("join with a hot key", 16);
            long[] matches = new long[1];
            new SortMergeJoin<Order, Customer, String>(
                            ORDER_SERIALIZER, CUSTOMER_SERIALIZER, keys(), JoinType.INNER, resources)
                    .sortAndRun(
                            RecordIterator.of(orders), RecordIterator.of(customers), DESCRIBE, result -> matches[0]++);
            assertThat(matches[0]).isEqualTo(2_000L * 20_000);
            assertThat(resources.metrics().bytesSpilled()).isPositive();
            environment.assertNothingLeft();
        }
    }

    /** The coGroup oracle: for every key, the sorted items of the left group and names of the right. */
    static Map<Long, String> groupByKey(List<Order> orders, List<Customer> customers) {
        Map<Long, List<String>> left = new TreeMap<>();
        Map<Long, List<String>> right = new TreeMap<>();
        for (Order order : orders) {
            left.computeIfAbsent(order.customer(), k -> new ArrayList<>()).add(order.item());
        }
        for (Customer customer : customers) {
            right.computeIfAbsent(customer.id(), k -> new ArrayList<>()).add(customer.name());
        }
        Map<Long, String> result = new TreeMap<>();
        for (Long key : union(left.keySet(), right.keySet())) {
            result.put(key, describe(left.getOrDefault(key, List.of()), right.getOrDefault(key, List.of())));
        }
        return result;
    }

    static List<Long> union(java.util.Set<Long> a, java.util.Set<Long> b) {
        java.util.TreeSet<Long> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    static String describe(List<String> left, List<String> right) {
        List<String> l = new ArrayList<>(left);
        List<String> r = new ArrayList<>(right);
        Collections.sort(l);
        Collections.sort(r);
        return l + " / " + r;
    }

    @Property(tries = 60)
    void coGroupsLikeGroupingBothSidesByKey(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 2_000) int orderCount,
            @ForAll @IntRange(min = 0, max = 2_000) int customerCount,
            @ForAll @IntRange(min = 1, max = 500) int keySpace,
            @ForAll boolean rightFirst)
            throws IOException {
        int keys = boundedKeySpace(orderCount, customerCount, keySpace);
        List<Order> orders = orders(seed, orderCount, keys);
        List<Customer> customers = customers(seed + 1, customerCount, keys);
        Map<Long, String> expected = groupByKey(orders, customers);
        // the function may read either group first: both are read from their own sorted input
        CoGroupFunction<Order, Customer, Map.Entry<Long, String>> function = (left, right, out) -> {
            List<String> items = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Long key = null;
            if (rightFirst) {
                for (Customer customer : right) {
                    names.add(customer.name());
                    key = customer.id();
                }
            }
            for (Order order : left) {
                items.add(order.item());
                key = order.customer();
            }
            if (!rightFirst) {
                for (Customer customer : right) {
                    names.add(customer.name());
                    key = customer.id();
                }
            }
            out.collect(Map.entry(key, describe(items, names)));
        };
        int dataPages = dataPages(orders, customers);
        for (int pages : new int[] {4 * dataPages + 32, Math.max(3 * ExternalSorter.MIN_PAGES, dataPages / 10)}) {
            try (OperatorTestEnvironment environment = new OperatorTestEnvironment(4 * dataPages + 32)) {
                OperatorResources resources = environment.resources("coGroup under test", pages);
                Map<Long, String> actual = new TreeMap<>();
                int third = Math.max(ExternalSorter.MIN_PAGES, pages / 3);
                try (ExternalSorter<Order> leftSorter = new ExternalSorter<>(
                                ORDER_SERIALIZER, keys().left(), resources.split("left sorter", third));
                        ExternalSorter<Customer> rightSorter = new ExternalSorter<>(
                                CUSTOMER_SERIALIZER, keys().right(), resources.split("right sorter", third))) {
                    for (Order order : orders) {
                        leftSorter.add(order);
                    }
                    for (Customer customer : customers) {
                        rightSorter.add(customer);
                    }
                    new SortMergeCoGroup<Order, Customer, Map.Entry<Long, String>>(keys(), resources)
                            .run(leftSorter.finish(), rightSorter.finish(), function, entry -> {
                                assertThat(actual.put(entry.getKey(), entry.getValue()))
                                        .as("one call per key")
                                        .isNull();
                            });
                }
                assertThat(actual).isEqualTo(expected);
                environment.assertNothingLeft();
            }
        }
    }

    @Test
    void aFailingJoinFunctionNamesTheOperatorAndLeavesNothing() {
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            OperatorResources resources = environment.resources("join 'orders with customers at Q3.java:40'", 32);
            assertThatThrownBy(() -> new SortMergeJoin<Order, Customer, String>(
                                    ORDER_SERIALIZER, CUSTOMER_SERIALIZER, keys(), JoinType.INNER, resources)
                            .sortAndRun(
                                    RecordIterator.of(orders(1, 1000, 10)),
                                    RecordIterator.of(customers(2, 1000, 10)),
                                    (FlatJoinFunction<Order, Customer, String>) (order, customer, out) -> {
                                        throw new IllegalStateException("no such region");
                                    },
                                    result -> {}))
                    .isInstanceOf(OperatorException.class)
                    .hasMessageContaining("join 'orders with customers at Q3.java:40'")
                    .hasMessageContaining("no such region");
            environment.assertNothingLeft();
        }
    }
}
