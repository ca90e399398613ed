package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TestTypes.Order;
import io.weir.core.serialization.TestTypes.Person;
import io.weir.core.tuple.Tuple2;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {

    private static final TypeInfo<Order> ORDER = Types.of(Order.class);

    record Line(Order order, int quantity) {}

    @Test
    void aKeyNamingAMissingFieldListsTheFieldsThereAre() {
        assertThatThrownBy(() -> Keys.<Order>fields("customr").keyFieldTypes(ORDER))
                .isInstanceOf(InvalidTypesException.class)
                .hasMessageContaining("'customr' is not a field of Order(")
                .hasMessageContaining("[id, customer, total, date, status, tags, priority]");
        assertThatThrownBy(() -> Keys.<Line>fields("order.totl").keyFieldTypes(Types.of(Line.class)))
                .hasMessageContaining("'totl' is not a field in 'order'");
        assertThatThrownBy(() -> Keys.<Line>fields("quantity.value").keyFieldTypes(Types.of(Line.class)))
                .hasMessageContaining("field 'quantity' is a Integer, which has no fields");
    }

    @Test
    void aFieldThatCannotBeAKeySaysWhyAndWhatToDo() {
        assertThatThrownBy(() -> Keys.<Order>fields("tags").createComparator(ORDER, SerializerConfig.DEFAULT))
                .isInstanceOf(InvalidTypesException.class)
                .hasMessageContaining("key field 'tags'")
                .hasMessageContaining("lists have no order")
                .hasMessageContaining("key selector");
    }

    @Test
    void positionsAddressFieldsAndAreCheckedAgainstTheArity() {
        TypeInfo<Tuple2<String, Long>> tuples = Types.TUPLE(Types.STRING, Types.LONG);
        assertThat(Keys.<Tuple2<String, Long>>positions(1).keyFieldTypes(tuples))
                .containsExactly(Types.LONG);
        assertThatThrownBy(() -> Keys.<Tuple2<String, Long>>positions(2).keyFieldTypes(tuples))
                .hasMessageContaining("key position 2 is out of range")
                .hasMessageContaining("fields 0 to 1");
        assertThat(Keys.<Order>positions(0, 1).keyFieldTypes(ORDER)).containsExactly(Types.LONG, Types.STRING);
    }

    @Test
    void atomicTypesAreKeyedAsAWholeWithAStar() {
        assertThat(Keys.<String>fields("*").keyFieldTypes(Types.STRING)).containsExactly(Types.STRING);
        assertThatThrownBy(() -> Keys.<String>positions(0).keyFieldTypes(Types.STRING))
                .hasMessageContaining("Use \"*\"");
        assertThatThrownBy(() -> Keys.<String>fields("length").keyFieldTypes(Types.STRING))
                .hasMessageContaining("String has no fields");
        assertThatThrownBy(() -> Keys.<List<String>>fields("*").keyFieldTypes(Types.LIST(Types.STRING)))
                .hasMessageContaining("cannot be a key");
    }

    @Test
    void compositeFieldsExpandIntoTheirFieldsAndTheStarIntoAll() {
        TypeInfo<Line> lines = Types.of(Line.class);
        assertThat(Keys.<Line>fields("order").keyFieldTypes(lines)).hasSize(7);
        assertThat(Keys.<Line>fields("order.id", "quantity").keyFieldTypes(lines))
                .containsExactly(Types.LONG, Types.INT);
        assertThat(Keys.<Person>fields("*").keyFieldTypes(Types.of(Person.class)))
                .hasSize(4);
    }

    @Test
    void selectorKeysFlattenCompositeKeyTypesSoJoinsCanCompareThemWithFieldKeys() {
        Keys<Order> selector =
                Keys.selector(order -> Tuple2.of(order.id(), order.customer()), Types.TUPLE(Types.LONG, Types.STRING));
        assertThat(selector.keyFieldTypes(ORDER))
                .isEqualTo(Keys.<Order>fields("id", "customer").keyFieldTypes(ORDER));
    }

    @Test
    void theNumberOfDirectionsMustMatchTheKeyFields() {
        assertThatThrownBy(() -> Keys.<Order>fields("id", "customer")
                        .createComparator(ORDER, new boolean[] {true}, SerializerConfig.DEFAULT))
                .hasMessageContaining("the key has 2 fields, but 1 sort directions were given");
    }
}
