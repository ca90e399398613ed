package io.weir.graph.graphalytics;

import io.weir.core.io.DelimitedInputFormat;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.graph.blocks.BlockGraph;
import io.weir.graph.blocks.BlockGraph.EdgeBatch;
import java.io.IOException;

/**
 * Reads graphs as LDBC Graphalytics ships them: an edge file of {@code src dst} or {@code src dst
 * weight} lines, and an optional vertex file of one id per line. Fields are separated by any run of
 * spaces or tabs; empty lines and lines starting with {@code #} are skipped. A line that does not
 * parse fails the job naming the file, the line number and the text.
 */
public final class GraphFiles {

    private GraphFiles() {}

    /** Edges as {@code (source, target, weight)}; weight 1 where a line has no third column. */
    static final TypeInfo<Tuple3<Long, Long, Double>> EDGE = Types.TUPLE(Types.LONG, Types.LONG, Types.DOUBLE);

    /**
     * The edges of {@code path} (a file or a directory of files).
     *
     * @param weighted whether the weights count: then every line must have one, and a negative or
     *     non-finite weight fails the job naming the line (for shortest paths); otherwise a third column
     *     is ignored and every weight is 1
     */
    public static DataSet<Tuple3<Long, Long, Double>> edges(ExecutionEnvironment env, String path, boolean weighted) {
        return env.createInput(new EdgeFormat(path, weighted), EDGE).name("read edges " + path);
    }

    /**
     * The edges of {@code path} as {@code (source, target)} in batches of at most {@link
     * BlockGraph#BATCH_EDGES} — one record per batch, not per edge, for the block graph. A third
     * column is ignored; a malformed line fails the job as with {@link #edges}.
     */
    public static DataSet<EdgeBatch> edgeBatches(ExecutionEnvironment env, String path) {
        return env.createInput(new EdgeBatchFormat(path), Types.of(EdgeBatch.class))
                .name("read edges " + path + " in batches");
    }

    /** The vertex ids of {@code path}, one per line. */
    public static DataSet<Long> vertices(ExecutionEnvironment env, String path) {
        return env.createInput(new VertexFormat(path), Types.LONG).name("read vertices " + path);
    }

    /** Splits a line into at most {@code max} whitespace-separated fields; returns how many there are. */
    static int split(String line, String[] fields) {
        int count = 0;
        int position = 0;
        int length = line.length();
        while (true) {
            while (position < length && isSpace(line.charAt(position))) {
                position++;
            }
            if (position == length) {
                return count;
            }
            int end = position;
            while (end < length && !isSpace(line.charAt(end))) {
                end++;
            }
            if (count == fields.length) {
                return count + 1;
            }
            fields[count++] = line.substring(position, end);
            position = end;
        }
    }

