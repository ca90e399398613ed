package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.serialization.TestTypes.Status;
import io.weir.core.testing.ComparatorContract;
import io.weir.core.testing.Generators;
import io.weir.core.testing.SerializerContract;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For every key type and both directions: normalized keys order like {@code compare} at every prefix
 * length, serialized compare agrees with object compare, and equal keys hash equally. The order
 * itself is checked against an independent oracle: the type's own {@code compareTo}, or a
 * hand-written {@link Comparator} for composite keys.
 */
class ComparatorPropertiesTest {

    /** Checks a pair with the whole-value comparator of {@code type}, ascending and descending. */
    private static <T extends Comparable<? super T>> void checkAtomic(TypeInfo<T> type, T a, T b) {
        TypeSerializer<T> serializer = type.createSerializer(SerializerConfig.DEFAULT);
        TypeComparator<T> ascending = type.createComparator(true, SerializerConfig.DEFAULT);
        TypeComparator<T> descending = type.createComparator(false, SerializerConfig.DEFAULT);
        ComparatorContract.checkPair(ascending, serializer, a, b, Comparator.naturalOrder());
        ComparatorContract.checkPair(descending, serializer, a, b, Comparator.reverseOrder());
        ComparatorContract.checkPair(
                SerializerContract.javaRoundTrip(ascending), serializer, a, b, Comparator.naturalOrder());
    }

    @Property
    void booleansBytesShortsChars(
            @ForAll boolean a,
            @ForAll boolean b,
            @ForAll byte c,
            @ForAll byte d,
            @ForAll short e,
            @ForAll short f,
            @ForAll char g,
            @ForAll char h) {
        checkAtomic(Types.BOOLEAN, a, b);
        checkAtomic(Types.BYTE, c, d);
        checkAtomic(Types.SHORT, e, f);
        checkAtomic(Types.CHAR, g, h);
    }

    @Property
    void intsAndLongs(@ForAll int a, @ForAll int b, @ForAll long c, @ForAll long d) {
        checkAtomic(Types.INT, a, b);
        checkAtomic(Types.LONG, c, d);
        checkAtomic(Types.INT, a, a);
    }

    @Property
    void floatsAndDoublesIncludingSignedZerosAndNaN(
            @ForAll("floats") float a,
            @ForAll("floats") float b,
            @ForAll("doubles") double c,
            @ForAll("doubles") double d) {
        checkAtomic(Types.FLOAT, a, b);
        checkAtomic(Types.DOUBLE, c, d);
    }

    @Provide
    Arbitrary<Float> floats() {
        return Arbitraries.oneOf(
                Arbitraries.floats(),
                Arbitraries.of(
                        0.0f,
                        -0.0f,
                        Float.NaN,
                        Float.intBitsToFloat(0x7fc00001),
                        Float.NEGATIVE_INFINITY,
                        Float.POSITIVE_INFINITY,
                        Float.MIN_VALUE,
                        -Float.MIN_VALUE));
    }

