package io.weir.core.types;

import io.weir.core.serialization.AtomicKey;
import io.weir.core.serialization.BasicKey;
import io.weir.core.serialization.BigDecimalSerializer;
import io.weir.core.serialization.BigIntegerSerializer;
import io.weir.core.serialization.BooleanSerializer;
import io.weir.core.serialization.ByteSerializer;
import io.weir.core.serialization.CharSerializer;
import io.weir.core.serialization.DoubleSerializer;
import io.weir.core.serialization.FloatSerializer;
import io.weir.core.serialization.IntSerializer;
import io.weir.core.serialization.LongSerializer;
import io.weir.core.serialization.NaturalOrderComparator;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.ShortSerializer;
import io.weir.core.serialization.StringSerializer;
import io.weir.core.serialization.TemporalSerializers;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import java.io.ObjectStreamException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The built-in atomic types: primitives and their boxes, {@code String}, {@code BigInteger}, {@code
 * BigDecimal} and the {@code java.time} types. All can be keys, with normalized keys.
 */
public final class BasicTypeInfo<T> implements TypeInfo<T> {

    private static final long serialVersionUID = 1L;

    public static final BasicTypeInfo<Boolean> BOOLEAN =
            new BasicTypeInfo<>(Boolean.class, boolean.class, BooleanSerializer.INSTANCE, BasicKey.BOOLEAN);
    public static final BasicTypeInfo<Byte> BYTE =
            new BasicTypeInfo<>(Byte.class, byte.class, ByteSerializer.INSTANCE, BasicKey.BYTE);
    public static final BasicTypeInfo<Short> SHORT =
            new BasicTypeInfo<>(Short.class, short.class, ShortSerializer.INSTANCE, BasicKey.SHORT);
    public static final BasicTypeInfo<Character> CHAR =
            new BasicTypeInfo<>(Character.class, char.class, CharSerializer.INSTANCE, BasicKey.CHAR);
    public static final BasicTypeInfo<Integer> INT =
            new BasicTypeInfo<>(Integer.class, int.class, IntSerializer.INSTANCE, BasicKey.INT);
    public static final BasicTypeInfo<Long> LONG =
            new BasicTypeInfo<>(Long.class, long.class, LongSerializer.INSTANCE, BasicKey.LONG);
    public static final BasicTypeInfo<Float> FLOAT =
            new BasicTypeInfo<>(Float.class, float.class, FloatSerializer.INSTANCE, BasicKey.FLOAT);
    public static final BasicTypeInfo<Double> DOUBLE =
            new BasicTypeInfo<>(Double.class, double.class, DoubleSerializer.INSTANCE, BasicKey.DOUBLE);
    public static final BasicTypeInfo<String> STRING =
            new BasicTypeInfo<>(String.class, null, StringSerializer.INSTANCE, BasicKey.STRING);
    public static final BasicTypeInfo<BigInteger> BIG_INTEGER =
            new BasicTypeInfo<>(BigInteger.class, null, BigIntegerSerializer.INSTANCE, BasicKey.BIG_INTEGER);
    public static final BasicTypeInfo<BigDecimal> BIG_DECIMAL =
            new BasicTypeInfo<>(BigDecimal.class, null, BigDecimalSerializer.INSTANCE, BasicKey.BIG_DECIMAL);
    public static final BasicTypeInfo<LocalDate> LOCAL_DATE = new BasicTypeInfo<>(
            LocalDate.class, null, TemporalSerializers.LocalDateSerializer.INSTANCE, BasicKey.LOCAL_DATE);
    public static final BasicTypeInfo<LocalTime> LOCAL_TIME = new BasicTypeInfo<>(
            LocalTime.class, null, TemporalSerializers.LocalTimeSerializer.INSTANCE, BasicKey.LOCAL_TIME);
    public static final BasicTypeInfo<LocalDateTime> LOCAL_DATE_TIME = new BasicTypeInfo<>(
            LocalDateTime.class, null, TemporalSerializers.LocalDateTimeSerializer.INSTANCE, BasicKey.LOCAL_DATE_TIME);
    public static final BasicTypeInfo<Instant> INSTANT =
            new BasicTypeInfo<>(Instant.class, null, TemporalSerializers.InstantSerializer.INSTANCE, BasicKey.INSTANT);

    private static final List<BasicTypeInfo<?>> ALL = List.of(
            BOOLEAN,
            BYTE,
            SHORT,
            CHAR,
            INT,
            LONG,
            FLOAT,
            DOUBLE,
            STRING,
            BIG_INTEGER,
            BIG_DECIMAL,
            LOCAL_DATE,
            LOCAL_TIME,
            LOCAL_DATE_TIME,
            INSTANT);

    private final Class<T> typeClass;
    private final Class<?> primitiveClass;
    private final TypeSerializer<T> serializer;
    private final BasicKey key;

    private BasicTypeInfo(Class<T> typeClass, Class<?> primitiveClass, TypeSerializer<T> serializer, BasicKey key) {
        this.typeClass = typeClass;
        this.primitiveClass = primitiveClass;
        this.serializer = serializer;
        this.key = key;
    }

    /** The basic type info of a class (boxed or primitive), or {@code null} if it is not basic. */
    public static BasicTypeInfo<?> forClass(Class<?> type) {
        for (BasicTypeInfo<?> info : ALL) {
            if (info.typeClass == type || info.primitiveClass == type) {
                return info;
            }
        }
        return null;
    }

    @Override
    public Class<T> typeClass() {
        return typeClass;
    }

    /** The primitive class ({@code int.class} for {@code Integer}), or {@code null}. */
    public Class<?> primitiveClass() {
        return primitiveClass;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }

    @Override
    public boolean isKeyType() {
        return true;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public TypeComparator<T> createComparator(boolean ascending, SerializerConfig config) {
        return (TypeComparator<T>) new NaturalOrderComparator((TypeSerializer) serializer, (AtomicKey) key, ascending);
    }

    private Object readResolve() throws ObjectStreamException {
        BasicTypeInfo<?> canonical = forClass(typeClass);
        return canonical != null ? canonical : this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BasicTypeInfo<?> that && that.typeClass == typeClass;
    }

    @Override
    public int hashCode() {
        return typeClass.hashCode();
    }

    @Override
    public String toString() {
        return typeClass.getSimpleName();
    }
}
