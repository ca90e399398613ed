package io.weir.core.types;

import io.weir.core.serialization.CompositeAccess;
import io.weir.core.serialization.CompositeComparator;
import io.weir.core.serialization.CompositeSerializer;
import io.weir.core.serialization.PojoAccess;
import io.weir.core.serialization.RecordAccess;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TupleAccess;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.tuple.Tuple;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A type made of named fields: a Java record (components in declaration order), a POJO (fields
 * sorted by name, so every JVM agrees on the order) or a tuple (fields {@code f0, f1, ...}). Keys
 * name its fields, also nested ones ({@code "customer.address.zip"}); a key naming a composite field
 * means all of that field's fields.
 */
public final class CompositeTypeInfo<T> implements TypeInfo<T> {

    private static final long serialVersionUID = 1L;

    /** Which kind of composite this is. */
    public enum Kind {
        RECORD,
        POJO,
        TUPLE,
        /** {@link Row}: fields known when the program runs. */
        ROW
    }

    /**
     * One field.
     *
     * @param nullable whether the field can hold {@code null} (false for primitive fields)
     */
    public record Field(String name, TypeInfo<?> type, boolean nullable) implements Serializable {
        public Field {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(type, "type is null");
        }
    }

    /**
     * A key field resolved against this type: the path of field positions, the access for each step,
     * the field's type, and whether any step can be {@code null}.
     */
    public record KeyPath(
            int[] path, List<CompositeAccess<?>> accesses, TypeInfo<?> type, boolean nullable, String name) {}

    private final Kind kind;
    private final Class<T> typeClass;
    private final List<Field> fields;
    private final CompositeAccess<T> access;

    private CompositeTypeInfo(Kind kind, Class<T> typeClass, List<Field> fields, CompositeAccess<T> access) {
        this.kind = kind;
        this.typeClass = typeClass;
        this.fields = List.copyOf(fields);
        this.access = access;
    }

    /** A record type with the given component types, in declaration order. */
    public static <T> CompositeTypeInfo<T> forRecord(Class<T> recordClass, List<Field> fields) {
        if (recordClass.getRecordComponents() == null || recordClass.getRecordComponents().length != fields.size()) {
            throw new InvalidTypesException(
                    recordClass.getName() + " is not a record with " + fields.size() + " components");
        }
        return new CompositeTypeInfo<>(Kind.RECORD, recordClass, fields, new RecordAccess<>(recordClass));
    }

    /** A POJO type; {@code fieldRefs} locate each field (declaring class and name) in field order. */
    public static <T> CompositeTypeInfo<T> forPojo(
            Class<T> pojoClass, List<Field> fields, List<PojoAccess.FieldRef> fieldRefs) {
        return new CompositeTypeInfo<>(Kind.POJO, pojoClass, fields, new PojoAccess<>(pojoClass, fieldRefs));
    }

    /** A tuple type with the given field types; every field may be {@code null}. */
    @SuppressWarnings("unchecked")
    public static <T extends Tuple> CompositeTypeInfo<T> forTuple(List<? extends TypeInfo<?>> fieldTypes) {
        List<Field> fields = new ArrayList<>(fieldTypes.size());
        for (int i = 0; i < fieldTypes.size(); i++) {
            fields.add(new Field("f" + i, fieldTypes.get(i), true));
        }
        Class<T> tupleClass = (Class<T>) Tuple.getTupleClass(fieldTypes.size());
        return new CompositeTypeInfo<>(Kind.TUPLE, tupleClass, fields, new TupleAccess<>(fieldTypes.size()));
    }

    /** The type of {@link Row}s with these fields (names, types, whether each may be null). */
    public static CompositeTypeInfo<Row> forRow(List<Field> fields) {
        List<String> names = fields.stream().map(Field::name).toList();
        return new CompositeTypeInfo<>(Kind.ROW, Row.class, fields, new RowAccess(names));
    }

    /** Builds and reads {@link Row}s of one set of field names. */
    private record RowAccess(List<String> names) implements CompositeAccess<Row> {
        RowAccess {
            names = List.copyOf(names);
        }

        @Override
        public Class<Row> type() {
            return Row.class;
        }

        @Override
        public int arity() {
            return names.size();
        }

        @Override
        public Object get(Row value, int field) {
            return value.getField(field);
        }

        @Override
        public Row create(Object[] fields) {
            return new Row(names, fields);
        }