    @Provide
    Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.of(
                        0.0,
                        -0.0,
                        Double.NaN,
                        Double.longBitsToDouble(0x7ff8000000000001L),
                        Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY,
                        Double.MIN_VALUE,
                        -Double.MIN_VALUE));
    }

    @Property(tries = 1000)
    void stringsIncludingSharedPrefixesNulCharsAndSurrogates(@ForAll("stringPairs") String[] pair) {
        checkAtomic(Types.STRING, pair[0], pair[1]);
    }

    @Provide
    Arbitrary<String[]> stringPairs() {
        Arbitrary<String> strings = Generators.strings();
        return Combinators.combine(
                        strings, strings, strings, Arbitraries.integers().between(0, 3))
                .as((prefix, x, y, mode) -> switch (mode) {
                    case 0 -> new String[] {x, y};
                    case 1 -> new String[] {prefix + x, prefix + y};
                    case 2 -> new String[] {prefix, prefix + x};
                    default -> new String[] {prefix, prefix};
                });
    }

    @Property(tries = 1000)
    void bigIntegersAndBigDecimalsWhereScaleDoesNotChangeTheValue(
            @ForAll("bigIntegerPairs") BigInteger[] integers, @ForAll("bigDecimalPairs") BigDecimal[] decimals) {
        checkAtomic(Types.BIG_INTEGER, integers[0], integers[1]);
        checkAtomic(Types.BIG_DECIMAL, decimals[0], decimals[1]);
    }

    @Provide
    Arbitrary<BigInteger[]> bigIntegerPairs() {
        return Combinators.combine(
                        Generators.bigIntegers(),
                        Generators.bigIntegers(),
                        Arbitraries.integers().between(-2, 2))
                .as((a, b, delta) -> new BigInteger[] {a, delta == 0 ? b : a.add(BigInteger.valueOf(delta))});
    }

    @Provide
    Arbitrary<BigDecimal[]> bigDecimalPairs() {
        return Combinators.combine(
                        Generators.bigDecimals(),
                        Generators.bigDecimals(),
                        Arbitraries.integers().between(0, 3))
                .as((a, b, mode) -> switch (mode) {
                    case 0 -> new BigDecimal[] {a, b};
                    case 1 -> new BigDecimal[] {a, a.setScale(a.scale() + 2)}; // 1.5 and 1.500: equal
                    case 2 -> new BigDecimal[] {a, a.add(BigDecimal.ONE.movePointLeft(14))};
                    default -> new BigDecimal[] {a, a.negate()};
                });
    }

    @Property
    void datesTimesAndInstants(
            @ForAll("dates") LocalDate a,
            @ForAll("dates") LocalDate b,
            @ForAll("times") LocalTime c,
            @ForAll("times") LocalTime d,
            @ForAll("dateTimes") LocalDateTime e,
            @ForAll("dateTimes") LocalDateTime f,
            @ForAll("instants") Instant g,
            @ForAll("instants") Instant h) {
        checkAtomic(Types.LOCAL_DATE, a, b);
        checkAtomic(Types.LOCAL_TIME, c, d);
        checkAtomic(Types.LOCAL_DATE_TIME, e, f);
        checkAtomic(Types.INSTANT, g, h);
        checkAtomic(Types.INSTANT, g, g.equals(Instant.MAX) ? g.minusNanos(1) : g.plusNanos(1));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Generators.localDates();
    }

    @Provide
    Arbitrary<LocalTime> times() {
        return Generators.localTimes();
    }

    @Provide
    Arbitrary<LocalDateTime> dateTimes() {
        return Generators.localDateTimes();
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Generators.instants();
    }

    @Property
    void enumsByOrdinal(@ForAll Status a, @ForAll Status b) {
        checkAtomic(Types.ENUM(Status.class), a, b);
    }

    /** A record for composite keys: a nullable string, an int, a nullable decimal. */
    public record Row(String name, int count, BigDecimal amount, Status status) {}

    @Provide
    Arbitrary<Row[]> rowPairs() {
        Arbitrary<Row> rows = Combinators.combine(
                        Arbitraries.strings().withChars("ab").ofMaxLength(3).injectNull(0.2),
                        Arbitraries.integers().between(-2, 2),
                        Arbitraries.of(
                                        new BigDecimal("1.0"),
                                        new BigDecimal("1.00"),
                                        new BigDecimal("-2.5"),
                                        BigDecimal.ZERO)
                                .injectNull(0.2),
                        Arbitraries.of(Status.class))
                .as(Row::new);
        return Combinators.combine(rows, rows).as((x, y) -> new Row[] {x, y});
    }

    @Property(tries = 2000)
    void compositeKeysWithNullsAndMixedDirectionsFollowAHandWrittenComparator(
            @ForAll("rowPairs") Row[] pair, @ForAll boolean nameAscending, @ForAll boolean countAscending) {
        TypeInfo<Row> type = Types.of(Row.class);
        TypeComparator<Row> comparator = Keys.<Row>fields("name", "count", "amount")
                .createComparator(type, new boolean[] {nameAscending, countAscending, true}, SerializerConfig.DEFAULT);

        Comparator<String> names = Comparator.nullsFirst(Comparator.<String>naturalOrder());
        Comparator<Row> oracle = Comparator.comparing(Row::name, nameAscending ? names : names.reversed())
                .thenComparing(
                        Row::count,
                        countAscending ? Comparator.<Integer>naturalOrder() : Comparator.<Integer>reverseOrder())
                .thenComparing(Row::amount, Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()));

        ComparatorContract.checkPair(
                comparator, type.createSerializer(SerializerConfig.DEFAULT), pair[0], pair[1], oracle);
        // shipped to another process with its task, it orders the same
        ComparatorContract.checkPair(
                SerializerContract.javaRoundTrip(comparator),
                type.createSerializer(SerializerConfig.DEFAULT),
                pair[0],
                pair[1],
                oracle);
    }

    @Property(tries = 1000)
    void fixedLengthCompositeKeysAreDecidedByTheirNormalizedKeyAlone(@ForAll("rowPairs") Row[] pair) {
        TypeInfo<Row> type = Types.of(Row.class);
        TypeComparator<Row> comparator =
                Keys.<Row>fields("status", "count").createComparator(type, SerializerConfig.DEFAULT);
        // a presence byte for the nullable enum, its 4-byte ordinal, the int's 4 bytes
        assertThat(comparator.normalizedKeyLength()).isEqualTo(9);
        assertThat(comparator.isNormalizedKeyPrefixOnly(9)).isFalse();
        assertThat(comparator.isNormalizedKeyPrefixOnly(8)).isTrue();
        ComparatorContract.checkPair(
                comparator,
                type.createSerializer(SerializerConfig.DEFAULT),
                pair[0],
                pair[1],
                Comparator.comparing(Row::status).thenComparing(Row::count));
    }

    /** A record that nests one, for keys by path. */
    public record Line(Row row, long number) {}

    @Property(tries = 1000)
    void nestedKeysByPathAndWholeNestedRecords(@ForAll("rowPairs") Row[] pair, @ForAll long n1, @ForAll long n2) {
        TypeInfo<Line> type = Types.of(Line.class);
        Line a = new Line(pair[0], n1);
        Line b = new Line(pair[1], n2 % 2);
        TypeComparator<Line> byPath =
                Keys.<Line>fields("row.count", "number").createComparator(type, SerializerConfig.DEFAULT);
        ComparatorContract.checkPair(
                byPath,
                type.createSerializer(SerializerConfig.DEFAULT),
                a,
                b,
                Comparator.comparing((Line line) -> line.row().count()).thenComparing(Line::number));

        // "row" means all of row's fields, in order
        TypeComparator<Line> byRecord = Keys.<Line>fields("row").createComparator(type, SerializerConfig.DEFAULT);
        Comparator<Row> rows = Comparator.comparing(Row::name, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
                .thenComparing(Row::count)
                .thenComparing(Row::amount, Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()))
                .thenComparing(Row::status);
        ComparatorContract.checkPair(
                byRecord, type.createSerializer(SerializerConfig.DEFAULT), a, b, Comparator.comparing(Line::row, rows));
    }

    @Property(tries = 500)
    void tupleKeysByPosition(
            @ForAll("strings") String s1, @ForAll("strings") String s2, @ForAll long l1, @ForAll long l2) {
        TypeInfo<Tuple2<String, Long>> type = new TypeHint<Tuple2<String, Long>>() {}.typeInfo();
        TypeComparator<Tuple2<String, Long>> comparator =
                Keys.<Tuple2<String, Long>>positions(1, 0).createComparator(type, SerializerConfig.DEFAULT);
        ComparatorContract.checkPair(
                comparator,
                type.createSerializer(SerializerConfig.DEFAULT),
                Tuple2.of(s1, l1),
                Tuple2.of(s2, l2 % 3 == 0 ? l1 : l2),
                Comparator.comparing((Tuple2<String, Long> t) -> t.f1).thenComparing(t -> t.f0));
    }

    @Provide
    Arbitrary<String> strings() {
        return Generators.strings();
    }

    @Property(tries = 500)
    void keySelectorsCompareByTheSelectedKey(@ForAll("rowPairs") Row[] pair) {
        TypeInfo<Row> type = Types.of(Row.class);
        TypeComparator<Row> comparator = Keys.<Row, Integer>selector(row -> Math.abs(row.count()), Types.INT)
                .createComparator(type, SerializerConfig.DEFAULT);
        ComparatorContract.checkPair(
                comparator,
                type.createSerializer(SerializerConfig.DEFAULT),
                pair[0],
                pair[1],
                Comparator.comparing((Row row) -> Math.abs(row.count())));
        ComparatorContract.checkPair(
                SerializerContract.javaRoundTrip(comparator),
                type.createSerializer(SerializerConfig.DEFAULT),
                pair[0],
                pair[1],
                Comparator.comparing((Row row) -> Math.abs(row.count())));
    }

    @Property(tries = 200)
    void keySelectorsReturningTuplesCompareAllTheirFields(@ForAll("rowPairs") Row[] pair) {
        TypeInfo<Row> type = Types.of(Row.class);
        TypeComparator<Row> comparator = Keys.<Row, Tuple2<Integer, Status>>selector(
                        row -> Tuple2.of(row.count(), row.status()), Types.TUPLE(Types.INT, Types.ENUM(Status.class)))
                .createComparator(type, SerializerConfig.DEFAULT);
        ComparatorContract.checkPair(
                comparator,
                type.createSerializer(SerializerConfig.DEFAULT),
                pair[0],
                pair[1],
                Comparator.comparing(Row::count).thenComparing(Row::status));
    }

    /** A Comparable type Weir does not know: a key through Kryo, without a normalized key. */
    public static final class Version implements Comparable<Version> {
        private final int major;
        private final int minor;

        public Version(int major, int minor) {
            this.major = major;
            this.minor = minor;
        }

        @Override
        public int compareTo(Version other) {
            return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Version v && v.major == major && v.minor == minor;
        }

        @Override
        public int hashCode() {
            return major * 31 + minor;
        }
    }

    @Property(tries = 200)
    void comparableGenericTypesAreKeysWithoutNormalizedKeys(
            @ForAll @net.jqwik.api.constraints.IntRange(max = 3) int a,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 3) int b,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 3) int c,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 3) int d) {
        TypeInfo<Version> type = Types.of(Version.class);
        assertThat(type.isKeyType()).isTrue();
        TypeComparator<Version> comparator = type.createComparator(true, SerializerConfig.DEFAULT);
        assertThat(comparator.supportsNormalizedKey()).isFalse();
        ComparatorContract.checkPair(
                comparator,
                type.createSerializer(SerializerConfig.DEFAULT),
                new Version(a, b),
                new Version(c, d),
                Comparator.naturalOrder());
    }

    @Example
    void descendingAndAscendingNormalizedKeysAreBitwiseInverse() {
        TypeComparator<Integer> ascending = Types.INT.createComparator(true, SerializerConfig.DEFAULT);
        TypeComparator<Integer> descending = Types.INT.createComparator(false, SerializerConfig.DEFAULT);
        io.weir.memory.MemorySegment segment = io.weir.memory.MemorySegment.allocateUnpooled(8);
        ascending.putNormalizedKey(5, segment, 0, 4);
        descending.putNormalizedKey(5, segment, 4, 4);
        assertThat(segment.getIntBigEndian(0)).isEqualTo(~segment.getIntBigEndian(4));
    }
}
