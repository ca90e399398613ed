package io.weir.formats.parquet;

import io.weir.core.predicate.Predicate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * A {@link Predicate} in Parquet's terms, for a file's schema: what prunes row groups by their
 * statistics and dictionaries. Dates compare as Parquet's days, timestamps as microseconds.
 */
final class ParquetFilters {

    private ParquetFilters() {}

    static FilterPredicate toParquet(Predicate predicate, MessageType schema, String file) {
        if (predicate instanceof Predicate.And and) {
            return FilterApi.and(toParquet(and.left(), schema, file), toParquet(and.right(), schema, file));
        }
        if (predicate instanceof Predicate.Or or) {
            return FilterApi.or(toParquet(or.left(), schema, file), toParquet(or.right(), schema, file));
        }
        if (predicate instanceof Predicate.Not not) {
            return FilterApi.not(toParquet(not.predicate(), schema, file));
        }
        return compare((Predicate.Compare) predicate, schema, file);
    }

    private static FilterPredicate compare(Predicate.Compare compare, MessageType schema, String file) {
        String path = compare.path();
        Object value = compare.value();
        Predicate.Op op = compare.op();
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
        if (column.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal
                && value != null) {
            // a DECIMAL column holds unscaled numbers: compare with the value at the column's scale
            long unscaled = unscaled(value, decimal.getScale(), op, path, file);
            return switch (kind) {
                case INT64 -> compare(op, FilterApi.longColumn(path), unscaled);
                case INT32 -> compare(op, FilterApi.intColumn(path), Math.toIntExact(unscaled));
                default ->
                    throw new IllegalArgumentException("the filter compares column '" + path + "' of " + file
                            + ", a DECIMAL stored as " + kind + ", which cannot be filtered yet");
            };
        }
        try {
            return switch (kind) {
                case INT64 -> compare(op, FilterApi.longColumn(path), value == null ? null : asLong(value));
                case INT32 -> compare(op, FilterApi.intColumn(path), value == null ? null : asInt(value));
                case DOUBLE ->
                    compare(op, FilterApi.doubleColumn(path), value == null ? null : ((Number) value).doubleValue());
                case FLOAT ->
                    compare(op, FilterApi.floatColumn(path), value == null ? null : ((Number) value).floatValue());
                case BINARY ->
                    compare(
                            op,
                            FilterApi.binaryColumn(path),
                            value == null
                                    ? null
                                    : Binary.fromString(value instanceof Enum<?> e ? e.name() : (String) value));
                case BOOLEAN -> {
                    if (op != Predicate.Op.EQ && op != Predicate.Op.NOT_EQ) {
                        throw new IllegalArgumentException("booleans are compared with eq or notEq only");
                    }
                    Boolean b = (Boolean) value;
                    yield op == Predicate.Op.EQ
                            ? FilterApi.eq(FilterApi.booleanColumn(path), b)
                            : FilterApi.notEq(FilterApi.booleanColumn(path), b);
                }
                default -> throw new IllegalArgumentException("columns of type " + kind + " cannot be filtered yet");
            };
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(
                    "the filter compares column '" + path + "' (" + column
                            + ") of " + file + " with a " + value.getClass().getSimpleName()
                            + ", which does not fit it; compare with a value of the column's type",
                    e);
        }
    }

    /**
     * {@code value} as an unscaled number at {@code scale}: exact when it has no more decimal places;
     * else rounded so that the comparison keeps the same rows ({@code > 0.005} at scale 2 is {@code >
     * 0}, {@code >= 0.005} is {@code >= 1}).
     */
    private static long unscaled(Object value, int scale, Predicate.Op op, String path, String file) {
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            throw new IllegalArgumentException("the filter compares the DECIMAL column '" + path + "' of " + file
                    + " with a " + value.getClass().getSimpleName() + "; compare with a BigDecimal");
        }
        BigDecimal scaled = number.movePointRight(scale);
        boolean exact = scaled.stripTrailingZeros().scale() <= 0;
        if (!exact && (op == Predicate.Op.EQ || op == Predicate.Op.NOT_EQ)) {
            throw new IllegalArgumentException("the filter compares the DECIMAL column '" + path + "' (scale " + scale
                    + ") of " + file + " with " + number + ", which has more decimal places than the column");
        }
        RoundingMode rounding =
                op == Predicate.Op.GT || op == Predicate.Op.LE ? RoundingMode.FLOOR : RoundingMode.CEILING;
        return scaled.setScale(0, exact ? RoundingMode.UNNECESSARY : rounding).longValueExact();
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
    private static FilterPredicate compare(Predicate.Op op, Operators.Column column, Comparable v) {
        if (op == Predicate.Op.EQ || op == Predicate.Op.NOT_EQ) {
            var equatable = (Operators.Column & Operators.SupportsEqNotEq) column;
            return op == Predicate.Op.EQ ? FilterApi.eq(equatable, v) : FilterApi.notEq(equatable, v);
        }
        var ordered = (Operators.Column & Operators.SupportsLtGt) column;
        return switch (op) {
            case LT -> FilterApi.lt(ordered, v);
            case LE -> FilterApi.ltEq(ordered, v);
            case GT -> FilterApi.gt(ordered, v);
            default -> FilterApi.gtEq(ordered, v);
        };
    }
}
