package io.weir.dataset;

import io.weir.core.functions.MapFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.serialization.CompositeAccess;
import io.weir.core.tuple.Tuple;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions behind {@code aggregate}, {@code sum}/{@code min}/{@code max}, {@code minBy}/{@code
 * maxBy} and {@code project}: they read and rebuild records through the type's {@link
 * CompositeAccess}, so they work alike on records, POJOs and tuples.
 *
 * <p>An aggregation of only SUM, MIN and MAX is one reduce over the records. COUNT and AVERAGE need
 * counts beside the record: a map pairs each record with one count per aggregation (1 where the field
 * is not null), the reduce adds them, and a map writes the counts and means into the fields.
 */
final class FieldAggregation {

    private FieldAggregation() {}

    /** The arithmetic of a field's type. */
    enum Arithmetic {
        INT,
        LONG,
        SHORT,
        BYTE,
        FLOAT,
        DOUBLE,
        BIG_INTEGER,
        BIG_DECIMAL,
        /** Comparable but not numeric: MIN and MAX only. */
        COMPARABLE;

        static Arithmetic of(Class<?> type) {
            if (type == Integer.class || type == int.class) {
                return INT;
            } else if (type == Long.class || type == long.class) {
                return LONG;
            } else if (type == Short.class || type == short.class) {
                return SHORT;
            } else if (type == Byte.class || type == byte.class) {
                return BYTE;
            } else if (type == Float.class || type == float.class) {
                return FLOAT;
            } else if (type == Double.class || type == double.class) {
                return DOUBLE;
            } else if (type == BigInteger.class) {
                return BIG_INTEGER;
            } else if (type == BigDecimal.class) {
                return BIG_DECIMAL;
            } else if (Comparable.class.isAssignableFrom(type) || type.isPrimitive()) {
                return COMPARABLE;
            }
            return null;
        }

        Object add(Object a, Object b) {
            return switch (this) {
                case INT -> (Integer) a + (Integer) b;
                case LONG -> (Long) a + (Long) b;
                case SHORT -> (short) ((Short) a + (Short) b);
                case BYTE -> (byte) ((Byte) a + (Byte) b);
                case FLOAT -> (Float) a + (Float) b;
                case DOUBLE -> (Double) a + (Double) b;
                case BIG_INTEGER -> ((BigInteger) a).add((BigInteger) b);
                case BIG_DECIMAL -> ((BigDecimal) a).add((BigDecimal) b);
                case COMPARABLE -> throw new IllegalStateException("not numeric");
            };
        }

        Object ofCount(long count) {
            return switch (this) {
                case INT -> Math.toIntExact(count);
                case LONG -> count;
                case SHORT -> (short) Math.toIntExact(count);
                case BYTE -> (byte) Math.toIntExact(count);
                case FLOAT -> (float) count;
                case DOUBLE -> (double) count;
                case BIG_INTEGER -> BigInteger.valueOf(count);
                case BIG_DECIMAL -> BigDecimal.valueOf(count);
                case COMPARABLE -> throw new IllegalStateException("not numeric");
            };
        }

        Object mean(Object sum, long count) {
            return switch (this) {
                case FLOAT -> (Float) sum / count;
                case DOUBLE -> (Double) sum / count;
                case BIG_DECIMAL -> ((BigDecimal) sum).divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
                default -> throw new IllegalStateException("no mean in " + this);
            };
        }

        boolean numeric() {
            return this != COMPARABLE;
        }
    }

    /** One aggregation: the function, the field's position and its arithmetic. */
    record Step(Aggregations function, int field, Arithmetic arithmetic) implements Serializable {
        boolean counted() {
            return function == Aggregations.COUNT || function == Aggregations.AVERAGE;
        }
    }

    /** The composite type of a data set whose fields are aggregated, or a clear error. */
    @SuppressWarnings("unchecked")
    static <T> CompositeTypeInfo<T> composite(DataSet<T> input, String what) {
        TypeInfo<T> type = input.getType();
        if (type instanceof CompositeTypeInfo<?> composite) {
            return (CompositeTypeInfo<T>) composite;
        }
        throw new InvalidPlanException(what + " of " + input.describe() + ": " + type
                + " has no fields; it works on records, POJOs and tuples");
    }

    /** The position of a field given by name or position, checked against the type. */
    static int position(DataSet<?> input, CompositeTypeInfo<?> type, Object field, String what) {
        int position = field instanceof Integer index ? index : type.fieldIndex((String) field);
        if (position < 0 || position >= type.arity()) {
            throw new InvalidPlanException(what + " of " + input.describe() + ": " + type + " has no field " + field
                    + "; its fields are " + type.fieldNames());
        }
        return position;
    }

    /** Checks that {@code function} can aggregate the field and returns the step. */
    static Step step(DataSet<?> input, Aggregations function, Object field) {
        String what = function.name().toLowerCase(java.util.Locale.ROOT) + "(" + field + ")";
        CompositeTypeInfo<?> type = composite(input, what);
        int position = position(input, type, field, what);
        TypeInfo<?> fieldType = type.field(position).type();
        Arithmetic arithmetic = Arithmetic.of(fieldType.typeClass());
        boolean ok = switch (function) {
            case MIN, MAX -> arithmetic != null;
            case SUM, COUNT -> arithmetic != null && arithmetic.numeric();
            case AVERAGE ->
                arithmetic == Arithmetic.FLOAT
                        || arithmetic == Arithmetic.DOUBLE
                        || arithmetic == Arithmetic.BIG_DECIMAL;
        };
        if (!ok) {
            throw new InvalidPlanException(what + " of " + input.describe() + ": field "
                    + type.field(position).name() + " is " + fieldType + ", which " + function
                    + (function == Aggregations.AVERAGE
                            ? " cannot hold: the mean goes into the field, so it must be float, double or"
                                    + " BigDecimal (map the field to one first)"
                            : " cannot aggregate: it needs a "
                                    + (function == Aggregations.MIN || function == Aggregations.MAX
                                            ? "comparable"
                                            : "numeric")
                                    + " field"));
        }
        return new Step(function, position, arithmetic);
    }

