package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.TestTypes.Box;
import io.weir.core.serialization.TestTypes.Node;
import io.weir.core.serialization.TestTypes.Opaque;
import io.weir.core.serialization.TestTypes.Order;
import io.weir.core.serialization.TestTypes.Person;
import io.weir.core.serialization.TestTypes.Shipment;
import io.weir.core.serialization.TestTypes.Status;
import io.weir.core.testing.Generators;
import io.weir.core.testing.SerializerContract;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple25;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every serializer round-trips through pages, copies byte for byte, and survives being shipped. */
class SerializerPropertiesTest {

    @Property(tries = 100)
    void booleansBytesShortsAndChars(
            @ForAll List<Boolean> booleans,
            @ForAll List<Byte> bytes,
            @ForAll List<Short> shorts,
            @ForAll List<Character> chars) {
        SerializerContract.check(Types.BOOLEAN, booleans);
        SerializerContract.check(Types.BYTE, bytes);
        SerializerContract.check(Types.SHORT, shorts);
        SerializerContract.check(Types.CHAR, chars);
    }

    @Property(tries = 100)
    void intsLongsFloatsAndDoubles(
            @ForAll List<Integer> ints,
            @ForAll List<Long> longs,
            @ForAll List<Float> floats,
            @ForAll List<Double> doubles) {
        SerializerContract.check(Types.INT, ints);
        SerializerContract.check(Types.LONG, longs);
        SerializerContract.check(Types.FLOAT, floats);
        SerializerContract.check(Types.DOUBLE, doubles);
    }

    @Property(tries = 200)
    void strings(@ForAll("strings") List<String> strings) {
        SerializerContract.check(Types.STRING, strings);
    }

    @Provide
    Arbitrary<List<String>> strings() {
        return Generators.strings().list().ofMaxSize(20);
    }

    @Example
    void loneSurrogatesAndQuestionMarksSurviveTheAsciiFastPath() {
        SerializerContract.check(
                Types.STRING, List.of("\uD800", "a?\uDC00b", "??", "x\uD83D\uDE00?", "?".repeat(300) + "\uDBFF"));
    }

