package io.weir.core.predicate;

import io.weir.core.serialization.CompositeAccess;
import io.weir.core.types.CompositeTypeInfo;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A condition on the fields of a record, built with {@link #col}: {@code
 * col("l_shipdate").le(LocalDate.of(1998, 9, 2)).and(col("l_quantity").gt(10L))}. Unlike a lambda,
 * the optimizer can read it: it estimates its selectivity and pushes it into sources that can skip
 * data (Parquet row groups by their statistics). A record whose field is null matches no comparison
 * (as in SQL); {@link Column#isNull()} asks for such records. Numbers compare by value whatever
 * their boxed type; other values must have the field's type (dates, strings, enums by name).
 */
public sealed interface Predicate extends Serializable {

    /** The field {@code path} (a field name, or a dotted path into nested records). */
    static Column col(String path) {
        return new Column(Objects.requireNonNull(path, "path is null"));
    }

    default Predicate and(Predicate other) {
        return new And(this, other);
    }

    default Predicate or(Predicate other) {
        return new Or(this, other);
    }

    default Predicate negate() {
        return new Not(this);
    }

    /**
     * The predicate as a test of records of {@code type}, its field paths resolved once: compile once
     * and test many records.
     *
     * @throws IllegalArgumentException naming a field path {@code type} does not have
     */
    default java.util.function.Predicate<Object> compile(CompositeTypeInfo<?> type) {
        return compile(path -> Compare.reader(path, type));
    }

    /**
     * The predicate as a test of the top-level field values of a record of {@code type}, in field
     * order (an {@code Object[]} as a parser fills it before building the record).
     *
     * @throws IllegalArgumentException naming a field path that is not a top-level field of {@code type}
     */
    default java.util.function.Predicate<Object[]> compileOverFields(CompositeTypeInfo<?> type) {
        return compile(path -> {
            int index = type.fieldIndex(path);
            if (index < 0) {
                throw new IllegalArgumentException(
                        "the filter names '" + path + "', which is not a top-level field of " + type);
            }
            return values -> values[index];
        });
    }

    /**
     * The predicate as a test of values of type {@code R}: {@code field} gives, once per field
     * path, how to read that field's value (null when absent) from an {@code R}.
     */
    <R> java.util.function.Predicate<R> compile(Function<String, Function<R, Object>> field);

    /** Whether {@code record}, of {@code type}, passes (compiles the predicate: for a few records). */
    default boolean test(Object record, CompositeTypeInfo<?> type) {
        return compile(type).test(record);
    }

    /** The field paths the predicate reads. */
    default Set<String> columns() {
        Set<String> columns = new LinkedHashSet<>();
        addColumns(columns);
        return columns;
    }

    /** Adds the field paths the predicate reads. */
    void addColumns(Set<String> into);

    /** A field to compare. */
    record Column(String path) implements Serializable {
        public Predicate lt(Object value) {
            return new Compare(path, Op.LT, value);
        }

        public Predicate le(Object value) {
            return new Compare(path, Op.LE, value);
        }

        public Predicate gt(Object value) {
            return new Compare(path, Op.GT, value);
        }

        public Predicate ge(Object value) {
            return new Compare(path, Op.GE, value);
        }

        public Predicate eq(Object value) {
            return new Compare(path, Op.EQ, Objects.requireNonNull(value, "use isNull() for null"));
        }

        public Predicate notEq(Object value) {
            return new Compare(path, Op.NOT_EQ, Objects.requireNonNull(value, "use isNotNull() for null"));
        }

        public Predicate isNull() {
            return new Compare(path, Op.EQ, null);
        }

        public Predicate isNotNull() {
            return new Compare(path, Op.NOT_EQ, null);
        }
    }

    enum Op {
        LT,
        LE,
        GT,
        GE,
        EQ,
        NOT_EQ
    }

    record And(Predicate left, Predicate right) implements Predicate {
        @Override
        public <R> java.util.function.Predicate<R> compile(Function<String, Function<R, Object>> field) {
            return left.compile(field).and(right.compile(field));
        }

        @Override
        public void addColumns(Set<String> into) {
            left.addColumns(into);
            right.addColumns(into);
        }

        @Override
        public String toString() {
            return "(" + left + " and " + right + ")";
        }
    }

    record Or(Predicate left, Predicate right) implements Predicate {
        @Override
        public <R> java.util.function.Predicate<R> compile(Function<String, Function<R, Object>> field) {
            return left.compile(field).or(right.compile(field));
        }

        @Override
        public void addColumns(Set<String> into) {
            left.addColumns(into);
            right.addColumns(into);
        }

        @Override
        public String toString() {
            return "(" + left + " or " + right + ")";
        }
    }

    record Not(Predicate predicate) implements Predicate {
        @Override
        public <R> java.util.function.Predicate<R> compile(Function<String, Function<R, Object>> field) {
            return predicate.<R>compile(field).negate();
        }

        @Override
        public void addColumns(Set<String> into) {
            predicate.addColumns(into);
        }

        @Override
        public String toString() {
            return "not " + predicate;
        }
    }

    /** {@code field op value}; a null value only with EQ (is null) and NOT_EQ (is not null). */
    record Compare(String path, Op op, Object value) implements Predicate {
        public Compare {
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(op, "op is null");
            if (value == null && op != Op.EQ && op != Op.NOT_EQ) {
                throw new IllegalArgumentException("field '" + path + "' " + op + " null matches no record;"
                        + " compare with a value, or use isNull()/isNotNull()");
            }
        }

        @Override
        public void addColumns(Set<String> into) {
            into.add(path);
        }

        @Override
        public <R> java.util.function.Predicate<R> compile(Function<String, Function<R, Object>> field) {
            Function<R, Object> read = field.apply(path);
            return record -> accepts(read.apply(record));
        }

        /** How to read field {@code path} (a dotted path) of a record of {@code type}. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        static Function<Object, Object> reader(String path, CompositeTypeInfo<?> type) {
            String[] steps = path.split("\\.");
            CompositeAccess[] accesses = new CompositeAccess[steps.length];
            int[] indices = new int[steps.length];
            CompositeTypeInfo<?> owner = type;
            for (int i = 0; i < steps.length; i++) {
                int index = owner == null ? -1 : owner.fieldIndex(steps[i]);
                if (index < 0) {
                    throw new IllegalArgumentException(
                            "the filter names '" + path + "', which is not a field of " + type);
                }
                accesses[i] = owner.access();
                indices[i] = index;
                owner = owner.field(index).type() instanceof CompositeTypeInfo<?> nested ? nested : null;
            }
            return record -> {
                Object current = record;
                for (int i = 0; i < indices.length && current != null; i++) {
                    current = accesses[i].get(current, indices[i]);
                }
                return current;
            };
        }

        /** Whether a field's value (null when it, or a record on its path, is null) passes. */
        public boolean accepts(Object current) {
            if (value == null) {
                return op == Op.EQ ? current == null : current != null;
            }
            if (current == null) {
                return false; // null matches no comparison
            }
            int order = compareValues(normalize(current), normalize(value));
            return switch (op) {
                case LT -> order < 0;
                case LE -> order <= 0;
                case GT -> order > 0;
                case GE -> order >= 0;
                case EQ -> order == 0;
                case NOT_EQ -> order != 0;
            };
        }

        private static Object normalize(Object value) {
            if (value instanceof Enum<?> e) {
                return e.name();
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof Float || value instanceof Double) {
                return ((Number) value).doubleValue();
            }
            return value;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private int compareValues(Object field, Object literal) {
            if (field instanceof Number a && literal instanceof Number b) {
                return a instanceof Long && b instanceof Long
                        ? Long.compare(a.longValue(), b.longValue())
                        : Double.compare(a.doubleValue(), b.doubleValue());
            }
            if (field.getClass() != literal.getClass()) {
                throw new IllegalArgumentException("the filter compares field '" + path + "' ("
                        + field.getClass().getSimpleName() + ") with a "
                        + literal.getClass().getSimpleName() + "; compare with a value of the field's type");
            }
            return ((Comparable) field).compareTo(literal);
        }

        @Override
        public String toString() {
            String literal = value instanceof Object[] a ? Arrays.toString(a) : String.valueOf(value);
            return switch (op) {
                case LT -> path + " < " + literal;
                case LE -> path + " <= " + literal;
                case GT -> path + " > " + literal;
                case GE -> path + " >= " + literal;
                case EQ -> value == null ? path + " is null" : path + " = " + literal;
                case NOT_EQ -> value == null ? path + " is not null" : path + " != " + literal;
            };
        }
    }
}
