package io.weir.dataset.summarize;

import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeInfo;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The running statistics of every field of a data set's records, as one parallel instance gathers
 * them: records are {@linkplain #add added}, instances' statistics {@linkplain #merge merged} (the
 * counts, minima, maxima and exact sums simply; the means and variances by Chan's pairwise update of
 * Welford's moments, so the result does not depend on how the records were partitioned beyond
 * rounding), and the {@linkplain #results summaries} read at the end. Used by {@code
 * DataSetUtils.summarize}.
 */
public final class Summaries implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FieldStatistics[] fields;
    /** The type's field accessor, or {@code null} when the records themselves are the one column. */
    private final io.weir.core.serialization.CompositeAccess<Object> access;

    private Summaries(FieldStatistics[] fields, io.weir.core.serialization.CompositeAccess<Object> access) {
        this.fields = fields;
        this.access = access;
    }

    /** Empty statistics for records of {@code type}: one column per field of a composite type, else one. */
    @SuppressWarnings("unchecked")
    public static Summaries forType(TypeInfo<?> type) {
        if (type instanceof CompositeTypeInfo<?> composite) {
            List<CompositeTypeInfo.Field> fields = composite.fields();
            FieldStatistics[] statistics = new FieldStatistics[fields.size()];
            for (int i = 0; i < statistics.length; i++) {
                statistics[i] = FieldStatistics.of(fields.get(i).type().typeClass());
            }
            return new Summaries(statistics, (io.weir.core.serialization.CompositeAccess<Object>) composite.access());
        }
        return new Summaries(new FieldStatistics[] {FieldStatistics.of(type.typeClass())}, null);
    }

    /** Adds a record's fields. */
    public void add(Object record) {
        if (access == null) {
            fields[0].add(record);
            return;
        }
        for (int i = 0; i < fields.length; i++) {
            fields[i].add(access.get(record, i));
        }
    }

    /** Adds another instance's statistics (of the same type) to these; returns these. */
    public Summaries merge(Summaries other) {
        for (int i = 0; i < fields.length; i++) {
            fields[i].merge(other.fields[i]);
        }
        return this;
    }

    /** The summary of each field, in field order. */
    public List<ColumnSummary> results() {
        List<ColumnSummary> results = new ArrayList<>(fields.length);
        for (FieldStatistics field : fields) {
            results.add(field.result());
        }
        return results;
    }

    /** Count, mean and sum of squared deviations (Welford), mergeable (Chan et al.). */
    static final class Moments implements Serializable {
        private static final long serialVersionUID = 1L;
        long count;
        double mean;
        double m2;

        void add(double x) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        }

        void merge(Moments other) {
            if (other.count == 0) {
                return;
            }
            if (count == 0) {
                count = other.count;
                mean = other.mean;
                m2 = other.m2;
                return;
            }
            long total = count + other.count;
            double delta = other.mean - mean;
            mean += delta * other.count / total;
            m2 += other.m2 + delta * delta * ((double) count * other.count / total);
            count = total;
        }

        Double mean() {
            return count == 0 ? null : mean;
        }

        Double variance() {
            return count < 2 ? null : m2 / (count - 1);
        }
    }

    /** The statistics of one field. */
    abstract static class FieldStatistics implements Serializable {
        private static final long serialVersionUID = 1L;
        long total;
        long nulls;

        /** The statistics of a field whose type info has class {@code boxed} (a basic type's box). */
        static FieldStatistics of(Class<?> boxed) {
            if (boxed == Byte.class || boxed == Short.class || boxed == Integer.class || boxed == Long.class) {
                return new Integral(boxed);
            }
            if (boxed == Float.class || boxed == Double.class) {
                return new Floating(boxed == Float.class);
            }
            if (boxed == BigInteger.class || boxed == BigDecimal.class) {
                return new Big(boxed == BigInteger.class);
            }
            if (boxed == String.class) {
                return new Text();
            }
            if (boxed == Boolean.class) {
                return new Logical();
            }
            return new Other();
        }

        final void add(Object value) {
            total++;
            if (value == null) {
                nulls++;
            } else {
                addValue(value);
            }
        }

        final void merge(FieldStatistics other) {
            total += other.total;
            nulls += other.nulls;
            mergeValues(other);
        }

        abstract void addValue(Object value);

        abstract void mergeValues(FieldStatistics other);

        abstract ColumnSummary result();
    }

    /** A numeric field: the moments of its non-missing values, and the summary made of them. */
    abstract static class NumericStatistics extends FieldStatistics {
        private static final long serialVersionUID = 1L;
        final Moments moments = new Moments();

        @SuppressWarnings({"unchecked", "rawtypes"})
        final ColumnSummary summary(long nans, long infinities, Number min, Number max, Number sum) {
            boolean any = moments.count > 0;
            return new NumericColumnSummary(
                    total,
                    nulls,
                    nans,
                    infinities,
                    moments.count,
                    any ? min : null,
                    any ? max : null,
                    sum,
                    moments.mean(),
                    moments.variance());
        }
    }

    /** Byte, Short, Integer, Long: exact sum in a long, in a BigInteger once a long would overflow. */
    static final class Integral extends NumericStatistics {
        private static final long serialVersionUID = 1L;
        private final Class<?> type;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;
        private long sum;
        private BigInteger bigSum;

        Integral(Class<?> type) {
            this.type = type;
        }

        @Override
        void addValue(Object value) {
            long x = ((Number) value).longValue();
            min = Math.min(min, x);
            max = Math.max(max, x);
            addToSum(x);
            moments.add(x);
        }

        private void addToSum(long x) {
            if (bigSum != null) {
                bigSum = bigSum.add(BigInteger.valueOf(x));
                return;
            }
            long result = sum + x;
            if (((sum ^ result) & (x ^ result)) < 0) { // overflowed
                bigSum = BigInteger.valueOf(sum).add(BigInteger.valueOf(x));
            } else {
                sum = result;
            }
        }

        @Override
        void mergeValues(FieldStatistics statistics) {
            Integral other = (Integral) statistics;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            if (other.bigSum != null) {
                bigSum = (bigSum != null ? bigSum : BigInteger.valueOf(sum)).add(other.bigSum);
            } else {
                addToSum(other.sum);
            }
            moments.merge(other.moments);
        }

        private Number boxed(long value) {
            if (type == Byte.class) {
                return (byte) value;
            } else if (type == Short.class) {
                return (short) value;
            } else if (type == Integer.class) {
                return (int) value;
            }
            return value;
        }

        @Override
        ColumnSummary result() {
            return summary(0, 0, boxed(min), boxed(max), bigSum != null ? bigSum : (Number) sum);
        }
    }

    /** Float, Double: NaN and infinities counted apart; a compensated (Neumaier) sum. */
    static final class Floating extends NumericStatistics {
        private static final long serialVersionUID = 1L;
        private final boolean single;
        private long nans;
        private long infinities;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;
        private double compensation;

        Floating(boolean single) {
            this.single = single;
        }

        @Override
        void addValue(Object value) {
            double x = ((Number) value).doubleValue();
            if (Double.isNaN(x)) {
                nans++;
            } else if (Double.isInfinite(x)) {
                infinities++;
            } else {
                min = Math.min(min, x);
                max = Math.max(max, x);
                addToSum(x);
                moments.add(x);
            }
        }

        private void addToSum(double x) {
            double result = sum + x;
            compensation += Math.abs(sum) >= Math.abs(x) ? (sum - result) + x : (x - result) + sum;
            sum = result;
        }

        @Override
        void mergeValues(FieldStatistics statistics) {
            Floating other = (Floating) statistics;
            nans += other.nans;
            infinities += other.infinities;
            min = Math.min(min, other.min);
            max = Math.max(max, other.max);
            addToSum(other.sum);
            compensation += other.compensation;
            moments.merge(other.moments);
        }

        private Number boxed(double value) {
            return single ? (Number) (float) value : (Number) value;
        }

        @Override
        ColumnSummary result() {
            return summary(nans, infinities, boxed(min), boxed(max), sum + compensation);
        }
    }

    /** BigInteger, BigDecimal: exact sums, minima and maxima by value. */
    static final class Big extends NumericStatistics {
        private static final long serialVersionUID = 1L;
        private final boolean integer;
        private BigDecimal min;
        private BigDecimal max;
        private BigDecimal sum = BigDecimal.ZERO;

        Big(boolean integer) {
            this.integer = integer;
        }

        @Override
        void addValue(Object value) {
            BigDecimal x = value instanceof BigInteger big ? new BigDecimal(big) : (BigDecimal) value;
            min = min == null || x.compareTo(min) < 0 ? x : min;
            max = max == null || x.compareTo(max) > 0 ? x : max;
            sum = sum.add(x);
            moments.add(x.doubleValue());
        }

        @Override
        void mergeValues(FieldStatistics statistics) {
            Big other = (Big) statistics;
            if (other.min != null) {
                min = min == null || other.min.compareTo(min) < 0 ? other.min : min;
                max = max == null || other.max.compareTo(max) > 0 ? other.max : max;
            }
            sum = sum.add(other.sum);
            moments.merge(other.moments);
        }

        private Number boxed(BigDecimal value) {
            return value == null ? null : integer ? value.toBigIntegerExact() : value;
        }

        @Override
        ColumnSummary result() {
            return summary(0, 0, boxed(min), boxed(max), boxed(sum));
        }
    }

    /** Strings: empty ones counted, lengths in chars. */
    static final class Text extends FieldStatistics {
        private static final long serialVersionUID = 1L;
        private long empty;
        private int minLength = Integer.MAX_VALUE;
        private int maxLength = -1;
        private long lengths;

        @Override
        void addValue(Object value) {
            int length = ((String) value).length();
            if (length == 0) {
                empty++;
            }
            minLength = Math.min(minLength, length);
            maxLength = Math.max(maxLength, length);
            lengths += length;
        }

        @Override
        void mergeValues(FieldStatistics statistics) {
            Text other = (Text) statistics;
            empty += other.empty;
            minLength = Math.min(minLength, other.minLength);
            maxLength = Math.max(maxLength, other.maxLength);
            lengths += other.lengths;
        }

        @Override
        ColumnSummary result() {
            long values = total - nulls;
            return new StringColumnSummary(
                    total,
                    nulls,
                    empty,
                    values == 0 ? null : minLength,
                    values == 0 ? null : maxLength,
                    values == 0 ? null : (double) lengths / values);
        }
    }

    /** Booleans: true and false counted. */
    static final class Logical extends FieldStatistics {
        private static final long serialVersionUID = 1L;
        private long trues;

        @Override
        void addValue(Object value) {
            if ((Boolean) value) {
                trues++;
            }
        }

        @Override
        void mergeValues(FieldStatistics statistics) {
            trues += ((Logical) statistics).trues;
        }

        @Override
        ColumnSummary result() {
            return new BooleanColumnSummary(trues, total - nulls - trues, nulls);
        }
    }

    /** Any other type: null and non-null counts only. */
    static final class Other extends FieldStatistics {
        private static final long serialVersionUID = 1L;

        @Override
        void addValue(Object value) {}

        @Override
        void mergeValues(FieldStatistics statistics) {}

        @Override
        ColumnSummary result() {
            return new ObjectColumnSummary(total, nulls);
        }
    }
}
