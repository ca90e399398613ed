package io.weir.core.types;

import io.weir.core.tuple.Tuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/** Type infos by name, for giving types explicitly: {@code .returns(Types.TUPLE(Types.STRING, Types.LONG))}. */
public final class Types {

    public static final TypeInfo<Boolean> BOOLEAN = BasicTypeInfo.BOOLEAN;
    public static final TypeInfo<Byte> BYTE = BasicTypeInfo.BYTE;
    public static final TypeInfo<Short> SHORT = BasicTypeInfo.SHORT;
    public static final TypeInfo<Character> CHAR = BasicTypeInfo.CHAR;
    public static final TypeInfo<Integer> INT = BasicTypeInfo.INT;
    public static final TypeInfo<Long> LONG = BasicTypeInfo.LONG;
    public static final TypeInfo<Float> FLOAT = BasicTypeInfo.FLOAT;
    public static final TypeInfo<Double> DOUBLE = BasicTypeInfo.DOUBLE;
    public static final TypeInfo<String> STRING = BasicTypeInfo.STRING;
    public static final TypeInfo<BigInteger> BIG_INTEGER = BasicTypeInfo.BIG_INTEGER;
    public static final TypeInfo<BigDecimal> BIG_DECIMAL = BasicTypeInfo.BIG_DECIMAL;
    public static final TypeInfo<LocalDate> LOCAL_DATE = BasicTypeInfo.LOCAL_DATE;
    public static final TypeInfo<LocalTime> LOCAL_TIME = BasicTypeInfo.LOCAL_TIME;
    public static final TypeInfo<LocalDateTime> LOCAL_DATE_TIME = BasicTypeInfo.LOCAL_DATE_TIME;
    public static final TypeInfo<Instant> INSTANT = BasicTypeInfo.INSTANT;

    private Types() {}

    /** The type info of a class, extracted. */
    public static <T> TypeInfo<T> of(Class<T> type) {
        return TypeExtractor.of(type);
    }

    /** The type info of a generic type captured by a hint. */
    public static <T> TypeInfo<T> of(TypeHint<T> hint) {
        return hint.typeInfo();
    }

    /** A tuple type of the given field types. */
    public static <T extends Tuple> TypeInfo<T> TUPLE(TypeInfo<?>... fieldTypes) {
        return CompositeTypeInfo.forTuple(List.of(fieldTypes));
    }

    public static <E> TypeInfo<List<E>> LIST(TypeInfo<E> elementType) {
        return new ListTypeInfo<>(elementType);
    }

    public static <K, V> TypeInfo<Map<K, V>> MAP(TypeInfo<K> keyType, TypeInfo<V> valueType) {
        return new MapTypeInfo<>(keyType, valueType);
    }

    public static <E> TypeInfo<E[]> OBJECT_ARRAY(TypeInfo<E> elementType) {
        return new ObjectArrayTypeInfo<>(elementType.typeClass(), elementType);
    }

    /** The type of a primitive array class, such as {@code int[].class}. */
    public static <A> TypeInfo<A> PRIMITIVE_ARRAY(Class<A> arrayClass) {
        PrimitiveArrayTypeInfo<A> info = PrimitiveArrayTypeInfo.forClass(arrayClass);
        if (info == null) {
            throw new InvalidTypesException(arrayClass.getName() + " is not an array of a primitive type");
        }
        return info;
    }

    public static <E extends Enum<E>> TypeInfo<E> ENUM(Class<E> enumClass) {
        return new EnumTypeInfo<>(enumClass);
    }

    /** A type serialized with Kryo, whatever it is. */
    public static <T> TypeInfo<T> GENERIC(Class<T> type) {
        return new GenericTypeInfo<>(type);
    }
}
