package io.weir.formats.parquet;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * A filter on the columns of Parquet rows, pushed into the Parquet reader: row groups whose
 * statistics (or dictionaries) show that no row can match are not read at all, and the rows of the
 * others are filtered as they are read. Build it with {@link #col}: {@code
 * col("l_shipdate").le(LocalDate.of(1998, 9, 2)).and(col("l_quantity").gt(10L))}. A row whose column
 * is null matches no comparison (as in SQL); {@link Column#isNull()} asks for such rows.
 */
public sealed interface ColumnPredicate extends Serializable {

    /** The column {@code path} (a field name, or a dotted path into nested records). */
    static Column col(String path) {
        return new Column(Objects.requireNonNull(path, "path is null"));
    }

    default ColumnPredicate and(ColumnPredicate other) {
        return new And(this, other);
    }

    default ColumnPredicate or(ColumnPredicate other) {
        return new Or(this, other);
    }

    default ColumnPredicate negate() {
        return new Not(this);
    }

    /** The predicate in Parquet's terms, for a file of {@code schema}: what prunes row groups. */
    FilterPredicate toParquet(MessageType schema, String file);

    /** Whether a record read from a file passes: the exact row-level test. */
    boolean matches(Object record, io.weir.core.types.CompositeTypeInfo<?> type);

    /** A column to compare. */
    record Column(String path) implements Serializable {
        public ColumnPredicate lt(Object value) {
            return new Compare(path, Op.LT, value);
        }

        public ColumnPredicate le(Object value) {
            return new Compare(path, Op.LE, value);
        }

        public ColumnPredicate gt(Object value) {
            return new Compare(path, Op.GT, value);
        }

        public ColumnPredicate ge(Object value) {
            return new Compare(path, Op.GE, value);
        }

        public ColumnPredicate eq(Object value) {
            return new Compare(path, Op.EQ, Objects.requireNonNull(value, "use isNull() for null"));
        }

        public ColumnPredicate notEq(Object value) {
            return new Compare(path, Op.NOT_EQ, Objects.requireNonNull(value, "use isNotNull() for null"));
        }

        public ColumnPredicate isNull() {
            return new Compare(path, Op.EQ, null);
        }

        public ColumnPredicate isNotNull() {
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

    record And(ColumnPredicate left, ColumnPredicate right) implements ColumnPredicate {
        @Override
        public FilterPredicate toParquet(MessageType schema, String file) {
            return FilterApi.and(left.toParquet(schema, file), right.toParquet(schema, file));
        }

        @Override
        public boolean matches(Object record, io.weir.core.types.CompositeTypeInfo<?> type) {
            return left.matches(record, type) && right.matches(record, type);
        }
    }

    record Or(ColumnPredicate left, ColumnPredicate right) implements ColumnPredicate {
        @Override
        public FilterPredicate toParquet(MessageType schema, String file) {
            return FilterApi.or(left.toParquet(schema, file), right.toParquet(schema, file));
        }

        @Override
        public boolean matches(Object record, io.weir.core.types.CompositeTypeInfo<?> type) {
            return left.matches(record, type) || right.matches(record, type);
        }
    }

    record Not(ColumnPredicate predicate) implements ColumnPredicate {
        @Override
        public FilterPredicate toParquet(MessageType schema, String file) {
            return FilterApi.not(predicate.toParquet(schema, file));
        }

        @Override
        public boolean matches(Object record, io.weir.core.types.CompositeTypeInfo<?> type) {
            return !predicate.matches(record, type);
        }
    }

    /** {@code column op value}; a null value only with EQ (is null) and NOT_EQ (is not null). */
    record Compare(String path, Op op, Object value) implements ColumnPredicate {
        public Compare {
            if (value == null && op != Op.EQ && op != Op.NOT_EQ) {
                throw new IllegalArgumentException("column '" + path + "' " + op + " null matches no row;"
                        + " compare with a value, or use isNull()/isNotNull()");
            }
        }

        @Override
        public FilterPredicate toParquet(MessageType schema, String file) {
            String[] steps = path.split("\\.");
            if (!schema.containsPath(steps)) {
                throw new IllegalArgumentException("the filter names column '" + path + "', which the Parquet file "
                        + file + " does not have; its columns are "
                        + schema.getFields().stream().map(Type::getName).toList());
            }
            Type column = schema.getType(steps);
            if (!column.isPrimitive()) {
                throw new IllegalArgumentException("the filter compares column '" + path + "' of " + file
                        + ", which is a group; compare one of its fields ('" + path + ".field')");
            }
            PrimitiveTypeName kind = column.asPrimitiveType().getPrimitiveTypeName();
            try {
                return switch (kind) {
                    case INT64 -> compare(FilterApi.longColumn(path), value == null ? null : asLong(value));
                    case INT32 -> compare(FilterApi.intColumn(path), value == null ? null : asInt(value));
                    case DOUBLE ->
                        compare(FilterApi.doubleColumn(path), value == null ? null : ((Number) value).doubleValue());
                    case FLOAT ->
                        compare(FilterApi.floatColumn(path), value == null ? null : ((Number) value).floatValue());
                    case BINARY ->
                        compare(
                                FilterApi.binaryColumn(path),
                                value == null
                                        ? null
                                        : Binary.fromString(value instanceof Enum<?> e ? e.name() : (String) value));
                    case BOOLEAN -> {
                        if (op != Op.EQ && op != Op.NOT_EQ) {
                            throw new IllegalArgumentException("booleans are compared with eq or notEq only");
                        }
                        Boolean b = (Boolean) value;
                        yield op == Op.EQ
                                ? FilterApi.eq(FilterApi.booleanColumn(path), b)
                                : FilterApi.notEq(FilterApi.booleanColumn(path), b);
                    }
                    default ->
                        throw new IllegalArgumentException("columns of type " + kind + " cannot be filtered yet");
                };
            } catch (ClassCastException e) {
                throw new IllegalArgumentException(
                        "the filter compares column '" + path + "' (" + column
                                + ") of " + file + " with a " + value.getClass().getSimpleName()
                                + ", which does not fit it; compare with a value of the column's type",
                        e);
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public boolean matches(Object record, io.weir.core.types.CompositeTypeInfo<?> type) {
            Object current = record;
            io.weir.core.types.CompositeTypeInfo<?> owner = type;
            for (String step : path.split("\\.")) {
                if (current == null) {
                    break;
                }
                int index = owner == null ? -1 : owner.fieldIndex(step);
                if (index < 0) {
                    throw new IllegalArgumentException(
                            "the filter names '" + path + "', which is not a field of " + type);
                }
                current = ((io.weir.core.serialization.CompositeAccess) owner.access()).get(current, index);
                owner = owner.field(index).type() instanceof io.weir.core.types.CompositeTypeInfo<?> nested
                        ? nested
                        : null;
            }
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
                throw new IllegalArgumentException("the filter compares column '" + path + "' ("
                        + field.getClass().getSimpleName() + ") with a "
                        + literal.getClass().getSimpleName() + "; compare with a value of the column's type");
            }
            return ((Comparable) field).compareTo(literal);
        }

        private static long asLong(Object value) {
            if (value instanceof Instant instant) {
                return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
            }
            if (value instanceof LocalDateTime time) {
                return ChronoUnit.MICROS.between(Instant.EPOCH, time.toInstant(ZoneOffset.UTC));
            }
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            throw new ClassCastException(value.getClass().getName());
        }

        private static int asInt(Object value) {
            if (value instanceof LocalDate date) {
                return Math.toIntExact(date.toEpochDay());
            }
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).intValue();
            }
            throw new ClassCastException(value.getClass().getName());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private FilterPredicate compare(Operators.Column column, Comparable v) {
            if (op == Op.EQ || op == Op.NOT_EQ) {
                var equatable = (Operators.Column & Operators.SupportsEqNotEq) column;
                return op == Op.EQ ? FilterApi.eq(equatable, v) : FilterApi.notEq(equatable, v);
            }
            var ordered = (Operators.Column & Operators.SupportsLtGt) column;
            return switch (op) {
                case LT -> FilterApi.lt(ordered, v);
                case LE -> FilterApi.ltEq(ordered, v);
                case GT -> FilterApi.gt(ordered, v);
                default -> FilterApi.gtEq(ordered, v);
            };
        }

        @Override
        public String toString() {
            return path + " " + op + " " + (value instanceof Object[] a ? Arrays.toString(a) : value);
        }
    }
}
