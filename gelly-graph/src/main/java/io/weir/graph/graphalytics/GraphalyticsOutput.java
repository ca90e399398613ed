package io.weir.graph.graphalytics;

import io.weir.core.io.TextOutputFormat;
import io.weir.core.io.WriteMode;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Types;
import io.weir.core.util.DoubleFormat;
import io.weir.dataset.DataSet;
import io.weir.dataset.DataSink;

/**
 * Writes results as Graphalytics expects them: one {@code id value} line per vertex; integers as
 * they are, doubles in the shortest form that reads back to the same double, positive infinity as
 * {@code infinity}.
 */
public final class GraphalyticsOutput {

    private GraphalyticsOutput() {}

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
     * notation, as JDK 19 and later print it, on every JDK), {@code infinity} for positive infinity.
     */
    public static String format(double value) {
        return value == Double.POSITIVE_INFINITY ? "infinity" : DoubleFormat.toString(value);
    }
}
