package io.weir.core.types;

import io.weir.core.functions.KeySelector;
import io.weir.core.serialization.SelectorComparator;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The key of a grouping, join, sort or partitioning, as the user gave it: field names ({@code
 * "customer.id"}), field positions ({@code 0, 2}), {@code "*"} for the whole value, or a {@link
 * KeySelector}. A key is resolved against the input's {@link TypeInfo}, which checks that every named
 * field exists and can be a key.
 */
public sealed interface Keys<T> extends Serializable permits Keys.FieldKeys, Keys.SelectorKeys {

    /** Keys by field expression: names, dotted paths, or {@code "*"} for the whole value. */
    static <T> Keys<T> fields(String... expressions) {
        return new FieldKeys<>(List.of(expressions), null);
    }

    /** Keys by field position, for tuples, records and POJOs. */
    static <T> Keys<T> positions(int... positions) {
        return new FieldKeys<>(List.of(), positions.clone());
    }

    /** The key a selector extracts, of the given type. */
    static <T, K> Keys<T> selector(KeySelector<T, K> selector, TypeInfo<K> keyType) {
        return new SelectorKeys<>(selector, keyType);
    }

    /**
     * The types of the individual key fields, in order, with composite key types flattened: what two
     * inputs of a join must agree on.
     *
     * @throws InvalidTypesException if the key does not fit {@code type}
     */
    List<TypeInfo<?>> keyFieldTypes(TypeInfo<T> type);

    /**
     * A comparator on this key, one direction per key field.
     *
     * @throws InvalidTypesException if the key does not fit {@code type} or cannot be compared
     */
    TypeComparator<T> createComparator(TypeInfo<T> type, boolean[] ascending, SerializerConfig config);

    /** A comparator on this key, ascending in every key field. */
    default TypeComparator<T> createComparator(TypeInfo<T> type, SerializerConfig config) {
        boolean[] ascending = new boolean[keyFieldTypes(type).size()];
        Arrays.fill(ascending, true);
        return createComparator(type, ascending, config);
    }

    /**
     * One key made of the fields of several field keys, in order (a grouping key followed by the
     * order within groups, or the fields of chained sort orders). Positions become the names of the
     * type's fields, so that keys given by position and by name can be combined.
     *
     * Key selectors combine only with key selectors: their keys become the fields of a tuple.
     *
     * @throws InvalidTypesException if key selectors and field keys are mixed
     */
    @SafeVarargs
    static <T> Keys<T> concat(TypeInfo<T> type, Keys<T>... parts) {
        if (parts.length == 1) {
            return parts[0];
        }
        if (Arrays.stream(parts).allMatch(part -> part instanceof SelectorKeys<?, ?>)) {
            return selectorOfAll(parts);
        }
        List<String> expressions = new ArrayList<>();
        for (Keys<T> part : parts) {
            if (!(part instanceof FieldKeys<T> fieldKeys)) {
                throw new InvalidTypesException("a key selector cannot be combined with key fields (" + part
                        + "); give all the keys as fields (by name or position) or all as key selectors");
            }
            if (fieldKeys.positions() == null) {
                expressions.addAll(fieldKeys.expressions());
            } else if (type instanceof CompositeTypeInfo<T> composite) {
                for (int position : fieldKeys.positions()) {
                    if (position < 0 || position >= composite.arity()) {
                        throw new InvalidTypesException("key position " + position + " is out of range for " + type
                                + ", which has fields 0 to " + (composite.arity() - 1) + ".");
                    }
                    expressions.add(composite.field(position).name());
                }
            } else {
                fieldKeys.checkAtomic(type);
            }
        }
        if (!(type instanceof CompositeTypeInfo<T>)) {
            return fields("*");
        }
        return fields(expressions.toArray(String[]::new));
    }

    /** Key selectors as one: their keys as the fields of a tuple, compared field by field. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Keys<T> selectorOfAll(Keys<T>[] parts) {
        if (parts.length > io.weir.core.tuple.Tuple.MAX_ARITY) {
            throw new InvalidTypesException("at most " + io.weir.core.tuple.Tuple.MAX_ARITY
                    + " key selectors can be combined, not " + parts.length);
        }
        KeySelector[] selectors = new KeySelector[parts.length];
        TypeInfo<?>[] keyTypes = new TypeInfo<?>[parts.length];
        for (int i = 0; i < parts.length; i++) {
            SelectorKeys<T, ?> part = (SelectorKeys<T, ?>) parts[i];
            selectors[i] = part.selector();
            keyTypes[i] = part.keyType();
        }
        KeySelector<T, io.weir.core.tuple.Tuple> combined = value -> {
            io.weir.core.tuple.Tuple key = io.weir.core.tuple.Tuple.newInstance(selectors.length);
            for (int i = 0; i < selectors.length; i++) {
                key.setField(selectors[i].getKey(value), i);
            }
            return key;
        };
        return selector(combined, (TypeInfo) Types.TUPLE(keyTypes));
    }

    /** Keys by field expressions or positions (exactly one of the two is given). */
    record FieldKeys<T>(List<String> expressions, int[] positions) implements Keys<T> {

