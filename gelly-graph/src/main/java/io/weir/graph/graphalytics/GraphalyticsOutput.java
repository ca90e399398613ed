package io.weir.graph.graphalytics;

import io.weir.core.io.TextOutputFormat;
import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSink;

/**
 * Writes results as Graphalytics expects them: one {@code id value} line per vertex; integers as
 * they are, doubles in the shortest form that reads back to the same double, positive infinity as
 * {@code infinity}.
 */
public final class GraphalyticsOutput {

    private GraphalyticsOutput() {}

    /** Whether {@link Double#toString} already gives the shortest digits (JDK 19 onwards, JDK-4511638). */
    private static final boolean SHORTEST_TO_STRING = Runtime.version().feature() >= 19;

    /** Writes {@code values} as {@code id value} lines into the part files of directory {@code path}. */
    public static <V> DataSink<String> write(DataSet<Tuple2<Long, V>> values, String path, WriteMode mode) {
        return values.map(value -> value.f0 + " " + format(value.f1))
                .returns(Types.STRING)
                .name("format")
                .output(new TextOutputFormat<>(path, mode))
                .name("write " + path);
    }

    /** A value as Graphalytics prints it. */
    static String format(Object value) {
        return value instanceof Double d ? format(d.doubleValue()) : String.valueOf(value);
    }

    /**
     * The shortest decimal form of {@code value} that reads back to it ({@code Double.toString}'s
     * notation), {@code infinity} for positive infinity.
     */
    public static String format(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "infinity";
        }
        String text = Double.toString(value);
        if (SHORTEST_TO_STRING || Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return text;
        }
        return shorten(text, value);
    }

    /** 10^0 .. 10^18. */
    private static final long[] POWERS = new long[19];

    /** 10^0 .. 10^22 as doubles, all exact. */
    private static final double[] DOUBLE_POWERS = new double[23];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
        DOUBLE_POWERS[0] = 1;
        for (int i = 1; i < DOUBLE_POWERS.length; i++) {
            DOUBLE_POWERS[i] = DOUBLE_POWERS[i - 1] * 10;
        }
    }

    /**
     * Before JDK 19, {@code Double.toString} may give a digit or two more than needed: {@code text}
     * (its output for {@code value}, which is finite and not zero) rounded half-up to fewer and fewer
     * significant digits while the rounded decimal still reads back as {@code value}. The digits are a
     * {@code long}; a candidate reads back by one exact division or multiplication when its digits
     * and power of ten are exact doubles (as {@code Double.parseDouble} itself computes it then), else
     * through {@code Double.parseDouble} — no {@code BigDecimal} per value.
     */
    static String shorten(String text, double value) {
        boolean negative = text.charAt(0) == '-';
        long digits = 0;
        int count = 0; // significant digits (leading zeros skipped, trailing ones kept)
        int fraction = 0; // digits after the point
        int exponent = 0;
        boolean afterPoint = false;
        for (int i = negative ? 1 : 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                afterPoint = true;
            } else if (c == 'E') {
                exponent = Integer.parseInt(text, i + 1, text.length(), 10);
                break;
            } else {
                fraction += afterPoint ? 1 : 0;
                if (count > 0 || c != '0') {
                    if (count == POWERS.length - 1) {
                        return text; // never from Double.toString: more digits than a long rounds here
                    }
                    digits = digits * 10 + (c - '0');
                    count++;
                }
            }
        }
        double magnitude = Math.abs(value);
        long best = -1;
        int bestExponent = 0;
        for (int precision = count - 1; precision >= 1; precision--) {
            long unit = POWERS[count - precision];
            long rounded = digits / unit;
            if (2 * (digits % unit) >= unit) {
                rounded++;
            }
            int roundedExponent = exponent - fraction + count - precision;
            if (readsBack(rounded, roundedExponent) != magnitude) {
                break;
            }
            best = rounded;
            bestExponent = roundedExponent;
        }
        if (best < 0) {
            return text;
        }
        return (negative ? "-" : "") + notation(best, bestExponent);
    }

    /** The double nearest {@code digits · 10^exponent}. */
    private static double readsBack(long digits, int exponent) {
        if (digits < (1L << 53) && exponent >= -22 && exponent <= 22) {
            return exponent < 0 ? digits / DOUBLE_POWERS[-exponent] : digits * DOUBLE_POWERS[exponent];
        }
        return Double.parseDouble(digits + "E" + exponent);
    }

    /**
     * {@code digits · 10^exponent} (positive) in {@code Double.toString}'s notation: plain from 10^-3
     * to 10^7, else {@code d.dddEn}; at least one digit after the point.
     */
    static String notation(long digits, int exponent) {
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        String shown = Long.toString(digits);
        int leading = exponent + shown.length() - 1; // the power of ten of the first digit
        StringBuilder out = new StringBuilder(shown.length() + 8);
        if (leading >= -3 && leading < 7) {
            if (leading < 0) {
                out.append("0.");
                for (int zero = 1; zero < -leading; zero++) {
                    out.append('0');
                }
                out.append(shown);
            } else if (shown.length() <= leading + 1) {
                out.append(shown);
                for (int zero = shown.length(); zero <= leading; zero++) {
                    out.append('0');
                }
                out.append(".0");
            } else {
                out.append(shown, 0, leading + 1).append('.').append(shown, leading + 1, shown.length());
            }
            return out.toString();
        }
        out.append(shown.charAt(0)).append('.');
        if (shown.length() > 1) {
            out.append(shown, 1, shown.length());
        } else {
            out.append('0');
        }
        return out.append('E').append(leading).toString();
    }
}
