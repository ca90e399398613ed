package io.weir.graph.graphalytics;

import io.weir.core.io.TextOutputFormat;
import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSink;
import java.math.BigDecimal;
import java.math.MathContext;

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
        if (SHORTEST_TO_STRING || Double.isNaN(value) || Double.isInfinite(value)) {
            return text;
        }
        // before JDK 19, Double.toString may give a digit or two more than needed: drop them while
        // the value still reads back the same
        BigDecimal exact = new BigDecimal(text);
        int digits = exact.precision();
        String shortest = text;
        for (int precision = digits - 1; precision >= 1; precision--) {
            BigDecimal rounded = exact.round(new MathContext(precision));
            if (rounded.doubleValue() != value) {
                break;
            }
            shortest = toJavaNotation(rounded);
        }
        return shortest;
    }

    /** {@code rounded} in {@code Double.toString}'s notation: plain from 10^-3 to 10^7, else {@code d.dddE±n}. */
    private static String toJavaNotation(BigDecimal rounded) {
        BigDecimal magnitude = rounded.abs();
        if (magnitude.compareTo(new BigDecimal("1e-3")) >= 0 && magnitude.compareTo(new BigDecimal("1e7")) < 0) {
            String plain = rounded.stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal stripped = rounded.stripTrailingZeros();
        String unscaled = stripped.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - stripped.scale();
        String mantissa = unscaled.substring(0, 1) + "." + (unscaled.length() > 1 ? unscaled.substring(1) : "0");
        return (rounded.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
    }
}
