package io.weir.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.serialization.TestTypes.Order;
import io.weir.core.serialization.TestTypes.Person;
import io.weir.core.serialization.TestTypes.Shipment;
import io.weir.core.serialization.TestTypes.Status;
import io.weir.core.testing.Generators;
import io.weir.core.tuple.Tuple;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.view.ByteArrayInputView;
import io.weir.memory.view.ByteArrayOutputView;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The generated codecs against their oracle, {@link CompositeSerializer}'s generic loops: the same
 * bytes for every value, and either reads what the other wrote.
 */
class FieldCodecsTest {

    /** Every primitive, as components and as boxes, with nulls. */
    public record Primitives(
            long l,
            int i,
            double d,
            float f,
            short s,
            byte b,
            char c,
            boolean z,
            Long boxedLong,
            Integer boxedInt,
            Double boxedDouble,
            Boolean boxedBoolean,
            String text) {}

    /** A record the test's package sees but the rest of the world does not, with a private constructor. */
    private record Hidden(long id, String name) {
        private Hidden {}
    }

    /** The fields of {@link #WIDE}. */
    private static final Class<?>[] WIDE_FIELDS = {
        String.class,
        Long.class,
        Integer.class,
        String.class,
        Double.class,
        String.class,
        Long.class,
        String.class,
        Integer.class,
        String.class,
        Long.class
    };

    /** A tuple of many nullable fields: a bitmap of more than one byte. */
    private static final TypeInfo<Tuple> WIDE = Types.TUPLE(
            Types.STRING,
            Types.LONG,
            Types.INT,
            Types.STRING,
            Types.DOUBLE,
            Types.STRING,
            Types.LONG,
            Types.STRING,
            Types.INT,
            Types.STRING,
            Types.LONG);

    @Property(tries = 200)
    void primitivesAndBoxesAreWrittenAsTheGenericLoopWritesThem(@ForAll("primitives") Primitives value)
            throws IOException {
        assertSameAsGenericLoop(Types.of(Primitives.class), value);
    }

