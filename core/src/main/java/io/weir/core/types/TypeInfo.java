package io.weir.core.types;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import java.io.Serializable;

/**
 * What Weir knows about the type of a data set's records before the job runs: how to serialize them
 * and, for types that can be keys, how to compare and hash them.
 *
 * <p>Type infos come from {@link Types} (explicitly), from {@link TypeExtractor} (from a class, a
 * {@link TypeHint}, or a function's signature), and describe records, POJOs and tuples field by
 * field so that keys can name fields. Anything Weir has no specialised serializer for is a {@link
 * GenericTypeInfo}, serialized by Kryo.
 */
public interface TypeInfo<T> extends Serializable {

    /** The class of the values (the boxed class for primitives). */
    Class<T> typeClass();

    /** A serializer for the values. */
    TypeSerializer<T> createSerializer(SerializerConfig config);

    /** Whether values can be keys: ordered, hashed, compared. */
    boolean isKeyType();

    /**
     * A comparator on the whole value.
     *
     * @throws InvalidTypesException if the type cannot be a key
     */
    TypeComparator<T> createComparator(boolean ascending, SerializerConfig config);

    /** Why this type cannot be a key, for error messages; only called when it cannot. */
    default String whyNotAKey() {
        return toString() + " has no order";
    }
}
