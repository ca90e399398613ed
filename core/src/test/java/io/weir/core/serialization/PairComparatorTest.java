package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * Joins compare and hash a left record against a right record of another type: equal keys must hash
 * equally on both sides (or a hash join would miss matches) and compare as the keys' values do.
 */
class PairComparatorTest {

    public record Order(long id, long customer, String note) {}

    public record Customer(String name, long id, int region) {}

    private static final TypeInfo<Order> ORDERS = Types.of(Order.class);
    private static final TypeInfo<Customer> CUSTOMERS = Types.of(Customer.class);

    @Property(tries = 1000)
    void keyFieldsOfTwoRecordTypesMatchAndHashAlike(
            @ForAll @LongRange(min = -3, max = 3) long orderCustomer,
            @ForAll @LongRange(min = -3, max = 3) long customerId,
            @ForAll @LongRange(min = 0, max = 2) long orderId) {
        TypeComparator<Order> left = Keys.<Order>fields("customer").createComparator(ORDERS, SerializerConfig.DEFAULT);
        TypeComparator<Customer> right =
                Keys.<Customer>fields("id").createComparator(CUSTOMERS, SerializerConfig.DEFAULT);
        Order order = new Order(orderId, orderCustomer, "n");
        Customer customer = new Customer("c", customerId, 0);

        assertThat(Integer.signum(new PairComparator<>(left, right).compare(order, customer)))
                .isEqualTo(Long.signum(Long.compare(orderCustomer, customerId)));
        if (orderCustomer == customerId) {
            assertThat(left.hash(order)).isEqualTo(right.hash(customer));
            assertThat(left.hashKeys(left.extractKeys(order))).isEqualTo(left.hash(order));
        }
    }

    @Property(tries = 1000)
    void aCompositeKeyAnAtomicValueAndASelectorAgree(
            @ForAll @LongRange(min = -2, max = 2) long a,
            @ForAll @LongRange(min = -2, max = 2) long b,
            @ForAll boolean ascending) {
        TypeComparator<Order> byField = Keys.<Order>fields("customer")
                .createComparator(ORDERS, new boolean[] {ascending}, SerializerConfig.DEFAULT);
        TypeComparator<Long> byValue = Types.LONG.createComparator(ascending, SerializerConfig.DEFAULT);
        TypeComparator<Order> bySelector = Keys.<Order, Long>selector(Order::customer, Types.LONG)
                .createComparator(ORDERS, new boolean[] {ascending}, SerializerConfig.DEFAULT);
        Order order = new Order(1, a, "x");
        int expected = Integer.signum(ascending ? Long.compare(a, b) : Long.compare(b, a));

        assertThat(Integer.signum(new PairComparator<>(byField, byValue).compare(order, b)))
                .isEqualTo(expected);
        assertThat(Integer.signum(new PairComparator<>(bySelector, byValue).compare(order, b)))
                .isEqualTo(expected);
        assertThat(Integer.signum(new PairComparator<>(byValue, byField).compare(b, order)))
                .isEqualTo(-expected);
        // a value's key against an extracted key, without extracting the value's (the hash join's probe)
        for (TypeComparator<Order> comparator : java.util.List.of(byField, bySelector)) {
            assertThat(Integer.signum(comparator.compareKeyWith(order, byValue.extractKeys(b))))
                    .isEqualTo(expected);
        }
        assertThat(Integer.signum(byValue.compareKeyWith(b, byField.extractKeys(order))))
                .isEqualTo(-expected);
        if (a == b) {
            assertThat(byField.hash(order)).isEqualTo(byValue.hash(b)).isEqualTo(bySelector.hash(order));
        }
    }

    @Property(tries = 1000)
    void aSelectorReturningATupleMatchesTheSameFieldsOfARecord(
            @ForAll @LongRange(min = -2, max = 2) long customer,
            @ForAll @LongRange(min = -2, max = 2) long id,
            @ForAll @LongRange(min = -2, max = 2) long otherCustomer,
            @ForAll @LongRange(min = -2, max = 2) long otherId) {
        TypeComparator<Order> fields =
                Keys.<Order>fields("customer", "id").createComparator(ORDERS, SerializerConfig.DEFAULT);
        TypeComparator<Order> selector = Keys.<Order, Tuple2<Long, Long>>selector(
                        order -> Tuple2.of(order.customer(), order.id()), Types.TUPLE(Types.LONG, Types.LONG))
                .createComparator(ORDERS, SerializerConfig.DEFAULT);
        Order left = new Order(id, customer, "l");
        Order right = new Order(otherId, otherCustomer, "r");
        int expected = Integer.signum(
                customer != otherCustomer ? Long.compare(customer, otherCustomer) : Long.compare(id, otherId));
        assertThat(Integer.signum(new PairComparator<>(fields, selector).compare(left, right)))
                .isEqualTo(expected);
        if (expected == 0) {
            assertThat(fields.hash(left)).isEqualTo(selector.hash(right));
        }
    }
}
