package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.tuple.Tuple3;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayInputView;
import io.weir.memory.view.ByteArrayOutputView;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KeyValueLayoutTest {

    record Line(String product, LocalDate day, Long quantity, BigDecimal price, int store) {}

    record Nested(Line line, long id) {}

    /** Every primitive, none nullable: read and written at fixed offsets of a page. */
    public record Fixed(double d, long l, float f, int i, short s, byte b, char c, boolean z) {}

    static final TypeInfo<Line> LINES = Types.of(Line.class);
    static final TypeSerializer<Line> SERIALIZER = LINES.createSerializer(SerializerConfig.DEFAULT);

    static KeyValueLayout<Line> layout(String... keys) {
        return KeyValueLayout.of(SERIALIZER, Keys.<Line>fields(keys).createComparator(LINES, SerializerConfig.DEFAULT));
    }

    static Line line(Random random) {
        return new Line(
                random.nextInt(5) == 0 ? null : "p" + random.nextInt(4),
                LocalDate.ofEpochDay(random.nextInt(3)),
                random.nextInt(4) == 0 ? null : (long) random.nextInt(100),
                BigDecimal.valueOf(random.nextInt(1000), 2),
                random.nextInt(3));
    }

    static byte[] key(KeyValueLayout<Line> layout, Line line) throws IOException {
        ByteArrayOutputView out = new ByteArrayOutputView();
        layout.writeKey(line, out);
        return out.toByteArray();
    }

    @Test
    void keyBytesAreEqualExactlyWhenTheKeysAreEqual() throws IOException {
        KeyValueLayout<Line> layout = layout("store", "product", "day");
        TypeComparator<Line> comparator =
                Keys.<Line>fields("store", "product", "day").createComparator(LINES, SerializerConfig.DEFAULT);
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            Line a = line(random);
            Line b = line(random);
            assertThat(Arrays.equals(key(layout, a), key(layout, b)))
                    .as("%s vs %s", a, b)
                    .isEqualTo(comparator.compare(a, b) == 0);
        }
    }

    static Fixed fixed(Random random) {
        // few values per field, so that keys tie; the extremes and NaN among them
        double[] doubles = {0.0, -0.0, 1.5, Double.NaN, Double.MAX_VALUE};
        long[] longs = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40};
        return new Fixed(
                doubles[random.nextInt(doubles.length)],
                longs[random.nextInt(longs.length)],
                random.nextBoolean() ? Float.NaN : -random.nextInt(2),
                random.nextInt(3) - 1,
                (short) (random.nextInt(3) * Short.MIN_VALUE / 2),
                (byte) (random.nextInt(3) * 100 - 100),
                random.nextBoolean() ? 'a' : Character.MAX_VALUE,
                random.nextBoolean());
    }

    @Test
    void fixedOffsetsInAPageHaveTheBytesOfTheViewsAndFindTheSameKeys() throws IOException {
        TypeInfo<Fixed> type = Types.of(Fixed.class);
        TypeSerializer<Fixed> serializer = type.createSerializer(SerializerConfig.DEFAULT);
        String[] keys = {"z", "l", "c", "i", "s", "b"};
        Random random = new Random(13);
        MemorySegment page = MemorySegment.allocateUnpooled(256);
        for (int round = 0; round < 400; round++) {
            String[] key = Arrays.copyOf(keys, 1 + random.nextInt(keys.length));
            TypeComparator<Fixed> comparator = Keys.<Fixed>fields(key).createComparator(type, SerializerConfig.DEFAULT);
            KeyValueLayout<Fixed> layout = KeyValueLayout.of(serializer, comparator);
            assertThat(layout.hasFixedOffsets()).isTrue();
            Fixed record = fixed(random);
            int at = random.nextInt(64);
            layout.writeKey(record, page, at);
            layout.writeValue(record, page, at);
            ByteArrayOutputView out = new ByteArrayOutputView();
            layout.writeKey(record, out);
            assertThat(out.length()).isEqualTo(layout.maxKeyLength());
            layout.writeValue(record, out);
            assertThat(out.length()).isEqualTo(layout.maxKeyLength() + layout.maxValueLength());
            byte[] stored = new byte[out.length()];
            page.get(at, stored, 0, stored.length);
            assertThat(stored).as("the views' bytes").isEqualTo(out.toByteArray());
            assertThat(layout.read(page, at)).isEqualTo(record);
            assertThat(layout.read(new ByteArrayInputView(stored))).isEqualTo(record);

            Fixed other = fixed(random);
            assertThat(layout.keyEquals(other, page, at))
                    .as("%s vs %s on %s", other, record, Arrays.toString(key))
                    .isEqualTo(comparator.compare(other, record) == 0);
            if (comparator.compare(other, record) == 0) {
                assertThat(layout.readWithKeyOf(other, page, at)).isEqualTo(record);
            }
        }
        // a nullable field: no fixed offsets
        assertThat(layout("store").hasFixedOffsets()).isFalse();
    }

    @Test
    void recordsReadBackWholeOrWithTheKeyOfAnother() throws IOException {
        KeyValueLayout<Line> layout = layout("product", "store");
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            Line original = line(random);
            ByteArrayOutputView out = new ByteArrayOutputView();
            layout.writeKey(original, out);
            int keyLength = out.length();
            layout.writeValue(original, out);
            byte[] bytes = out.toByteArray();
            assertThat(layout.read(new ByteArrayInputView(bytes))).isEqualTo(original);

            Line sameKey = new Line(original.product(), LocalDate.MAX, 1L, BigDecimal.ONE, original.store());
            ByteArrayInputView values = new ByteArrayInputView(bytes);
            values.skipBytesToRead(keyLength);
            assertThat(layout.readWithKeyOf(sameKey, values)).isEqualTo(original);
        }
    }

    @Test
    void generatedCodeWritesAndReadsAsTheGenericLoopsDo() throws IOException {
        Random random = new Random(13);
        String[] fields = {"product", "day", "quantity", "store"};
        for (int i = 0; i < 300; i++) {
            String first = fields[random.nextInt(fields.length)];
            String second = fields[random.nextInt(fields.length)];
            String[] keys = first.equals(second) ? new String[] {first} : new String[] {first, second};
            TypeComparator<Line> comparator = Keys.<Line>fields(keys).createComparator(LINES, SerializerConfig.DEFAULT);
            KeyValueLayout<Line> generated = KeyValueLayout.of(SERIALIZER, comparator, true);
            KeyValueLayout<Line> loops = KeyValueLayout.of(SERIALIZER, comparator, false);
            assertThat(generated.isGenerated()).isTrue();
            assertThat(loops.isGenerated()).isFalse();
            Line original = line(random);
            ByteArrayOutputView expected = new ByteArrayOutputView();
            loops.writeKey(original, expected);
            int keyLength = expected.length();
            loops.writeValue(original, expected);
            ByteArrayOutputView actual = new ByteArrayOutputView();
            generated.writeKey(original, actual);
            assertThat(actual.length()).isEqualTo(keyLength);
            generated.writeValue(original, actual);
            byte[] bytes = expected.toByteArray();
            assertThat(actual.toByteArray()).isEqualTo(bytes);
            assertThat(generated.read(new ByteArrayInputView(bytes)))
                    .isEqualTo(loops.read(new ByteArrayInputView(bytes)));
            Line sameKey = generated.read(new ByteArrayInputView(bytes));
            ByteArrayInputView values = new ByteArrayInputView(bytes);
            values.skipBytesToRead(keyLength);
            assertThat(generated.readWithKeyOf(sameKey, values)).isEqualTo(original);
        }
    }

    @Test
    void keysThatBytesCannotDecideHaveNoLayout() {
        assertThat(layout("product", "day")).isNotNull();
        assertThat(layout("price"))
                .as("1.0 and 1.00 are equal keys with different bytes")
                .isNull();
        TypeInfo<Tuple3<Double, Long, String>> tuples = new TypeHint<Tuple3<Double, Long, String>>() {}.typeInfo();
        TypeSerializer<Tuple3<Double, Long, String>> tupleSerializer =
                tuples.createSerializer(SerializerConfig.DEFAULT);
        assertThat(KeyValueLayout.of(
                        tupleSerializer,
                        Keys.<Tuple3<Double, Long, String>>positions(0)
                                .createComparator(tuples, SerializerConfig.DEFAULT)))
                .as("-0.0 and 0.0")
                .isNull();
        assertThat(KeyValueLayout.of(
                        tupleSerializer,
                        Keys.<Tuple3<Double, Long, String>>positions(2, 1)
                                .createComparator(tuples, SerializerConfig.DEFAULT)))
                .isNotNull();
        TypeInfo<Nested> nested = Types.of(Nested.class);
        assertThat(KeyValueLayout.of(
                        nested.createSerializer(SerializerConfig.DEFAULT),
                        Keys.<Nested>fields("line.product").createComparator(nested, SerializerConfig.DEFAULT)))
                .as("a nested key")
                .isNull();
        assertThat(KeyValueLayout.of(
                        SERIALIZER,
                        Keys.<Line, String>selector(Line::product, Types.STRING)
                                .createComparator(LINES, SerializerConfig.DEFAULT)))
                .as("a key selector")
                .isNull();
    }

    /** Another record keyed by a {@code long}, a nullable {@code Long}, an {@code int} or a {@code String}. */
    public record Visit(long store, Long quantity, int day, String product) {}

    @Test
    void keysOfTwoTypesAreWrittenAlikeOnlyWhenTheirFieldsAreSerializedAndNullableAlike() {
        TypeInfo<Visit> visits = Types.of(Visit.class);
        TypeSerializer<Visit> serializer = visits.createSerializer(SerializerConfig.DEFAULT);
        Function<String, KeyValueLayout<Visit>> visit = field -> KeyValueLayout.of(
                serializer, Keys.<Visit>fields(field).createComparator(visits, SerializerConfig.DEFAULT));
        TypeInfo<Fixed> fixedType = Types.of(Fixed.class);
        KeyValueLayout<Fixed> fixedByLong = KeyValueLayout.of(
                fixedType.createSerializer(SerializerConfig.DEFAULT),
                Keys.<Fixed>fields("l").createComparator(fixedType, SerializerConfig.DEFAULT));

        assertThat(visit.apply("store").writesKeysLike(fixedByLong))
                .as("long and long")
                .isTrue();
        assertThat(visit.apply("quantity").writesKeysLike(layout("quantity")))
                .as("Long and Long, both nullable")
                .isTrue();
        assertThat(visit.apply("product").writesKeysLike(layout("product")))
                .as("String and String")
                .isTrue();
        assertThat(visit.apply("quantity").writesKeysLike(fixedByLong))
                .as("a nullable Long and a long: a presence byte apart")
                .isFalse();
        assertThat(visit.apply("day").writesKeysLike(layout("store")))
                .as("int and int")
                .isTrue();
        assertThat(visit.apply("day").writesKeysLike(fixedByLong))
                .as("int and long")
                .isFalse();
        assertThat(visit.apply("store").writesKeysLike(layout("product", "store")))
                .as("one key field and two")
                .isFalse();
    }
}