    @Example
    void aLongStringOfEveryCharSize() {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < 70_000; c += 7) {
            text.append((char) (c & 0xFFFF));
        }
        SerializerContract.check(Types.STRING, List.of(text.toString(), "", "x"));
    }

    @Property(tries = 200)
    void bigIntegersAndBigDecimals(
            @ForAll("bigIntegers") List<BigInteger> integers, @ForAll("bigDecimals") List<BigDecimal> decimals) {
        SerializerContract.check(Types.BIG_INTEGER, integers);
        SerializerContract.check(Types.BIG_DECIMAL, decimals);
    }

    @Example
    void decimalsKeepTheirScale() {
        SerializerContract.check(
                Types.BIG_DECIMAL, List.of(new BigDecimal("1.10"), new BigDecimal("1.1"), new BigDecimal("1E+5")));
        TypeSerializer<BigDecimal> serializer = Types.BIG_DECIMAL.createSerializer(SerializerConfig.DEFAULT);
        assertThat(roundTrip(serializer, new BigDecimal("1.10")).scale()).isEqualTo(2);
    }

    @Example
    void aDecimalIsWrittenTheSameWhetherItsUnscaledValueIsCompactOrABigInteger() {
        TypeSerializer<BigDecimal> serializer = Types.BIG_DECIMAL.createSerializer(SerializerConfig.DEFAULT);
        List<BigInteger> unscaled = List.of(
                BigInteger.ZERO,
                BigInteger.valueOf(-123_456),
                BigInteger.TEN.pow(18).subtract(BigInteger.ONE), // 18 digits
                BigInteger.TEN.pow(18), // 19 digits, still a long
                BigInteger.valueOf(Long.MIN_VALUE),
                BigInteger.TWO.pow(63), // not a long
                BigInteger.TEN.pow(30).negate());
        for (BigInteger value : unscaled) {
            for (int scale : new int[] {-3, 0, 2, 17}) {
                BigDecimal inflated = new BigDecimal(value, scale);
                BigDecimal compact =
                        value.bitLength() < 64 ? BigDecimal.valueOf(value.longValueExact(), scale) : inflated;
                assertThat(bytesOf(serializer, compact)).isEqualTo(bytesOf(serializer, inflated));
                BigDecimal back = roundTrip(serializer, compact);
                assertThat(back.unscaledValue()).isEqualTo(value);
                assertThat(back.scale()).isEqualTo(scale);
            }
        }
        SerializerContract.check(Types.BIG_DECIMAL, List.of(new BigDecimal(BigInteger.TEN.pow(18), 4)));
    }

    @Provide
    Arbitrary<List<BigInteger>> bigIntegers() {
        return Generators.bigIntegers().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<BigDecimal>> bigDecimals() {
        return Generators.bigDecimals().list().ofMaxSize(20);
    }

    @Property(tries = 100)
    void dateAndTimeTypes(
            @ForAll("dates") List<LocalDate> dates,
            @ForAll("times") List<LocalTime> times,
            @ForAll("dateTimes") List<LocalDateTime> dateTimes,
            @ForAll("instants") List<Instant> instants) {
        SerializerContract.check(Types.LOCAL_DATE, dates);
        SerializerContract.check(Types.LOCAL_TIME, times);
        SerializerContract.check(Types.LOCAL_DATE_TIME, dateTimes);
        SerializerContract.check(Types.INSTANT, instants);
    }

    @Provide
    Arbitrary<List<LocalDate>> dates() {
        return Generators.localDates().list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<LocalTime>> times() {
        return Generators.localTimes().list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<LocalDateTime>> dateTimes() {
        return Generators.localDateTimes().list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Instant>> instants() {
        return Generators.instants().list().ofMaxSize(10);
    }

    @Property(tries = 100)
    void enums(@ForAll List<Status> statuses) {
        SerializerContract.check(Types.ENUM(Status.class), statuses);
    }

    @Property(tries = 100)
    void primitiveArrays(
            @ForAll List<int[]> ints,
            @ForAll List<long[]> longs,
            @ForAll List<double[]> doubles,
            @ForAll List<byte[]> bytes,
            @ForAll List<boolean[]> booleans,
            @ForAll List<char[]> chars,
            @ForAll List<short[]> shorts,
            @ForAll List<float[]> floats) {
        SerializerContract.check(Types.PRIMITIVE_ARRAY(int[].class), ints);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(long[].class), longs);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(double[].class), doubles);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(byte[].class), bytes);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(boolean[].class), booleans);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(char[].class), chars);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(short[].class), shorts);
        SerializerContract.check(Types.PRIMITIVE_ARRAY(float[].class), floats);
    }

    @Property(tries = 100)
    void objectArraysListsAndMapsWithNullElements(@ForAll("nullableStrings") List<List<String>> lists) {
        SerializerContract.check(Types.LIST(Types.STRING), lists);
        List<String[]> arrays =
                lists.stream().map(list -> list.toArray(String[]::new)).toList();
        SerializerContract.check(Types.OBJECT_ARRAY(Types.STRING), arrays);
        List<Map<String, Integer>> maps = new ArrayList<>();
        for (List<String> list : lists) {
            Map<String, Integer> map = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                map.put(list.get(i), i % 3 == 0 ? null : i);
            }
            maps.add(map);
        }
        SerializerContract.check(Types.MAP(Types.STRING, Types.INT), maps);
    }

    @Provide
    Arbitrary<List<List<String>>> nullableStrings() {
        return Generators.strings().injectNull(0.2).list().ofMaxSize(8).list().ofMaxSize(8);
    }

    @Property(tries = 100)
    void recordsWithNullableAndNestedComponents(@ForAll("shipments") List<Shipment> shipments) {
        SerializerContract.check(Types.of(Shipment.class), shipments);
        SerializerContract.check(
                Types.of(Order.class),
                shipments.stream()
                        .map(Shipment::order)
                        .filter(java.util.Objects::nonNull)
                        .toList());
    }

    @Provide
    Arbitrary<List<Shipment>> shipments() {
        Arbitrary<Order> orders = Combinators.combine(
                        Arbitraries.longs(),
                        Generators.strings().injectNull(0.2),
                        Generators.bigDecimals().injectNull(0.2),
                        Generators.localDates().injectNull(0.2),
                        Arbitraries.of(Status.class).injectNull(0.2),
                        Generators.strings().list().ofMaxSize(3).injectNull(0.2),
                        Arbitraries.integers().injectNull(0.5))
                .as(Order::new);
        Arbitrary<Map<String, Long>> counts =
                Arbitraries.maps(Generators.strings(), Arbitraries.longs()).ofMaxSize(3);
        Arbitrary<Shipment> shipment = Combinators.combine(
                        orders.injectNull(0.1),
                        counts.injectNull(0.1),
                        Arbitraries.integers().array(int[].class).ofMaxSize(4).injectNull(0.1),
                        Arbitraries.doubles())
                .as(Shipment::new);
        return shipment.list().ofMaxSize(10);
    }

    @Property(tries = 100)
    void pojosWithInheritedAndPrivateFields(@ForAll("people") List<Person> people) {
        SerializerContract.check(Types.of(Person.class), people);
    }

    @Provide
    Arbitrary<List<Person>> people() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Generators.strings().injectNull(0.3),
                        Arbitraries.integers(),
                        Arbitraries.doubles().list().ofMaxSize(3).injectNull(0.3))
                .as(Person::new)
                .list()
                .ofMaxSize(10);
    }

    @Property(tries = 100)
    void tuplesWithNullFields(@ForAll("tuples") List<Tuple3<String, Long, List<Integer>>> tuples) {
        SerializerContract.check(new TypeHint<Tuple3<String, Long, List<Integer>>>() {}.typeInfo(), tuples);
    }

    @Provide
    Arbitrary<List<Tuple3<String, Long, List<Integer>>>> tuples() {
        return Combinators.combine(
                        Generators.strings().injectNull(0.2),
                        Arbitraries.longs().injectNull(0.2),
                        Arbitraries.integers().list().ofMaxSize(3).injectNull(0.2))
                .as(Tuple3::of)
                .list()
                .ofMaxSize(10);
    }

    @Example
    void aTupleOfTwentyFiveFieldsWithMoreThanEightNullableFields() {
        TypeInfo<
                        Tuple25<
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer>>
                type = Types.TUPLE(Collections.nCopies(25, Types.INT).toArray(TypeInfo[]::new));
        List<
                        Tuple25<
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer,
                                Integer>>
                values = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            var tuple = new Tuple25<
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer,
                    Integer>();
            for (int f = 0; f < 25; f++) {
                tuple.setField((f * 7 + n) % 5 == 0 ? null : f * n, f);
            }
            values.add(tuple);
        }
        SerializerContract.check(type, values);
    }

    @Property(tries = 50)
    void genericRecordsBoundByATypeHint(@ForAll("boxes") List<Box<List<String>>> boxes) {
        SerializerContract.check(new TypeHint<Box<List<String>>>() {}.typeInfo(), boxes);
    }

    @Provide
    Arbitrary<List<Box<List<String>>>> boxes() {
        return Combinators.combine(Generators.strings().list().ofMaxSize(3).injectNull(0.2), Arbitraries.integers())
                .as(Box::new)
                .list()
                .ofMaxSize(5);
    }

    @Property(tries = 50)
    void kryoFallbackForClassesWeirCannotTakeApart(@ForAll("opaques") List<Opaque> values) {
        SerializerContract.check(Types.of(Opaque.class), values);
    }

    @Provide
    Arbitrary<List<Opaque>> opaques() {
        return Combinators.combine(
                        Generators.strings(),
                        Arbitraries.integers().array(int[].class).ofMaxSize(5))
                .as(Opaque::new)
                .list()
                .ofMaxSize(5);
    }

    @Example
    void kryoHandlesJdkWrappersAndImmutableCollections() {
        List<Object> values = List.of(
                Collections.unmodifiableList(new ArrayList<>(List.of("a", "b"))),
                Collections.unmodifiableMap(new LinkedHashMap<>(Map.of("k", 1))),
                Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(1, 2))),
                Collections.synchronizedList(new ArrayList<>(List.of(3))),
                List.of(1, 2, 3),
                Map.of("x", "y"),
                Arrays.asList("p", "q"),
                Collections.emptyList(),
                Collections.singletonList("s"),
                new java.util.TreeMap<>(Map.of("b", 2, "a", 1)),
                java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                java.net.URI.create("hdfs://namenode:8020/data/part-0"));
        SerializerContract.check(Types.GENERIC(Object.class), values);
    }

    @Example
    void recursiveTypesSerializeTheirNestedOccurrencesWithKryo() {
        Node tree =
                new Node("root", List.of(new Node("a", List.of()), new Node("b", List.of(new Node("c", List.of())))));
        SerializerContract.check(Types.of(Node.class), List.of(tree, new Node("leaf", List.of())));
    }

    @Example
    void forbiddingTheKryoFallbackNamesTheClassAndTheOption() {
        SerializerConfig noKryo = SerializerConfig.DEFAULT.withGenericTypesAllowed(false);
        assertThatThrownBy(() -> Types.of(Opaque.class).createSerializer(noKryo))
                .isInstanceOf(InvalidTypesException.class)
                .hasMessageContaining(Opaque.class.getName())
                .hasMessageContaining("pipeline.generic-types");
        // a record of known types needs no Kryo
        assertThat(Types.of(Order.class).createSerializer(noKryo)).isInstanceOf(CompositeSerializer.class);
    }

    @Example
    void fixedLengthIsKnownForCompositesOfFixedLengthPrimitives() {
        record Point(int x, long y, double z) {}
        assertThat(Types.of(Point.class)
                        .createSerializer(SerializerConfig.DEFAULT)
                        .length())
                .isEqualTo(20);
        // a nullable (boxed) field makes the length variable
        assertThat(Types.of(Order.class)
                        .createSerializer(SerializerConfig.DEFAULT)
                        .length())
                .isEqualTo(-1);
        SerializerContract.check(
                Types.of(Point.class), List.of(new Point(1, 2, 3), new Point(-1, Long.MIN_VALUE, Double.NaN)));
    }

    @Example
    void immutableRecordsAreNotCopiedButPojosAndTuplesAre() {
        record Point(int x, String label) {}
        Point point = new Point(1, "a");
        assertThat(Types.of(Point.class)
                        .createSerializer(SerializerConfig.DEFAULT)
                        .copy(point))
                .isSameAs(point);
        TypeSerializer<Tuple2<String, Integer>> tuples =
                new TypeHint<Tuple2<String, Integer>>() {}.typeInfo().createSerializer(SerializerConfig.DEFAULT);
        Tuple2<String, Integer> tuple = Tuple2.of("a", 1);
        assertThat(tuples.copy(tuple)).isEqualTo(tuple).isNotSameAs(tuple);
        // a mutable field is copied too, not shared
        TypeSerializer<Tuple2<String, long[]>> withArrays =
                new TypeHint<Tuple2<String, long[]>>() {}.typeInfo().createSerializer(SerializerConfig.DEFAULT);
        Tuple2<String, long[]> holding = Tuple2.of("a", new long[] {1, 2});
        Tuple2<String, long[]> copied = withArrays.copy(holding);
        assertThat(copied).isNotSameAs(holding);
        assertThat(copied.f1).isEqualTo(holding.f1).isNotSameAs(holding.f1);
        assertThat(copied.f0).isSameAs(holding.f0);
    }

    private static <T> byte[] bytesOf(TypeSerializer<T> serializer, T value) {
        try {
            io.weir.memory.view.ByteArrayOutputView out = new io.weir.memory.view.ByteArrayOutputView();
            serializer.serialize(value, out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T roundTrip(TypeSerializer<T> serializer, T value) {
        try {
            io.weir.memory.view.ByteArrayOutputView out = new io.weir.memory.view.ByteArrayOutputView();
            serializer.serialize(value, out);
            return serializer.deserialize(new io.weir.memory.view.ByteArrayInputView(out.toByteArray()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
