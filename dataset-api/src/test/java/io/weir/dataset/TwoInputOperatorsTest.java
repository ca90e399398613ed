package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.Collector;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.tuple.Tuple2;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outer joins and join hints, coGroup and cross, at parallelism 1 and 4 and with memory small enough
 * to make them spill, against nested loops over plain lists.
 */
class TwoInputOperatorsTest {

    record Order(int customer, long cents, String note) {}

    record Customer(int id, String name) {}

    static List<Order> orders(int count, int customers, long seed) {
        Random random = new Random(seed);
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(new Order(random.nextInt(customers), random.nextInt(100_000), "n" + random.nextInt(1_000)));
        }
        return orders;
    }

    /** Customers with ids from {@code from} (inclusive) in steps of 2: some match no order, some orders none. */
    static List<Customer> customers(int from, int to) {
        List<Customer> customers = new ArrayList<>();
        for (int id = from; id < to; id += 2) {
            customers.add(new Customer(id, "c" + id));
        }
        return customers;
    }

    static String describe(Order order, Customer customer) {
        return (order == null ? "-" : order.customer() + "/" + order.cents()) + " "
                + (customer == null ? "-" : customer.name());
    }

    /** The join by nested loops, with unmatched records on the kept sides. */
    static List<String> expectedJoin(
            List<Order> orders, List<Customer> customers, boolean keepLeft, boolean keepRight) {
        List<String> result = new ArrayList<>();
        boolean[] customerMatched = new boolean[customers.size()];
        for (Order order : orders) {
            boolean matched = false;
            for (int i = 0; i < customers.size(); i++) {
                if (customers.get(i).id() == order.customer()) {
                    result.add(describe(order, customers.get(i)));
                    matched = true;
                    customerMatched[i] = true;
                }
            }
            if (!matched && keepLeft) {
                result.add(describe(order, null));
            }
        }
        for (int i = 0; i < customers.size(); i++) {
            if (!customerMatched[i] && keepRight) {
                result.add(describe(null, customers.get(i)));
            }
        }
        return result;
    }

    @ParameterizedTest(name = "{0} with {1}, parallelism {2}, memory {3}")
    @CsvSource({
        "INNER, OPTIMIZER_CHOOSES, 4, 64m",
        "INNER, BROADCAST_HASH_FIRST, 4, 2m",
        "INNER, BROADCAST_HASH_SECOND, 1, 1m",
        "INNER, REPARTITION_SORT_MERGE, 4, 2m",
        "LEFT_OUTER, OPTIMIZER_CHOOSES, 1, 64m",
        "LEFT_OUTER, REPARTITION_HASH_FIRST, 4, 2m",
        "LEFT_OUTER, BROADCAST_HASH_SECOND, 4, 2m",
        "LEFT_OUTER, REPARTITION_SORT_MERGE, 1, 1m",
        "RIGHT_OUTER, REPARTITION_HASH_SECOND, 4, 2m",
        "RIGHT_OUTER, BROADCAST_HASH_FIRST, 1, 1m",
        "RIGHT_OUTER, REPARTITION_SORT_MERGE, 4, 64m",
        "FULL_OUTER, OPTIMIZER_CHOOSES, 4, 2m",
        "FULL_OUTER, REPARTITION_HASH_SECOND, 1, 1m",
        "FULL_OUTER, REPARTITION_SORT_MERGE, 4, 2m",
    })
    void joinsOfEveryTypeAndHintMatchNestedLoops(String type, JoinHint hint, int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        // large enough that the orders (10 per key: one slot per key) do not fit a join's share of 1m
        List<Order> orderList = orders(60_000, 3_000, 7);
        List<Customer> customerList = customers(1_000, 4_000);
        DataSet<Order> orders = env.fromCollection(orderList);
        DataSet<Customer> customers = env.fromCollection(customerList);

        DataSet<String> joined = switch (type) {
            case "INNER" ->
                orders.join(customers, hint).where("customer").equalTo("id").with(TwoInputOperatorsTest::describe);
            case "LEFT_OUTER" ->
                orders.leftOuterJoin(customers, hint)
                        .where("customer")
                        .equalTo("id")
                        .with(TwoInputOperatorsTest::describe);
            case "RIGHT_OUTER" ->
                orders.rightOuterJoin(customers, hint)
                        .where(Order::customer)
                        .equalTo(Customer::id)
                        .with(TwoInputOperatorsTest::describe);
            default -> orders.fullOuterJoin(customers, hint).where(0).equalTo(0).with(TwoInputOperatorsTest::describe);
        };

        List<String> expected = expectedJoin(
                orderList,
                customerList,
                type.equals("LEFT_OUTER") || type.equals("FULL_OUTER"),
                type.equals("RIGHT_OUTER") || type.equals("FULL_OUTER"));
        assertThat(multiset(joined.collect())).isEqualTo(multiset(expected));
        boolean largeSideHeld = hint != JoinHint.BROADCAST_HASH_SECOND && hint != JoinHint.REPARTITION_HASH_SECOND;
        if (memory.equals("1m") && largeSideHeld) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}, parallelism {1}")
    @CsvSource({
        "BROADCAST_HASH_FIRST, 4",
        "BROADCAST_HASH_SECOND, 4",
        "REPARTITION_SORT_MERGE, 1",
        "REPARTITION_SORT_MERGE, 4"
    })
    void joinHintsOnTheApiMatchTheDefaultTuplesOfAPlainJoin(JoinHint hint, int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "4m");
        List<Order> orderList = orders(5_000, 800, 3);
        List<Customer> customerList = customers(0, 1_000);
        DataSet<Order> orders = env.fromCollection(orderList);
        DataSet<Customer> customers = env.fromCollection(customerList);

        List<Tuple2<Order, Customer>> hinted = (hint == JoinHint.BROADCAST_HASH_FIRST
                        ? orders.joinWithHuge(customers)
                        : hint == JoinHint.BROADCAST_HASH_SECOND
                                ? orders.joinWithTiny(customers)
                                : orders.join(customers, hint))
                .where("customer")
                .equalTo("id")
                .collect();
        List<Tuple2<Order, Customer>> plain =
                orders.join(customers).where("customer").equalTo("id").collect();
        assertThat(multiset(hinted)).isEqualTo(multiset(plain));
        assertThat(plain)
                .hasSize(expectedJoin(orderList, customerList, false, false).size());
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void aBroadcastOrSortMergeSelfJoinDoesNotDeadlock(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "2m");
        List<Order> orderList = orders(20_000, 50_000, 11);
        DataSet<Order> orders = env.fromCollection(orderList).map(order -> order);
        long broadcast = orders.join(orders, JoinHint.BROADCAST_HASH_SECOND)
                .where("customer")
                .equalTo("customer")
                .count();
        long sortMerge = orders.join(orders, JoinHint.REPARTITION_SORT_MERGE)
                .where("customer")
                .equalTo("customer")
                .count();
        long expected = multiset(orderList.stream().map(Order::customer).toList()).values().stream()
                .mapToLong(n -> n * n)
                .sum();
        assertThat(broadcast).isEqualTo(expected);
        assertThat(sortMerge).isEqualTo(expected);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void anOuterJoinCannotBroadcastTheSideWhoseUnmatchedRecordsItKeeps(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "4m");
        DataSet<Order> orders = env.fromCollection(orders(10, 5, 1));
        DataSet<Customer> customers = env.fromCollection(customers(0, 10));
        assertThatThrownBy(() -> orders.leftOuterJoin(customers, JoinHint.BROADCAST_HASH_FIRST))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("left outer join cannot broadcast its first input");
        assertThatThrownBy(() -> orders.fullOuterJoin(customers, JoinHint.BROADCAST_HASH_SECOND))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("full outer join cannot broadcast its second input");
    }

    /** Per key: the left values in descending order, then the right notes in ascending order. */
    static final class Describe implements CoGroupFunction<Order, Customer, String> {
        @Override
        public void coGroup(Iterable<Order> first, Iterable<Customer> second, Collector<String> out) {
            StringBuilder text = new StringBuilder();
            Integer key = null;
            for (Order order : first) {
                key = order.customer();
                text.append(order.cents()).append(',');
            }
            text.append('|');
            for (Customer customer : second) {
                key = customer.id();
                text.append(customer.name()).append(',');
            }
            out.collect(key + ":" + text);
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void coGroupWithOrderedGroupsMatchesPlainJava(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Order> orderList = orders(40_000, 3_000, 5);
        List<Customer> customerList = new ArrayList<>(customers(1_000, 4_000));
        customerList.addAll(customers(1_001, 1_500)); // a second customer for some ids
        List<Customer> withDuplicates = new ArrayList<>();
        for (Customer customer : customerList) {
            withDuplicates.add(new Customer(customer.id() / 2 * 2, customer.name()));
        }

        List<String> grouped = env.fromCollection(orderList)
                .coGroup(env.fromCollection(withDuplicates))
                .where("customer")
                .equalTo("id")
                .sortFirstGroup("cents", io.weir.dataset.Order.DESCENDING)
                .sortSecondGroup("name", io.weir.dataset.Order.ASCENDING)
                .with(new Describe())
                .collect();

        Map<Integer, List<Order>> left = new TreeMap<>();
        orderList.forEach(
                o -> left.computeIfAbsent(o.customer(), k -> new ArrayList<>()).add(o));
        Map<Integer, List<Customer>> right = new TreeMap<>();
        withDuplicates.forEach(
                c -> right.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c));
        List<String> expected = new ArrayList<>();
        java.util.Set<Integer> keys = new java.util.TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (int key : keys) {
            List<Order> orders = new ArrayList<>(left.getOrDefault(key, List.of()));
            orders.sort(Comparator.comparingLong(Order::cents).reversed());
            List<Customer> customers = new ArrayList<>(right.getOrDefault(key, List.of()));
            customers.sort(Comparator.comparing(Customer::name));
            List<String> function = new ArrayList<>();
            new Describe().coGroup(orders, customers, function::add);
            expected.addAll(function);
        }
        assertThat(multiset(grouped)).isEqualTo(multiset(expected));
        if (memory.equals("1m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0}, parallelism {1}, memory {2}")
    @CsvSource({
        "plain, 1, 64m",
        "plain, 4, 64m",
        "tiny, 4, 1m",
        "huge, 4, 1m",
        "huge, 1, 1m",
        "self, 4, 1m",
    })
    void crossMatchesNestedLoops(String variant, int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        // long notes: 3,000 orders do not fit in one block at 1m
        List<Order> orderList = orders(3_000, 100, 13).stream()
                .map(o -> new Order(o.customer(), o.cents(), o.note().repeat(40)))
                .toList();
        List<Customer> customerList = customers(0, 400);
        DataSet<Order> orders = env.fromCollection(orderList);
        DataSet<Customer> customers = env.fromCollection(customerList);
        BiFunction<Order, Customer, String> function = TwoInputOperatorsTest::describe;

        List<String> crossed;
        List<String> expected = new ArrayList<>();
        if (variant.equals("self")) {
            DataSet<Customer> mapped = customers.map(c -> c);
            crossed = mapped.cross(mapped).with((a, b) -> a.name() + b.name()).collect();
            for (Customer a : customerList) {
                for (Customer b : customerList) {
                    expected.add(a.name() + b.name());
                }
            }
        } else {
            CrossOperator<Order, Customer> cross = switch (variant) {
                case "tiny" -> orders.crossWithTiny(customers);
                case "huge" -> orders.crossWithHuge(customers);
                default -> orders.cross(customers);
            };
            crossed = cross.with(TwoInputOperatorsTest::describe).collect();
            for (Order order : orderList) {
                for (Customer customer : customerList) {
                    expected.add(function.apply(order, customer));
                }
            }
        }
        assertThat(multiset(crossed)).isEqualTo(multiset(expected));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void aCrossOfTwoInputsLargerThanMemorySpillsAndMatchesPlainJava(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "1m");
        List<Order> first = orders(1_000, 100, 17).stream()
                .map(o -> new Order(o.customer(), o.cents(), o.note().repeat(250)))
                .toList();
        List<Order> second = orders(800, 100, 19).stream()
                .map(o -> new Order(o.customer(), o.cents(), o.note().repeat(250)))
                .toList();
        long crossed = env.fromCollection(first)
                .crossWithHuge(env.fromCollection(second))
                .with((a, b) ->
                        (a.cents() * 31 + b.cents()) % 1_000_003 + a.note().length())
                .reduce(Long::sum)
                .collect()
                .get(0);
        long expected = 0;
        for (Order a : first) {
            for (Order b : second) {
                expected += (a.cents() * 31 + b.cents()) % 1_000_003 + a.note().length();
            }
        }
        assertThat(crossed).isEqualTo(expected);
        // neither side fits in its half: the block side goes by in blocks, the streamed side is buffered
        assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void projectionsOfJoinsAndCrossesPickFieldsOfEitherSideInOrder(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Order> orderList = orders(2_000, 300, 11);
        List<Customer> customerList = customers(0, 300);
        DataSet<Order> orders = env.fromCollection(orderList);
        DataSet<Customer> customers = env.fromCollection(customerList);

        List<io.weir.core.tuple.Tuple3<String, Long, String>> joined = orders.join(customers)
                .where("customer")
                .equalTo("id")
                .<io.weir.core.tuple.Tuple2<String, Long>>projectSecond(1)
                .<io.weir.core.tuple.Tuple3<String, Long, String>>projectFirst(1, 2)
                .collect();
        List<io.weir.core.tuple.Tuple3<String, Long, String>> expectedJoin = new ArrayList<>();
        for (Order order : orderList) {
            for (Customer customer : customerList) {
                if (customer.id() == order.customer()) {
                    expectedJoin.add(io.weir.core.tuple.Tuple3.of(customer.name(), order.cents(), order.note()));
                }
            }
        }
        assertThat(multiset(joined)).isEqualTo(multiset(expectedJoin));

        DataSet<Long> small = env.generateSequence(1, 3);
        List<Tuple2<Long, String>> crossed = small.cross(customers.filter(c -> c.id() < 20))
                .<io.weir.core.tuple.Tuple1<Long>>projectFirst()
                .<Tuple2<Long, String>>projectSecond(1)
                .collect();
        List<Tuple2<Long, String>> expectedCross = new ArrayList<>();
        for (long x = 1; x <= 3; x++) {
            for (Customer customer : customerList) {
                if (customer.id() < 20) {
                    expectedCross.add(Tuple2.of(x, customer.name()));
                }
            }
        }
        assertThat(multiset(crossed)).isEqualTo(multiset(expectedCross));
    }

    @org.junit.jupiter.api.Test
    void projectingAFieldThatDoesNotExistNamesTheFields() {
        ExecutionEnvironment env = environment(1, "64m");
        DataSet<Order> orders = env.fromCollection(orders(10, 3, 1));
        DataSet<Customer> customers = env.fromCollection(customers(0, 3));

        assertThatThrownBy(() ->
                        orders.join(customers).where("customer").equalTo("id").projectFirst(0, 7))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("projectFirst[0, 7]")
                .hasMessageContaining("has no field 7");
    }
}
