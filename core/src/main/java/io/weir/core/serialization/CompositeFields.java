package io.weir.core.serialization;

/**
 * Builds a composite value from its field values and reads its fields: what a {@link
 * CompositeAccess} of a record or POJO does through per-type code — bytecode generated for the type
 * ({@link FieldCodecs#fields}) or, where none can be, method handles ({@link FieldHandles}). Public
 * only because the generated classes live in the package of the type they serve; not for users.
 */
public interface CompositeFields {

    /** A new value with the given field values, in field order. */
    Object create(Object[] fields) throws Throwable;

    /** The value of field {@code field} of {@code value} (a primitive boxed). */
    Object get(Object value, int field) throws Throwable;
}