        @Override
        public boolean isImmutable() {
            return true;
        }
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public Class<T> typeClass() {
        return typeClass;
    }

    public int arity() {
        return fields.size();
    }

    public List<Field> fields() {
        return fields;
    }

    public Field field(int index) {
        return fields.get(index);
    }

    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    /** The position of the field named {@code name}, or -1. */
    /** Fails naming the type's fields unless every one of {@code names} is a top-level field. */
    public void requireFields(java.util.Collection<String> names) {
        for (String name : names) {
            if (fieldIndex(name) < 0) {
                throw new IllegalArgumentException(
                        "'" + name + "' is not a field of " + this + "; its fields are " + fieldNames());
            }
        }
    }

    /**
     * The value a field has when a source does not read it (projection pushdown): null when the field
     * may be null, else zero (or false, or the null character) of its primitive type.
     */
    public Object unreadValue(int index) {
        Field field = fields.get(index);
        if (field.nullable()) {
            return null;
        }
        Class<?> fieldClass = field.type().typeClass();
        if (fieldClass == Boolean.class || fieldClass == boolean.class) {
            return false;
        }
        if (fieldClass == Character.class || fieldClass == char.class) {
            return '\0';
        }
        if (fieldClass == Double.class || fieldClass == double.class) {
            return 0.0;
        }
        if (fieldClass == Float.class || fieldClass == float.class) {
            return 0.0f;
        }
        if (fieldClass == Long.class || fieldClass == long.class) {
            return 0L;
        }
        if (fieldClass == Integer.class || fieldClass == int.class) {
            return 0;
        }
        if (fieldClass == Short.class || fieldClass == short.class) {
            return (short) 0;
        }
        if (fieldClass == Byte.class || fieldClass == byte.class) {
            return (byte) 0;
        }
        return null;
    }

    public int fieldIndex(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public CompositeAccess<T> access() {
        return access;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        List<TypeSerializer<?>> serializers = new ArrayList<>(fields.size());
        boolean[] nullable = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            serializers.add(fields.get(i).type().createSerializer(config));
            nullable[i] = fields.get(i).nullable();
        }
        return new CompositeSerializer<>(access, serializers, nullable);
    }

    /** Whether every (nested) field can be a key, so that the whole value can be one. */
    @Override
    public boolean isKeyType() {
        return fields.stream().allMatch(field -> field.type().isKeyType());
    }

    @Override
    public String whyNotAKey() {
        return fields.stream()
                .filter(field -> !field.type().isKeyType())
                .map(field -> "field '" + field.name() + "' (" + field.type() + ")")
                .collect(Collectors.joining(", ", "", " cannot be part of a key"));
    }

    /** A comparator on all fields, in field order. */
    @Override
    public TypeComparator<T> createComparator(boolean ascending, SerializerConfig config) {
        List<KeyPath> all = resolveKey("*");
        boolean[] directions = new boolean[all.size()];
        Arrays.fill(directions, ascending);
        return createComparator(all, directions, config);
    }

    /**
     * Resolves a key expression: a field name, a dotted path of names ({@code "customer.zip"}), or
     * {@code "*"} for all fields. A composite field expands into all its fields.
     *
     * @throws InvalidTypesException naming the missing field and the fields there are
     */
    public List<KeyPath> resolveKey(String expression) {
        List<KeyPath> result = new ArrayList<>();
        if (expression.equals("*") || expression.equals("_")) {
            for (int i = 0; i < fields.size(); i++) {
                expand(
                        new int[] {i},
                        List.of(access),
                        this,
                        i,
                        false,
                        fields.get(i).name(),
                        result);
            }
            return result;
        }
        String[] steps = expression.split("\\.", -1);
        CompositeTypeInfo<?> current = this;
        int[] path = new int[steps.length];
        List<CompositeAccess<?>> accesses = new ArrayList<>();
        boolean nullable = false;
        for (int s = 0; s < steps.length; s++) {
            String step = steps[s];
            if (s == steps.length - 1 && (step.equals("*") || step.equals("_")) && s > 0) {
                // "customer.*" is the same as "customer"
                return resolveNested(current, path, accesses, s, nullable, expression);
            }
            int index = current.fieldIndex(step);
            if (index < 0) {
                String where = s == 0 ? "" : " in '" + String.join(".", Arrays.copyOf(steps, s)) + "'";
                throw new InvalidTypesException("key '" + expression + "': '" + step + "' is not a field" + where
                        + " of " + current + "; its fields are " + current.fieldNames() + ".");
            }
            path[s] = index;
            accesses.add(current.access);
            Field field = current.fields.get(index);
            if (s < steps.length - 1) {
                if (!(field.type() instanceof CompositeTypeInfo<?> nested)) {
                    throw new InvalidTypesException("key '" + expression + "': field '" + step + "' is a "
                            + field.type() + ", which has no fields.");
                }
                nullable |= field.nullable();
                current = nested;
            }
        }
        int last = path[steps.length - 1];
        expand(path, accesses, current, last, nullable, expression, result);
        return result;
    }