    /** Reduces two records to one, field by field; fields without a step keep the first record's value. */
    static final class Reducer<T> implements ReduceFunction<T> {
        private final CompositeAccess<T> access;
        private final Step[] steps;

        Reducer(CompositeAccess<T> access, List<Step> steps) {
            this.access = access;
            this.steps = steps.toArray(new Step[0]);
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public T reduce(T first, T second) {
            Object[] fields = new Object[access.arity()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = access.get(first, i);
            }
            for (Step step : steps) {
                Object a = fields[step.field()];
                Object b = access.get(second, step.field());
                if (a == null || b == null) {
                    fields[step.field()] = a == null ? b : a;
                    continue;
                }
                fields[step.field()] = switch (step.function()) {
                    case SUM, AVERAGE -> step.arithmetic().add(a, b);
                    case MIN -> ((Comparable) a).compareTo(b) <= 0 ? a : b;
                    case MAX -> ((Comparable) a).compareTo(b) >= 0 ? a : b;
                    case COUNT -> a; // the counts beside the record say
                };
            }
            return access.create(fields);
        }
    }

    /** Pairs a record with one count per step: 1 where the step's field is not null. */
    static final class Pair<T> implements MapFunction<T, Tuple2<T, long[]>> {
        private final CompositeAccess<T> access;
        private final Step[] steps;

        Pair(CompositeAccess<T> access, List<Step> steps) {
            this.access = access;
            this.steps = steps.toArray(new Step[0]);
        }

        @Override
        public Tuple2<T, long[]> map(T record) {
            long[] counts = new long[steps.length];
            for (int i = 0; i < steps.length; i++) {
                counts[i] = access.get(record, steps[i].field()) == null ? 0 : 1;
            }
            return Tuple2.of(record, counts);
        }
    }

    /** Reduces paired records and adds their counts. */
    static final class CountingReducer<T> implements ReduceFunction<Tuple2<T, long[]>> {
        private final Reducer<T> records;

        CountingReducer(Reducer<T> records) {
            this.records = records;
        }

        @Override
        public Tuple2<T, long[]> reduce(Tuple2<T, long[]> first, Tuple2<T, long[]> second) {
            long[] counts = first.f1.clone();
            for (int i = 0; i < counts.length; i++) {
                counts[i] += second.f1[i];
            }
            return Tuple2.of(records.reduce(first.f0, second.f0), counts);
        }
    }

    /** Writes the counts and the means into their fields. */
    static final class Finish<T> implements MapFunction<Tuple2<T, long[]>, T> {
        private final CompositeAccess<T> access;
        private final Step[] steps;

        Finish(CompositeAccess<T> access, List<Step> steps) {
            this.access = access;
            this.steps = steps.toArray(new Step[0]);
        }

        @Override
        public T map(Tuple2<T, long[]> paired) {
            Object[] fields = new Object[access.arity()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = access.get(paired.f0, i);
            }
            for (int i = 0; i < steps.length; i++) {
                Step step = steps[i];
                long count = paired.f1[i];
                if (step.function() == Aggregations.COUNT) {
                    fields[step.field()] = step.arithmetic().ofCount(count);
                } else if (step.function() == Aggregations.AVERAGE) {
                    fields[step.field()] = count == 0 ? null : step.arithmetic().mean(fields[step.field()], count);
                }
            }
            return access.create(fields);
        }
    }

    /** Keeps the record whose fields (compared in order) are least, or greatest; the first on ties. */
    static final class SelectBy<T> implements ReduceFunction<T> {
        private final CompositeAccess<T> access;
        private final int[] fields;
        private final boolean least;

        SelectBy(CompositeAccess<T> access, int[] fields, boolean least) {
            this.access = access;
            this.fields = fields;
            this.least = least;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public T reduce(T first, T second) {
            for (int field : fields) {
                Comparable a = (Comparable) access.get(first, field);
                Comparable b = (Comparable) access.get(second, field);
                int order = a == null ? (b == null ? 0 : 1) : b == null ? -1 : a.compareTo(b); // nulls last
                if (order != 0) {
                    return (order < 0) == least ? first : second;
                }
            }
            return first;
        }
    }

    /** The fields at the given positions, as a tuple. */
    static final class Projection<T> implements MapFunction<T, Tuple> {
        private final CompositeAccess<T> access;
        private final int[] fields;

        Projection(CompositeAccess<T> access, int[] fields) {
            this.access = access;
            this.fields = fields;
        }

        @Override
        public Tuple map(T record) {
            Tuple tuple = Tuple.newInstance(fields.length);
            for (int i = 0; i < fields.length; i++) {
                tuple.setField(access.get(record, fields[i]), i);
            }
            return tuple;
        }
    }

    /** The tuple type of a projection. */
    static TypeInfo<Tuple> projectedType(CompositeTypeInfo<?> type, int[] fields) {
        List<TypeInfo<?>> types = new ArrayList<>();
        for (int field : fields) {
            types.add(type.field(field).type());
        }
        return Types.TUPLE(types.toArray(new TypeInfo<?>[0]));
    }
}