    /** Where the run of spaces and tabs from {@code from} ends (at most {@code to}). */
    private static int spacesEnd(byte[] bytes, int from, int to) {
        while (from < to && isSpace(bytes[from])) {
            from++;
        }
        return from;
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    /**
     * The decimal {@code long} in {@code bytes[from .. to)}: an optional '-' and digits, nothing else.
     *
     * @throws NumberFormatException for anything else, or a value out of range
     */
    static long parseLong(byte[] bytes, int from, int to) {
        boolean negative = bytes[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to || to - i > 19) {
            throw new NumberFormatException("not a long");
        }
        // accumulated negatively, as Long.parseLong does, so that Long.MIN_VALUE fits
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9 || value < Long.MIN_VALUE / 10) {
                throw new NumberFormatException("not a long");
            }
            value *= 10;
            if (value < Long.MIN_VALUE + digit) {
                throw new NumberFormatException("out of range");
            }
            value -= digit;
        }
        if (negative) {
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw new NumberFormatException("out of range");
        }
        return -value;
    }

    /** The base of both formats: skipping, splitting and error messages. */
    abstract static class LineFormat<T> extends DelimitedInputFormat<T> {
        private static final long serialVersionUID = 1L;
        private static final int MAX_SHOWN = 200;

        private final int minFields;
        private final int maxFields;
        private final String expected;
        private transient String[] fields;

        LineFormat(String path, int minFields, int maxFields, String expected) {
            super(path);
            this.minFields = minFields;
            this.maxFields = maxFields;
            this.expected = expected;
        }

        /** Field bounds of the line being read in byte mode. */
        private transient int[] starts;

        private transient int[] ends;

        @Override
        protected final boolean readsBytes() {
            return true;
        }

        /**
         * Splits and parses the line's bytes; anything unusual (a field count or a number this parser
         * does not take) goes to the {@code String} path, which reads it or names what is wrong.
         */
        @Override
        protected final T readRecord(byte[] line, int offset, int lineLength, long lineStart) throws IOException {
            if (readCanonical(line, offset, offset + lineLength)) {
                return null;
            }
            if (starts == null) {
                starts = new int[maxFields];
                ends = new int[maxFields];
            }
            int count = 0;
            int position = offset;
            int length = offset + lineLength;
            while (true) {
                while (position < length && isSpace(line[position])) {
                    position++;
                }
                if (position == length) {
                    break;
                }
                int start = position;
                while (position < length && !isSpace(line[position])) {
                    position++;
                }
                if (count == maxFields) {
                    count++;
                    break;
                }
                starts[count] = start;
                ends[count++] = position;
            }
            if (count == 0 || line[starts[0]] == '#') {
                return null;
            }
            if (count >= minFields && count <= maxFields) {
                try {
                    return parse(line, starts, ends, count);
                } catch (NumberFormatException e) {
                    // the String path says what is wrong, or reads what this parser does not
                }
            }
            return readRecord(new String(line, offset, lineLength, java.nio.charset.StandardCharsets.UTF_8), lineStart);
        }

        /**
         * For formats that gather lines into their own state: reads the line {@code line[from .. to)} in
         * one pass if it has the usual form, returning whether it did (then it gives no record);
         * {@code false} leaves the line to the general path.
         */
        boolean readCanonical(byte[] line, int from, int to) {
            return false;
        }

        /** The record of a line's fields {@code line[starts[i] .. ends[i])}, {@code i < count}. */
        abstract T parse(byte[] line, int[] starts, int[] ends, int count);

        @Override
        protected final T readRecord(String line, long lineStart) throws IOException {
            if (fields == null) {
                fields = new String[maxFields];
            }
            int count = split(line, fields);
            if (count == 0 || fields[0].startsWith("#")) {
                return null;
            }
            if (count < minFields || count > maxFields) {
                throw bad(line, lineStart, "it has " + count + " fields, " + expected + " are expected");
            }
            try {
                return parse(fields, count);
            } catch (NumberFormatException e) {
                throw bad(line, lineStart, "a field is not a number (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                throw bad(line, lineStart, e.getMessage());
            }
        }

        abstract T parse(String[] fields, int count);

        private IOException bad(String line, long lineStart, String reason) {
            String shown = line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "...";
            return new IOException("cannot read line " + lineNumber(lineStart) + " of " + currentFile() + ": "
                    + reason + ". The line: '" + shown + "'. Each line must be " + expected
                    + " separated by spaces or tabs.");
        }
    }

    static final class EdgeFormat extends LineFormat<Tuple3<Long, Long, Double>> {
        private static final long serialVersionUID = 1L;
        /** The weight of every edge of an unweighted graph (one instance, not one per edge). */
        private static final Double ONE = 1.0;

        private final boolean weighted;

        EdgeFormat(String path, boolean weighted) {
            super(
                    path,
                    weighted ? 3 : 2,
                    3,
                    weighted ? "a source id, a target id and a weight" : "a source id and a target id (and a weight)");
            this.weighted = weighted;
        }

        @Override
        Tuple3<Long, Long, Double> parse(byte[] line, int[] starts, int[] ends, int count) {
            if (weighted) {
                throw new NumberFormatException("weights are parsed from text");
            }
            return Tuple3.of(parseLong(line, starts[0], ends[0]), parseLong(line, starts[1], ends[1]), ONE);
        }

        @Override
        Tuple3<Long, Long, Double> parse(String[] fields, int count) {
            long source = Long.parseLong(fields[0]);
            long target = Long.parseLong(fields[1]);
            Double weight = ONE;
            if (weighted) {
                weight = Double.parseDouble(fields[2]);
                if (!(weight >= 0) || Double.isInfinite(weight)) {
                    throw new IllegalArgumentException("the weight " + fields[2] + " is not a finite non-negative"
                            + " number, which shortest paths need");
                }
            }
            return Tuple3.of(source, target, weight);
        }

        @Override
        public String description() {
            return "edge list " + path();
        }
    }

    /**
     * Lines of {@code source target [weight]} → {@link EdgeBatch}es: each line's ids go into the batch
     * being filled (the line parsers return no record), and a record comes out when the batch is full
     * or the split's lines run out.
     */
    static final class EdgeBatchFormat extends LineFormat<EdgeBatch> {
        private static final long serialVersionUID = 1L;

        private transient long[] sources;
        private transient long[] targets;
        private transient int count;

        EdgeBatchFormat(String path) {
            super(path, 2, 3, "a source id and a target id (and a weight)");
        }

        @Override
        public boolean reachedEnd() {
            return super.reachedEnd() && count == 0;
        }

        @Override
        public EdgeBatch nextRecord() throws IOException {
            if (sources == null) {
                sources = new long[BlockGraph.BATCH_EDGES];
                targets = new long[BlockGraph.BATCH_EDGES];
            }
            while (count < sources.length && !super.reachedEnd()) {
                super.nextRecord(); // appends the line's edge, if it has one
            }
            if (count == 0) {
                return null;
            }
            EdgeBatch batch = count == sources.length
                    ? new EdgeBatch(sources, targets)
                    : new EdgeBatch(java.util.Arrays.copyOf(sources, count), java.util.Arrays.copyOf(targets, count));
            sources = new long[BlockGraph.BATCH_EDGES];
            targets = new long[BlockGraph.BATCH_EDGES];
            count = 0;
            return batch;
        }

        /**
         * {@code source target [third field]}: two non-negative decimal ids of at most 18 digits
         * without a sign, separated and followed by spaces or tabs (and a CR), parsed as they are
         * scanned; anything else (comments, signs, long numbers, extra fields, errors) goes the
         * general way.
         */
        /** The value of the digits {@link #digits} read last (meaningless past 18 of them). */
        private transient long digitsValue;

        /** Where the run of decimal digits from {@code from} ends (at most {@code to}), their value read on the way. */
        private int digits(byte[] bytes, int from, int to) {
            long value = 0;
            int i = from;
            for (; i < to; i++) {
                int digit = bytes[i] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                value = value * 10 + digit;
            }
            digitsValue = value;
            return i;
        }

        @Override
        boolean readCanonical(byte[] line, int from, int to) {
            int sourceEnd = digits(line, from, to);
            long source = digitsValue;
            if (sourceEnd == from || sourceEnd - from > 18 || sourceEnd == to || !isSpace(line[sourceEnd])) {
                return false;
            }
            int targetStart = spacesEnd(line, sourceEnd, to);
            int targetEnd = digits(line, targetStart, to);
            long target = digitsValue;
            if (targetEnd == targetStart || targetEnd - targetStart > 18) {
                return false;
            }
            int at = spacesEnd(line, targetEnd, to);
            if (at == targetEnd && at < to) {
                return false; // the target runs into something that is not a digit
            }
            if (at < to) {
                // a third field (a weight, ignored), then nothing but spaces
                while (at < to && !isSpace(line[at])) {
                    at++;
                }
                if (spacesEnd(line, at, to) < to) {
                    return false;
                }
            }
            add(source, target);
            return true;
        }

        @Override
        EdgeBatch parse(byte[] line, int[] starts, int[] ends, int fieldCount) {
            long source = parseLong(line, starts[0], ends[0]);
            add(source, parseLong(line, starts[1], ends[1]));
            return null;
        }

        @Override
        EdgeBatch parse(String[] fields, int fieldCount) {
            long source = Long.parseLong(fields[0]);
            add(source, Long.parseLong(fields[1]));
            return null;
        }

        private void add(long source, long target) {
            sources[count] = source;
            targets[count++] = target;
        }

        @Override
        public void close() throws IOException {
            super.close();
            count = 0;
        }

        @Override
        public String description() {
            return "edge list " + path() + " in batches";
        }
    }

    static final class VertexFormat extends LineFormat<Long> {
        private static final long serialVersionUID = 1L;

        VertexFormat(String path) {
            super(path, 1, 1, "one vertex id");
        }

        @Override
        Long parse(String[] fields, int count) {
            return Long.parseLong(fields[0]);
        }

        @Override
        Long parse(byte[] line, int[] starts, int[] ends, int count) {
            return parseLong(line, starts[0], ends[0]);
        }

        @Override
        public String description() {
            return "vertex list " + path();
        }
    }
}
