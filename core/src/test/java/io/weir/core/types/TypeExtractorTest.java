package io.weir.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.JoinFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.serialization.TestTypes.Box;
import io.weir.core.serialization.TestTypes.Node;
import io.weir.core.serialization.TestTypes.Opaque;
import io.weir.core.serialization.TestTypes.Order;
import io.weir.core.serialization.TestTypes.Person;
import io.weir.core.serialization.TestTypes.Status;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeExtractorTest {

    private static final String OPERATOR = "map at TypeExtractorTest.java:42";

    @Test
    void basicTypesArraysEnumsAndCollections() {
        assertThat(TypeExtractor.of(int.class)).isSameAs(BasicTypeInfo.INT);
        assertThat(TypeExtractor.of(Integer.class)).isSameAs(BasicTypeInfo.INT);
        assertThat(TypeExtractor.of(String.class)).isSameAs(BasicTypeInfo.STRING);
        assertThat(TypeExtractor.of(BigDecimal.class)).isSameAs(BasicTypeInfo.BIG_DECIMAL);
        assertThat(TypeExtractor.of(LocalDate.class)).isSameAs(BasicTypeInfo.LOCAL_DATE);
        assertThat(TypeExtractor.of(long[].class)).isEqualTo(Types.PRIMITIVE_ARRAY(long[].class));
        assertThat(TypeExtractor.of(String[].class)).isEqualTo(Types.OBJECT_ARRAY(Types.STRING));
        assertThat(TypeExtractor.of(int[][].class)).isEqualTo(Types.OBJECT_ARRAY(Types.PRIMITIVE_ARRAY(int[].class)));
        assertThat(TypeExtractor.of(Status.class)).isEqualTo(Types.ENUM(Status.class));
        assertThat(new TypeHint<List<Map<String, Long>>>() {}.typeInfo())
                .isEqualTo(Types.LIST(Types.MAP(Types.STRING, Types.LONG)));
        assertThat(new TypeHint<Tuple2<String, List<Integer>>>() {}.typeInfo())
                .isEqualTo(Types.TUPLE(Types.STRING, Types.LIST(Types.INT)));
    }

    @Test
    void recordsKeepComponentOrderAndKnowWhichComponentsCanBeNull() {
        CompositeTypeInfo<Order> order = (CompositeTypeInfo<Order>) TypeExtractor.of(Order.class);
        assertThat(order.kind()).isEqualTo(CompositeTypeInfo.Kind.RECORD);
        assertThat(order.fieldNames()).containsExactly("id", "customer", "total", "date", "status", "tags", "priority");
        assertThat(order.field(0)).isEqualTo(new CompositeTypeInfo.Field("id", Types.LONG, false));
        assertThat(order.field(5).type()).isEqualTo(Types.LIST(Types.STRING));
        assertThat(order.field(6)).isEqualTo(new CompositeTypeInfo.Field("priority", Types.INT, true));
        assertThat(order.toString()).startsWith("Order(id: Long, customer: String");
    }

    @Test
    void genericRecordsNeedTheirTypeArguments() {
        CompositeTypeInfo<?> box = (CompositeTypeInfo<?>) new TypeHint<Box<LocalDate>>() {}.typeInfo();
        assertThat(box.field(0).type()).isEqualTo(Types.LOCAL_DATE);
        assertThatThrownBy(() -> TypeExtractor.of(Box.class))
                .isInstanceOf(InvalidTypesException.class)
                .hasMessageContaining("type variable T of Box")
                .hasMessageContaining("TypeHint");
    }

    @Test
    void pojoFieldsAreSortedByNameIncludingInheritedOnes() {
        CompositeTypeInfo<Person> person = (CompositeTypeInfo<Person>) TypeExtractor.of(Person.class);
        assertThat(person.kind()).isEqualTo(CompositeTypeInfo.Kind.POJO);
        assertThat(person.fieldNames()).containsExactly("age", "baseId", "name", "scores");
        assertThat(person.field(0).nullable()).isFalse();
        assertThat(person.field(3).type()).isEqualTo(Types.LIST(Types.DOUBLE));
    }

    /** Not POJOs, for the reasons their names give. */
    public static class PrivateFieldWithoutAccessors {
        private String hidden;
    }

    public static class FinalField {
        public final int value = 1;
    }

    public static class NoDefaultConstructor {
        public int value;

        public NoDefaultConstructor(int value) {
            this.value = value;
        }
    }

    public class InnerClass {
        public int value;
    }

    @Test
    void classesThatAreNotPojosFallBackToKryo() {
        assertThat(TypeExtractor.of(PrivateFieldWithoutAccessors.class)).isInstanceOf(GenericTypeInfo.class);
        assertThat(TypeExtractor.of(FinalField.class)).isInstanceOf(GenericTypeInfo.class);
        assertThat(TypeExtractor.of(NoDefaultConstructor.class)).isInstanceOf(GenericTypeInfo.class);
        assertThat(TypeExtractor.of(InnerClass.class)).isInstanceOf(GenericTypeInfo.class);
        assertThat(TypeExtractor.of(Opaque.class)).isInstanceOf(GenericTypeInfo.class);
        assertThat(TypeExtractor.of(java.util.UUID.class)).isInstanceOf(GenericTypeInfo.class);
        assertThat(TypeExtractor.of(Object.class)).isInstanceOf(GenericTypeInfo.class);
    }

    @Test
    void aTypeThatContainsItselfIsGenericWhereItRecurses() {
        CompositeTypeInfo<?> node = (CompositeTypeInfo<?>) TypeExtractor.of(Node.class);
        assertThat(node.field(0).type()).isEqualTo(Types.STRING);
        assertThat(node.field(1).type()).isEqualTo(Types.LIST(Types.GENERIC(Node.class)));
    }

    // ------------------------------------------------------------------------------------------
    // Function output types
    // ------------------------------------------------------------------------------------------

    record Named(String name, int length) {}

    private static <OUT> TypeInfo<OUT> mapOutput(MapFunction<?, OUT> function, TypeInfo<?> input) {
        return TypeExtractor.outputType(function, MapFunction.class, List.of(input), OPERATOR);
    }

    @Test
    void aLambdaReturningARecordNeedsNoHint() {
        MapFunction<String, Named> toNamed = s -> new Named(s, s.length());
        assertThat(mapOutput(toNamed, Types.STRING)).isEqualTo(Types.of(Named.class));
    }

    @Test
    void aLambdaReturningATupleCannotBeTypedAndTheErrorSaysWhereAndHow() {
        MapFunction<String, Tuple2<String, Integer>> toTuple = s -> Tuple2.of(s, 1);
        assertThatThrownBy(() -> mapOutput(toTuple, Types.STRING))
                .isInstanceOf(InvalidTypesException.class)
                .hasMessageContaining(OPERATOR)
                .hasMessageContaining("Tuple2 without type arguments")
                .hasMessageContaining(".returns(");
    }

    @Test
    void aFlatMapLambdaCannotBeTypedButAMethodReferenceWithAGenericCollectorCan() {
        FlatMapFunction<String, String> lambda = (line, out) -> out.collect(line);
        assertThatThrownBy(
                        () -> TypeExtractor.outputType(lambda, FlatMapFunction.class, List.of(Types.STRING), OPERATOR))
                .hasMessageContaining("Collector parameter has no type argument")
                .hasMessageContaining(OPERATOR);

        FlatMapFunction<String, Tuple2<String, Integer>> reference = TypeExtractorTest::tokenize;
        assertThat(TypeExtractor.<Tuple2<String, Integer>>outputType(
                        reference, FlatMapFunction.class, List.of(Types.STRING), OPERATOR))
                .isEqualTo(Types.TUPLE(Types.STRING, Types.INT));
    }

    static void tokenize(String line, Collector<Tuple2<String, Integer>> out) {
        for (String word : line.split(" ")) {
            out.collect(Tuple2.of(word, 1));
        }
    }

    @Test
    void methodReferencesStaticUnboundAndConstructor() {
        MapFunction<String, Integer> parse = Integer::parseInt;
        MapFunction<String, Integer> length = String::length;
        MapFunction<String, StringBuilder> builder = StringBuilder::new;
        assertThat(mapOutput(parse, Types.STRING)).isEqualTo(Types.INT);
        assertThat(mapOutput(length, Types.STRING)).isEqualTo(Types.INT);
        assertThat(mapOutput(builder, Types.STRING)).isEqualTo(Types.GENERIC(StringBuilder.class));
    }

    @Test
    void aMethodReferenceToAGenericAccessorIsBoundFromTheInput() {
        MapFunction<Box<LocalDate>, LocalDate> value = Box::value;
        TypeInfo<Box<LocalDate>> boxes = new TypeHint<Box<LocalDate>>() {}.typeInfo();
        assertThat(mapOutput(value, boxes)).isEqualTo(Types.LOCAL_DATE);
    }

    @Test
    void anonymousAndNamedClassesGiveTheirTypeArguments() {
        MapFunction<String, Tuple2<String, Long>> anonymous = new MapFunction<>() {
            @Override
            public Tuple2<String, Long> map(String value) {
                return Tuple2.of(value, 1L);
            }
        };
        assertThat(mapOutput(anonymous, Types.STRING)).isEqualTo(Types.TUPLE(Types.STRING, Types.LONG));
        assertThat(mapOutput(new CountChars(), Types.STRING)).isEqualTo(Types.TUPLE(Types.STRING, Types.INT));
    }

    static final class CountChars extends RichMapFunction<String, Tuple2<String, Integer>> {
        @Override
        public Tuple2<String, Integer> map(String value) {
            return Tuple2.of(value, value.length());
        }
    }

    /** A generic function whose output type comes from its input type. */
    static final class Swap<A, B> implements MapFunction<Tuple2<A, B>, Tuple2<B, A>> {
        @Override
        public Tuple2<B, A> map(Tuple2<A, B> value) {
            return value.swap();
        }
    }

    @Test
    void genericFunctionsAreBoundFromTheirInputTypes() {
        TypeInfo<?> input = Types.TUPLE(Types.STRING, Types.LOCAL_DATE);
        assertThat(mapOutput(new Swap<String, LocalDate>(), input))
                .isEqualTo(Types.TUPLE(Types.LOCAL_DATE, Types.STRING));

        // a group reduce whose input arrives as Iterable<T>
        GroupReduceFunction<Long, List<Long>> collect = new Collect<>();
        assertThat(TypeExtractor.<List<Long>>outputType(
                        collect, GroupReduceFunction.class, List.of(Types.LONG), OPERATOR))
                .isEqualTo(Types.LIST(Types.LONG));
    }

    static final class Collect<T> implements GroupReduceFunction<T, List<T>> {
        @Override
        public void reduce(Iterable<T> values, Collector<List<T>> out) {
            List<T> all = new java.util.ArrayList<>();
            values.forEach(all::add);
            out.collect(all);
        }
    }

    static final class Unbound<T> implements MapFunction<String, T> {
        @Override
        public T map(String value) {
            return null;
        }
    }

    @Test
    void aGenericOutputNotTiedToTheInputIsAnError() {
        assertThatThrownBy(() -> mapOutput(new Unbound<Long>(), Types.STRING))
                .isInstanceOf(InvalidTypesException.class)
                .hasMessageContaining(OPERATOR)
                .hasMessageContaining("type variable T");
    }

    @Test
    void joinAndKeySelectorLambdas() {
        JoinFunction<Order, Person, Named> join = (order, person) -> new Named(person.name, (int) order.id());
        assertThat(TypeExtractor.<Named>outputType(
                        join, JoinFunction.class, List.of(Types.of(Order.class), Types.of(Person.class)), OPERATOR))
                .isEqualTo(Types.of(Named.class));

        KeySelector<Order, String> customer = Order::customer;
        assertThat(TypeExtractor.<String>outputType(
                        customer, KeySelector.class, List.of(Types.of(Order.class)), OPERATOR))
                .isEqualTo(Types.STRING);
    }

    @Test
    void aLambdaCapturingLocalValuesIsStillTyped() {
        int offset = 3;
        String suffix = "!";
        MapFunction<String, Named> shifted = s -> new Named(s + suffix, s.length() + offset);
        assertThat(mapOutput(shifted, Types.STRING)).isEqualTo(Types.of(Named.class));
    }

    @Test
    void typeHintsMustBeAnonymousSubclassesWithTheTypeFilledIn() {
        assertThatThrownBy(() -> new RawHint<String>()).hasMessageContaining("new TypeHint<");
        assertThat(
                        new TypeHint<Tuple3<Integer, String, Boolean>>() {}.typeInfo()
                                .toString())
                .isEqualTo("Tuple3<Integer, String, Boolean>");
    }

    static class RawHint<T> extends TypeHint<T> {}
}
