package io.weir.runtime.operators.join;

import static io.weir.runtime.operators.join.SortMergeJoinTest.CUSTOMER_SERIALIZER;
import static io.weir.runtime.operators.join.SortMergeJoinTest.ORDER_SERIALIZER;
import static io.weir.runtime.operators.join.SortMergeJoinTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.join.SortMergeJoinTest.Customer;
import io.weir.runtime.operators.join.SortMergeJoinTest.Order;
import io.weir.runtime.testing.OperatorTestEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keys a sort-merge coGroup visits: all of either side, or only one side's. */
class SortMergeCoGroupTest {

    @ParameterizedTest(name = "only the keys of input {0} (-1: all)")
    @ValueSource(ints = {-1, 0, 1})
    void visitsTheKeysOfBothSidesOrOnlyOfTheOneAsked(int onlyKeysOf) throws IOException {
        // orders for customers 0..9 and 20..24, customers 5..14
        List<Order> orders = new ArrayList<>();
        for (long customer = 0; customer < 25; customer++) {
            if (customer < 10 || customer >= 20) {
                orders.add(new Order(customer, "a" + customer));
                orders.add(new Order(customer, "b" + customer));
            }
        }
        List<Customer> customers = new ArrayList<>();
        for (long id = 14; id >= 5; id--) {
            customers.add(new Customer("c" + id, id));
        }
        TreeSet<Long> expected = new TreeSet<>();
        if (onlyKeysOf != 1) {
            orders.forEach(order -> expected.add(order.customer()));
        }
        if (onlyKeysOf != 0) {
            customers.forEach(customer -> expected.add(customer.id()));
        }

        TreeSet<Long> visited = new TreeSet<>();
        try (OperatorTestEnvironment environment = new OperatorTestEnvironment(64)) {
            SortMergeCoGroup<Order, Customer, Long> coGroup =
                    new SortMergeCoGroup<>(keys(), environment.resources("coGroup under test", 32));
            if (onlyKeysOf >= 0) {
                coGroup.onlyKeysOf(onlyKeysOf);
            }
            coGroup.sortAndRun(
                    ORDER_SERIALIZER,
                    keys().left(),
                    RecordIterator.of(orders),
                    CUSTOMER_SERIALIZER,
                    keys().right(),
                    RecordIterator.of(customers),
                    (left, right, out) -> {
                        Long key = null;
                        for (Order order : left) {
                            key = order.customer();
                        }
                        for (Customer customer : right) {
                            key = customer.id();
                        }
                        out.collect(key);
                    },
                    visited::add);
            environment.assertNothingLeft();
        }
        assertThat(visited).isEqualTo(expected);
    }
}