    @Provide
    Arbitrary<Primitives> primitives() {
        Arbitrary<Primitives> first = Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.integers(),
                        Arbitraries.doubles(),
                        Arbitraries.floats(),
                        Arbitraries.shorts(),
                        Arbitraries.bytes(),
                        Arbitraries.chars(),
                        Arbitraries.of(true, false))
                .as((l, i, d, f, s, b, c, z) -> new Primitives(l, i, d, f, s, b, c, z, null, null, null, null, null));
        return Combinators.combine(
                        first,
                        Arbitraries.longs().injectNull(0.3),
                        Arbitraries.integers().injectNull(0.3),
                        Arbitraries.doubles().injectNull(0.3),
                        Arbitraries.of(true, false).injectNull(0.3),
                        Generators.strings().injectNull(0.3))
                .as((p, boxedLong, boxedInt, boxedDouble, boxedBoolean, text) -> new Primitives(
                        p.l(),
                        p.i(),
                        p.d(),
                        p.f(),
                        p.s(),
                        p.b(),
                        p.c(),
                        p.z(),
                        boxedLong,
                        boxedInt,
                        boxedDouble,
                        boxedBoolean,
                        text));
    }

    @Property(tries = 100)
    void nestedRecordsPojosAndTuplesAreWrittenAsTheGenericLoopWritesThem(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        Order order = new Order(
                random.nextLong(),
                random.nextBoolean() ? null : "c" + random.nextInt(),
                random.nextBoolean() ? null : java.math.BigDecimal.valueOf(random.nextInt(), 2),
                random.nextBoolean() ? null : java.time.LocalDate.ofEpochDay(random.nextInt(30_000)),
                random.nextBoolean() ? null : Status.values()[random.nextInt(3)],
                random.nextBoolean() ? null : List.of("t" + random.nextInt()),
                random.nextBoolean() ? null : random.nextInt());
        assertSameAsGenericLoop(Types.of(Order.class), order);
        assertSameAsGenericLoop(
                Types.of(Shipment.class),
                new Shipment(
                        random.nextBoolean() ? null : order,
                        random.nextBoolean() ? null : Map.of("k", random.nextLong()),
                        random.nextBoolean() ? null : new int[] {random.nextInt()},
                        random.nextDouble()));
        assertSameAsGenericLoop(
                Types.of(Person.class),
                new Person(random.nextLong(), random.nextBoolean() ? null : "p", random.nextInt(), null));
        assertSameAsGenericLoop(
                new TypeHint<Tuple3<String, Long, List<Integer>>>() {}.typeInfo(),
                Tuple3.of(
                        random.nextBoolean() ? null : "s",
                        random.nextBoolean() ? null : random.nextLong(),
                        random.nextBoolean() ? null : List.of(random.nextInt())));
        Tuple wide = Tuple.newInstance(WIDE_FIELDS.length);
        for (int field = 0; field < WIDE_FIELDS.length; field++) {
            if (random.nextInt(3) > 0) {
                Class<?> kind = WIDE_FIELDS[field];
                wide.setField(
                        kind == String.class
                                ? "f" + random.nextInt()
                                : kind == Long.class
                                        ? (Object) random.nextLong()
                                        : kind == Integer.class ? (Object) random.nextInt() : random.nextDouble(),
                        field);
            }
        }
        assertSameAsGenericLoop(WIDE, wide);
        assertSameAsGenericLoop(Types.of(Hidden.class), new Hidden(random.nextLong(), "h" + random.nextInt()));
    }

    @Property(tries = 100)
    void generatedKeyFunctionsAgreeWithTheGenericLoops(@ForAll long seed) {
        Random random = new Random(seed);
        TypeInfo<Primitives> type = Types.of(Primitives.class);
        String[] names = {"l", "i", "d", "c", "z", "boxedLong", "boxedDouble", "boxedBoolean", "text"};
        int keyCount = 1 + random.nextInt(3);
        String[] keyNames = new String[keyCount];
        boolean[] ascending = new boolean[keyCount];
        for (int k = 0; k < keyCount; k++) {
            keyNames[k] = names[random.nextInt(names.length)];
            ascending[k] = random.nextBoolean();
        }
        if (new java.util.HashSet<>(List.of(keyNames)).size() < keyCount) {
            return; // a key field twice is not a key
        }
        CompositeComparator<Primitives> comparator = (CompositeComparator<Primitives>)
                Keys.<Primitives>fields(keyNames).createComparator(type, ascending, SerializerConfig.DEFAULT);
        assertThat(comparator.generated()).isNotNull();
        List<Primitives> values = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            // few distinct values per field, so that keys tie and nulls meet nulls
            values.add(new Primitives(
                    random.nextInt(3) - 1,
                    random.nextInt(3),
                    random.nextInt(3) * 0.5,
                    0f,
                    (short) 0,
                    (byte) 0,
                    (char) ('a' + random.nextInt(2)),
                    random.nextBoolean(),
                    random.nextBoolean() ? null : (long) random.nextInt(2),
                    null,
                    random.nextBoolean() ? null : (double) random.nextInt(2),
                    random.nextBoolean() ? null : random.nextBoolean(),
                    random.nextBoolean() ? null : "t" + random.nextInt(2)));
        }
        for (Primitives a : values) {
            assertThat(comparator.hash(a)).isEqualTo(comparator.hashFields(a));
            assertThat(comparator.extractKeys(a)).isEqualTo(comparator.extractFields(a));
            for (Primitives b : values) {
                assertThat(Integer.signum(comparator.compare(a, b)))
                        .isEqualTo(Integer.signum(comparator.compareFields(a, b)));
                Object[] key = comparator.extractFields(b);
                assertThat(Integer.signum(comparator.compareKeyWith(a, key)))
                        .isEqualTo(Integer.signum(comparator.compareFieldsWith(a, key)));
            }
        }
    }

    @Property(tries = 100)
    void generatedFieldsBuildAndReadValuesAsReflectionDoes(@ForAll("primitives") Primitives value) throws Throwable {
        CompositeFields fields = FieldCodecs.fields(new RecordAccess<>(Primitives.class));
        assertThat(fields).isNotNull();
        java.lang.reflect.RecordComponent[] components = Primitives.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = components[i].getAccessor().invoke(value);
            assertThat(fields.get(value, i)).isEqualTo(values[i]);
        }
        assertThat(fields.create(values)).isEqualTo(value);
        assertThatThrownBy(() -> fields.get(value, values.length)).isInstanceOf(IndexOutOfBoundsException.class);

        Person person = new Person(value.l(), value.text(), value.i(), List.of(value.d()));
        CompositeSerializer<Person> people = composite(Types.of(Person.class));
        CompositeFields pojo = FieldCodecs.fields(people.access());
        assertThat(pojo).isNotNull();
        Object[] personFields = new Object[people.arity()];
        for (int i = 0; i < personFields.length; i++) {
            personFields[i] = pojo.get(person, i);
        }
        assertThat(java.util.Arrays.asList(personFields))
                .containsExactlyInAnyOrder(person.baseId, person.name, person.getAge(), person.scores);
        assertThat(pojo.create(personFields)).isEqualTo(person);
    }

    @Example
    void everyCompositeKindOfTheClassPathGetsACodec() {
        for (TypeInfo<?> type : List.of(
                Types.of(Primitives.class),
                Types.of(Order.class),
                Types.of(Shipment.class),
                Types.of(Person.class),
                Types.of(Hidden.class),
                WIDE)) {
            CompositeSerializer<?> serializer = composite(type);
            assertThat(codecOf(serializer)).as("%s", type).isNotNull();
        }
    }

    @Example
    void aRecordOfAJarsOwnClassLoaderTakesTheGenericLoopsAndStillRoundTrips() throws Exception {
        assertThat(roundTripsFrom(new IsolatingLoader(Primitives.class))).isNull();
    }

    @Example
    void aRecordOfALoaderThatLetsWeirDefineClassesGetsACodecAndRoundTrips() throws Exception {
        assertThat(roundTripsFrom(new GeneratingLoader(Primitives.class))).isNotNull();
    }

    /** Round-trips a {@link Primitives} of the loader's own copy of the class; the copy's codec or null. */
    private static FieldCodec roundTripsFrom(IsolatingLoader loader) throws Exception {
        Class<?> isolated = loader.loadClass(Primitives.class.getName());
        assertThat(isolated).isNotSameAs(Primitives.class);
        @SuppressWarnings("unchecked")
        Class<Object> isolatedClass = (Class<Object>) isolated;
        TypeInfo<Object> type = Types.of(isolatedClass);
        CompositeSerializer<Object> serializer = composite(type);
        Object value = isolated.getDeclaredConstructors()[0].newInstance(
                1L, 2, 3.0, 4f, (short) 5, (byte) 6, 'x', true, 7L, null, 8.0, false, "nine");
        ByteArrayOutputView out = new ByteArrayOutputView(64);
        serializer.serialize(value, out);
        assertThat(serializer.deserialize(new ByteArrayInputView(out.buffer(), 0, out.length())))
                .isEqualTo(value);
        return codecOf(serializer);
    }

    private static <T> void assertSameAsGenericLoop(TypeInfo<T> type, T value) throws IOException {
        CompositeSerializer<T> serializer = composite(type);
        FieldCodec codec = codecOf(serializer);
        assertThat(codec).as("a codec for %s", type).isNotNull();
        ByteArrayOutputView generic = new ByteArrayOutputView(64);
        serializer.serializeFields(value, generic);
        ByteArrayOutputView generated = new ByteArrayOutputView(64);
        codec.serialize(value, generated);
        assertThat(generated.toByteArray()).isEqualTo(generic.toByteArray());
        Object read = codec.deserialize(new ByteArrayInputView(generic.buffer(), 0, generic.length()));
        assertThat(bytes(serializer, cast(read))).isEqualTo(generic.toByteArray());
        T readByLoop = serializer.deserializeFields(new ByteArrayInputView(generated.buffer(), 0, generated.length()));
        assertThat(bytes(serializer, readByLoop)).isEqualTo(generic.toByteArray());
    }

    private static <T> byte[] bytes(CompositeSerializer<T> serializer, T value) throws IOException {
        ByteArrayOutputView out = new ByteArrayOutputView(64);
        serializer.serializeFields(value, out);
        return out.toByteArray();
    }

    private static FieldCodec codecOf(CompositeSerializer<?> serializer) {
        return FieldCodecs.create(serializer.access(), serializer.fieldSerializers(), serializer.nullableFields());
    }

    @SuppressWarnings("unchecked")
    private static <T> CompositeSerializer<T> composite(TypeInfo<T> type) {
        return (CompositeSerializer<T>) type.createSerializer(SerializerConfig.DEFAULT);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** An isolating loader that, as {@code bin/weir run}'s job loader does, lets Weir define classes in it. */
    private static final class GeneratingLoader extends IsolatingLoader implements CodeGenerationLoader {
        GeneratingLoader(Class<?> isolated) {
            super(isolated);
        }

        @Override
        public Class<?> defineGeneratedClass(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** Loads one class from its bytes itself, as a job's jar loader would; delegates the rest. */
    private static class IsolatingLoader extends ClassLoader {
        private final Class<?> isolated;

        IsolatingLoader(Class<?> isolated) {
            super(FieldCodecsTest.class.getClassLoader());
            this.isolated = isolated;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(isolated.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
                try (InputStream in = isolated.getResourceAsStream(file)) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