    private static List<KeyPath> resolveNested(
            CompositeTypeInfo<?> type,
            int[] pathSoFar,
            List<CompositeAccess<?>> accesses,
            int length,
            boolean nullable,
            String expression) {
        List<KeyPath> result = new ArrayList<>();
        int[] prefix = Arrays.copyOf(pathSoFar, length);
        for (int i = 0; i < type.fields.size(); i++) {
            int[] path = Arrays.copyOf(prefix, length + 1);
            path[length] = i;
            List<CompositeAccess<?>> steps = new ArrayList<>(accesses);
            steps.add(type.access);
            expand(
                    path,
                    steps,
                    type,
                    i,
                    nullable,
                    expression + "." + type.fields.get(i).name(),
                    result);
        }
        return result;
    }

    /** Adds the key path to field {@code index} of {@code owner}, expanding composite fields. */
    private static void expand(
            int[] path,
            List<CompositeAccess<?>> accesses,
            CompositeTypeInfo<?> owner,
            int index,
            boolean nullable,
            String name,
            List<KeyPath> result) {
        Field field = owner.fields.get(index);
        boolean fieldNullable = nullable || field.nullable();
        if (field.type() instanceof CompositeTypeInfo<?> nested) {
            for (int i = 0; i < nested.fields.size(); i++) {
                int[] longer = Arrays.copyOf(path, path.length + 1);
                longer[path.length] = i;
                List<CompositeAccess<?>> steps = new ArrayList<>(accesses);
                steps.add(nested.access);
                expand(
                        longer,
                        steps,
                        nested,
                        i,
                        fieldNullable,
                        name + "." + nested.fields.get(i).name(),
                        result);
            }
        } else {
            result.add(new KeyPath(path.clone(), List.copyOf(accesses), field.type(), fieldNullable, name));
        }
    }

    /**
     * A comparator on the given key fields.
     *
     * @throws InvalidTypesException if a key field's type cannot be a key
     */
    @SuppressWarnings("unchecked")
    public TypeComparator<T> createComparator(List<KeyPath> keys, boolean[] ascending, SerializerConfig config) {
        if (keys.size() != ascending.length) {
            throw new IllegalArgumentException("one direction per key field is needed");
        }
        List<CompositeComparator.KeyField> keyFields = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            KeyPath key = keys.get(i);
            if (!key.type().isKeyType()) {
                throw new InvalidTypesException("key field '" + key.name() + "' of " + this + " cannot be a key: "
                        + key.type().whyNotAKey()
                        + ". Key on fields that are numbers, strings, dates, enums or Comparable"
                        + " types, or use a key selector.");
            }
            TypeComparator<Object> comparator =
                    (TypeComparator<Object>) key.type().createComparator(ascending[i], config);
            keyFields.add(new CompositeComparator.KeyField(
                    key.path(), key.accesses(), comparator, key.nullable(), ascending[i]));
        }
        return new CompositeComparator<>(createSerializer(config), keyFields);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompositeTypeInfo<?> that
                && that.kind == kind
                && that.typeClass == typeClass
                && that.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, typeClass, fields);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TUPLE ->
                fields.stream()
                        .map(field -> field.type().toString())
                        .collect(Collectors.joining(", ", typeClass.getSimpleName() + "<", ">"));
            case RECORD ->
                fields.stream()
                        .map(field -> field.name() + ": " + field.type())
                        .collect(Collectors.joining(", ", typeClass.getSimpleName() + "(", ")"));
            case POJO ->
                fields.stream()
                        .map(field -> field.name() + ": " + field.type())
                        .collect(Collectors.joining(", ", typeClass.getSimpleName() + "{", "}"));
            case ROW ->
                fields.stream()
                        .map(field -> field.name() + ": " + field.type())
                        .collect(Collectors.joining(", ", "Row(", ")"));
        };
    }
}