        public FieldKeys {
            expressions = List.copyOf(expressions);
            positions = positions == null ? null : positions.clone();
            if (expressions.isEmpty() == (positions == null)) {
                throw new IllegalArgumentException("give either field expressions or field positions");
            }
            if (positions != null && positions.length == 0) {
                throw new InvalidTypesException("a key needs at least one field position");
            }
        }

        /** The key fields resolved against a composite type. */
        public List<CompositeTypeInfo.KeyPath> resolve(CompositeTypeInfo<T> type) {
            List<CompositeTypeInfo.KeyPath> result = new ArrayList<>();
            if (positions != null) {
                for (int position : positions) {
                    if (position < 0 || position >= type.arity()) {
                        throw new InvalidTypesException("key position " + position + " is out of range for " + type
                                + ", which has fields 0 to " + (type.arity() - 1) + ".");
                    }
                    result.addAll(type.resolveKey(type.field(position).name()));
                }
            } else {
                for (String expression : expressions) {
                    result.addAll(type.resolveKey(expression));
                }
            }
            return result;
        }

        private void checkAtomic(TypeInfo<T> type) {
            if (positions != null) {
                throw new InvalidTypesException("keys by position need a tuple, record or POJO, but " + type
                        + " has no fields. Use \"*\" to key on the whole value.");
            }
            for (String expression : expressions) {
                if (!expression.equals("*") && !expression.equals("_")) {
                    throw new InvalidTypesException("key '" + expression + "': " + type
                            + " has no fields. Use \"*\" to key" + " on the whole value.");
                }
            }
            if (!type.isKeyType()) {
                throw NotAKey.of(type);
            }
        }

        @Override
        public List<TypeInfo<?>> keyFieldTypes(TypeInfo<T> type) {
            if (type instanceof CompositeTypeInfo<T> composite) {
                return resolve(composite).stream()
                        .<TypeInfo<?>>map(CompositeTypeInfo.KeyPath::type)
                        .toList();
            }
            checkAtomic(type);
            return List.of(type);
        }

        @Override
        public TypeComparator<T> createComparator(TypeInfo<T> type, boolean[] ascending, SerializerConfig config) {
            if (type instanceof CompositeTypeInfo<T> composite) {
                List<CompositeTypeInfo.KeyPath> keys = resolve(composite);
                checkDirections(keys.size(), ascending);
                return composite.createComparator(keys, ascending, config);
            }
            checkAtomic(type);
            checkDirections(1, ascending);
            return type.createComparator(ascending[0], config);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FieldKeys<?> that
                    && that.expressions.equals(expressions)
                    && Arrays.equals(that.positions, positions);
        }

        @Override
        public int hashCode() {
            return expressions.hashCode() * 31 + Arrays.hashCode(positions);
        }

        @Override
        public String toString() {
            return positions != null ? Arrays.toString(positions) : expressions.toString();
        }
    }

    /** The key a selector extracts. */
    record SelectorKeys<T, K>(KeySelector<T, K> selector, TypeInfo<K> keyType) implements Keys<T> {

        public SelectorKeys {
            Objects.requireNonNull(selector, "selector is null");
            Objects.requireNonNull(keyType, "keyType is null");
        }

        @Override
        public List<TypeInfo<?>> keyFieldTypes(TypeInfo<T> type) {
            if (keyType instanceof CompositeTypeInfo<K> composite) {
                return composite.resolveKey("*").stream()
                        .<TypeInfo<?>>map(CompositeTypeInfo.KeyPath::type)
                        .toList();
            }
            if (!keyType.isKeyType()) {
                throw NotAKey.of(keyType);
            }
            return List.of(keyType);
        }

        @Override
        public TypeComparator<T> createComparator(TypeInfo<T> type, boolean[] ascending, SerializerConfig config) {
            TypeComparator<K> keyComparator = keys().createComparator(keyType, ascending, config);
            return new SelectorComparator<>(selector, keyComparator, type.createSerializer(config));
        }

        /** The selected key is compared as a whole: all its fields when it is composite. */
        private Keys<K> keys() {
            return Keys.fields("*");
        }

        @Override
        public String toString() {
            return "key selector returning " + keyType;
        }
    }

    private static void checkDirections(int keyFields, boolean[] ascending) {
        if (ascending.length != keyFields) {
            throw new InvalidTypesException(
                    "the key has " + keyFields + " fields, but " + ascending.length + " sort directions were given");
        }
    }
}
