package io.weir.core.io;

import io.weir.core.accumulators.Accumulator;
import io.weir.core.accumulators.LongCounter;
import io.weir.core.fs.FileSystem;
import io.weir.core.fs.SeekableInputStream;
import io.weir.core.functions.RuntimeContext;
import io.weir.core.predicate.Predicate;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.util.Bytes;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads CSV files into records with fields (Java records, POJOs, tuples): one line per record,
 * columns separated by a delimiter (one or more characters), fields optionally quoted (a quoted field
 * may hold the delimiter; a doubled quote inside it is one quote). Each field is parsed by its type:
 * see {@link CsvFieldParser}.
 *
 * <p>Columns map to fields by position (the first columns, or the columns chosen with {@link
 * Config#columns}), or, with {@link Header#NAMES}, by the names in each file's first line. Columns
 * after the last one needed are ignored, so a trailing delimiter (TPC-H's {@code .tbl} files) does
 * no harm. Empty lines and lines starting with the comment prefix are skipped.
 *
 * <p>A line that does not parse fails the job with the file, line number, column and text; with
 * {@link Config#lenient} it is skipped instead and counted in the accumulator {@link
 * Config#skippedLinesAccumulator}. A quoted field must end on its line.
 *
 * <p>A {@linkplain #withFilter pushed filter} on top-level fields is tested as soon as the last
 * column it reads is parsed: the columns after it in a line it rejects are neither searched nor
 * parsed nor checked (as with columns not read at all, a malformed value there neither fails the job
 * nor counts as a skipped line), and no record is built for the line.
 */
public final class CsvInputFormat<T> extends DelimitedInputFormat<T> implements ProjectionPushdown, FilterPushdown {

    private static final long serialVersionUID = 1L;
    private static final int MAX_SHOWN = 200;

    /** What a file's first line is. */
    public enum Header {
        /** Data, like every other line. */
        NONE,
        /** Skipped. */
        SKIP,
        /** Column names; fields are matched to columns by name. */
        NAMES
    }

    /**
     * How to read the files.
     *
     * @param delimiter between columns; not empty
     * @param quote the quote character, or {@code 0} when fields are never quoted
     * @param header what each file's first line is
     * @param columns for each field, the (0-based) column it is read from; {@code null} for the first
     *     columns in field order. Not allowed with {@link Header#NAMES}.
     * @param commentPrefix lines starting with it are skipped; {@code null} for none
     * @param lenient skip lines that do not parse instead of failing the job
     * @param skippedLinesAccumulator the accumulator counting skipped lines when lenient
     * @param multiLineFields quoted fields may hold line breaks: a record runs on over the next lines
     *     until its quotes are closed. Such files are not split (each is read by one instance), since
     *     a line inside a quoted field cannot be told from a record's start.
     */
    public record Config(
            String delimiter,
            char quote,
            Header header,
            int[] columns,
            String commentPrefix,
            boolean lenient,
            String skippedLinesAccumulator,
            boolean multiLineFields)
            implements Serializable {

        public Config {
            Objects.requireNonNull(delimiter, "delimiter is null");
            Objects.requireNonNull(header, "header is null");
            Objects.requireNonNull(skippedLinesAccumulator, "skippedLinesAccumulator is null");
            if (delimiter.isEmpty()) {
                throw new IllegalArgumentException("the CSV field delimiter is empty");
            }
            if (quote != 0 && delimiter.indexOf(quote) >= 0) {
                throw new IllegalArgumentException(
                        "the CSV quote character '" + quote + "' is part of the delimiter '" + delimiter + "'");
            }
            if (multiLineFields && quote == 0) {
                throw new IllegalArgumentException("multi-line fields need a quote character to enclose them");
            }
            if (columns != null) {
                if (header == Header.NAMES) {
                    throw new IllegalArgumentException(
                            "choose columns either by position or by the header's names, not both");
                }
                columns = columns.clone();
                for (int column : columns) {
                    if (column < 0) {
                        throw new IllegalArgumentException("column " + column + " is negative");
                    }
                }
            }
        }

        /** Comma-separated, '"'-quoted, no header, strict. */
        public static Config defaults() {
            return new Config(",", '"', Header.NONE, null, null, false, "csv-skipped-lines", false);
        }
    }

    private final CompositeTypeInfo<T> type;
    private final Config config;
    /** The fields to parse ({@code null}: all); the others keep {@link #unread}'s value. */
    private final Set<String> fields;
    /** The pushed filter, or {@code null}: lines it rejects are skipped. */
    private final Predicate filter;

    private transient java.util.function.Predicate<Object[]> accepts;
    /** The last column the filter reads: once it is parsed, the filter is tested. */
    private transient int lastFilterColumn;
    /** Whether a column up to {@link #lastFilterColumn} holds a field the filter reads. */
    private transient boolean[] filterColumn;
    /** Of the line being parsed, (column, start, end) of each field whose parsing waits for the filter. */
    private transient int[] columnStarts;

    /** Where a line's delimiters are, found at once when the delimiter is one byte ({@link Bytes#indexesOf}). */
    private transient int[] delimiterPositions;
    /**
     * Whether the fields the filter does not read wait for it to accept the line: while it rejects
     * more than a quarter of the lines of the last {@link #SELECTIVITY_SAMPLE} it tested.
     */
    private transient boolean deferring;

    private transient int filtered;
    private transient int rejected;

    private transient URI columnsOf;
    private transient int[] fieldOfColumn;
    /** The values of a record before its read fields are parsed, when not all are read. */
    private transient Object[] unreadValues;

    private transient LongCounter skipped;
    private transient CsvFieldParser[] parsers;

    /** The byte path ({@link #readsBytes}): a parser per field, the delimiter and comment prefix in UTF-8. */
    private transient CsvFieldParser.FromBytes[] byteParsers;

    private transient byte[] delimiterBytes;
    private transient byte[] commentBytes;

    public CsvInputFormat(String path, CompositeTypeInfo<T> type, Config config) {
        this(path, type, config, null, null);
    }

    private CsvInputFormat(
            String path, CompositeTypeInfo<T> type, Config config, Set<String> fields, Predicate filter) {
        super(path);
        this.filter = filter;
        if (fields != null && filter != null) {
            fields = new LinkedHashSet<>(fields);
            fields.addAll(filter.columns()); // the filter's columns are parsed whatever else is read
        }
        this.fields = fields == null ? null : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(fields));
        this.type = Objects.requireNonNull(type, "type is null");
        this.config = Objects.requireNonNull(config, "config is null");
        List<String> unsupported = new ArrayList<>();
        this.parsers = createParsers(type, unsupported);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException(
                    "CSV cannot be read into " + type.typeClass().getName()
                            + ": fields " + unsupported + " have types CSV has no text form for; "
                            + CsvFieldParser.SUPPORTED);
        }
        if (config.columns() != null) {
            if (config.columns().length != type.arity()) {
                throw new IllegalArgumentException(
                        config.columns().length + " columns chosen for the " + type.arity() + " fields "
                                + type.fieldNames() + " of " + type.typeClass().getName());
            }
            if (Arrays.stream(config.columns()).distinct().count() != type.arity()) {
                throw new IllegalArgumentException("a column is chosen twice: " + Arrays.toString(config.columns()));
            }
        }
    }

    private static CsvFieldParser[] createParsers(CompositeTypeInfo<?> type, List<String> unsupported) {
        CsvFieldParser[] parsers = new CsvFieldParser[type.arity()];
        for (int i = 0; i < type.arity(); i++) {
            CompositeTypeInfo.Field field = type.field(i);
            parsers[i] = CsvFieldParser.forType(field.type().typeClass(), field.nullable());
            if (parsers[i] == null) {
                unsupported.add(field.name() + " (" + field.type() + ")");
            }
        }
        return parsers;
    }

    public CompositeTypeInfo<T> type() {
        return type;
    }

    @Override
    public FileInputSplit[] createInputSplits(int minSplits) throws IOException {
        FileInputSplit[] splits = super.createInputSplits(minSplits);
        if (config.header() == Header.NAMES) {
            // every file's header must name every field: checked here, before any task starts
            Set<URI> files = new LinkedHashSet<>();
            for (FileInputSplit split : splits) {
                files.add(split.file());
            }
            for (URI file : files) {
                columnsByName(file);
            }
        }
        return splits;
    }

    @Override
    public void setRuntimeContext(RuntimeContext context) {
        if (config.lenient()) {
            Accumulator<Long, Long> existing = context.getAccumulator(config.skippedLinesAccumulator());
            if (existing instanceof LongCounter counter) {
                skipped = counter;
            } else {
                skipped = new LongCounter();
                context.addAccumulator(config.skippedLinesAccumulator(), skipped);
            }
        }
    }

    /**
     * A copy that parses only {@code fieldNames}: the columns of the other fields are skipped
     * unparsed (and not checked), and columns after the last one read are not even scanned. The
     * fields not read are null, or zero and false for primitives.
     */
    @Override
    public CsvInputFormat<T> withFields(Set<String> fieldNames) {
        type.requireFields(fieldNames);
        return new CsvInputFormat<>(path(), type, config, fieldNames, filter);
    }

    /**
     * A copy that skips the lines {@code predicate} rejects (see the class comment); this format
     * itself when the predicate reads anything but top-level fields.
     */
    @Override
    public CsvInputFormat<T> withFilter(Predicate predicate) {
        for (String column : predicate.columns()) {
            if (type.fieldIndex(column) < 0) {
                return this;
            }
        }
        return new CsvInputFormat<>(path(), type, config, fields, filter == null ? predicate : filter.and(predicate));
    }

    /** The pushed filter, or {@code null}. */
    public Predicate filter() {
        return filter;
    }

    /** Every line is tested: on its bytes, or when read as text. */
    @Override
    public boolean filtersExactly() {
        return filter != null;
    }

    /** The fields parsed, or {@code null} for all. */
    public Set<String> fields() {
        return fields;
    }

    /** Not when quoted fields may hold line breaks: a split could start inside one. */
    @Override
    protected boolean splittable() {
        return !config.multiLineFields();
    }

    /** With multi-line fields, a record whose quotes are not all closed runs on over the next line. */
    @Override
    protected boolean continues(String record) {
        if (!config.multiLineFields()) {
            return false;
        }
        char quote = config.quote();
        int quotes = 0;
        for (int i = 0; i < record.length(); i++) {
            if (record.charAt(i) == quote) {
                quotes++;
            }
        }
        return quotes % 2 == 1; // a doubled quote inside a field keeps the count even
    }

    /** The text of each field's column (no quote handling: an estimate). */
    @Override
    protected void sampleValues(String line, java.util.function.BiConsumer<String, String> fieldValue) {
        if (config.header() == Header.NAMES) {
            return; // columns by name: the header decides which column a field is
        }
        String[] columns = line.split(java.util.regex.Pattern.quote(config.delimiter()), -1);
        for (int i = 0; i < type.arity(); i++) {
            int column = config.columns() == null ? i : config.columns()[i];
            fieldValue.accept(type.field(i).name(), column < columns.length ? columns[column] : "");
        }
    }

    /** The text of the columns read (a field's binary form is about as wide), plus a byte per field. */
    @Override
    protected double sampledWidth(String line) {
        if (config.header() == Header.NAMES) {
            return super.sampledWidth(line);
        }
        double[] width = {0};
        sampleValues(line, (field, value) -> width[0] += value.length() + 1);
        return width[0];
    }

    @Override
    public void open(FileInputSplit split) throws IOException {
        if (parsers == null) {
            parsers = createParsers(type, new ArrayList<>());
        }
        if (byteParsers == null) {
            byteParsers = new CsvFieldParser.FromBytes[type.arity()];
            for (int i = 0; i < byteParsers.length; i++) {
                CompositeTypeInfo.Field field = type.field(i);
                byteParsers[i] = CsvFieldParser.forBytes(field.type().typeClass(), field.nullable());
            }
            delimiterBytes = config.delimiter().getBytes(StandardCharsets.UTF_8);
            commentBytes = config.commentPrefix() == null
                    ? null
                    : config.commentPrefix().getBytes(StandardCharsets.UTF_8);
        }
        if (filter != null && accepts == null) {
            accepts = filter.compileOverFields(type);
        }
        if (!split.file().equals(columnsOf)) {
            if (fields != null && unreadValues == null) {
                unreadValues = new Object[type.arity()];
                for (int field = 0; field < unreadValues.length; field++) {
                    if (!fields.contains(type.field(field).name())) {
                        unreadValues[field] = type.unreadValue(field);
                    }
                }
            }
            fieldOfColumn =
                    skipUnread(config.header() == Header.NAMES ? columnsByName(split.file()) : columnsByPosition());
            columnsOf = split.file();
            lastFilterColumn = -1;
            filterColumn = new boolean[fieldOfColumn.length];
            if (filter != null) {
                Set<String> tested = filter.columns();
                for (int column = 0; column < fieldOfColumn.length; column++) {
                    if (fieldOfColumn[column] >= 0
                            && tested.contains(type.field(fieldOfColumn[column]).name())) {
                        lastFilterColumn = column;
                        filterColumn[column] = true;
                    }
                }
            }
            columnStarts = new int[3 * Math.max(0, lastFilterColumn)];
            delimiterPositions = new int[fieldOfColumn.length];
            deferring = true;
            filtered = rejected = 0;
        }
        super.open(split);
    }

    /**
     * Lines are parsed from their bytes, without a {@code String} of the line; a line with a quoted
     * field, or a field the byte parsers leave alone (see {@link CsvFieldParser.FromBytes}), is read
     * again as text, which also names any error. Not with multi-line fields or a non-ASCII quote.
     */
    @Override
    protected boolean readsBytes() {
        return !config.multiLineFields() && config.quote() < 0x80;
    }

    @Override
    protected T readRecord(byte[] line, int offset, int length, long lineStart) throws IOException {
        if (lineStart == 0 && config.header() != Header.NONE) {
            return null;
        }
        if (length == 0 || (commentBytes != null && startsWith(line, offset, length, commentBytes))) {
            return null;
        }
        Object[] values = unreadValues == null ? new Object[type.arity()] : unreadValues.clone();
        int parsed = parseBytes(line, offset, offset + length, values);
        if (parsed == PARSED) {
            return type.access().create(values);
        }
        if (parsed == REJECTED) {
            return null;
        }
        return readRecord(new String(line, offset, length, StandardCharsets.UTF_8), lineStart);
    }

    /** What parsing a line from its bytes gave: all fields, a line the filter rejects, or nothing (read it as text). */
    private static final int PARSED = 0;

    private static final int REJECTED = 1;

    /** Lines between decisions whether to parse only the filter's fields first. */
    private static final int SELECTIVITY_SAMPLE = 1 << 12;

    private static final int AS_TEXT = 2;

    private static boolean startsWith(byte[] line, int offset, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(line, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    /**
     * Parses the fields of an unquoted line {@code line[position .. length)}: {@link #PARSED}, {@link
     * #AS_TEXT}, or {@link #REJECTED} when the filter rejects the line. With a filter, the fields before
     * its last column that it does not read are parsed only once it has accepted the line: of a line
     * it rejects no other field is parsed, and the columns after its last one are not even searched.
     */
    private int parseBytes(byte[] line, int position, int length, Object[] values) {
        int[] fields = fieldOfColumn;
        byte[] delimiter = delimiterBytes;
        byte quote = (byte) config.quote();
        int[] starts = columnStarts;
        boolean[] tested = filterColumn;
        int[] ends = delimiterPositions;
        int found = delimiter.length == 1
                ? Bytes.indexesOf(line, position, length, delimiter[0], ends, fields.length)
                : -1; // a longer delimiter is searched for field by field
        int deferred = 0; // columns before the filter's last one whose parsing waits for the filter
        int deferBefore = deferring ? lastFilterColumn : 0;
        for (int column = 0; column < fields.length; column++) {
            if (position > length || (quote != 0 && position < length && line[position] == quote)) {
                return AS_TEXT;
            }
            int end = found < 0 ? indexOf(line, position, length, delimiter) : column < found ? ends[column] : length;
            int field = fields[column];
            if (field >= 0) {
                if (column < deferBefore && !tested[column]) {
                    starts[deferred++] = column;
                    starts[deferred++] = position;
                    starts[deferred++] = end;
                } else if (!parse(line, position, end, field, values)) {
                    return AS_TEXT;
                }
            }
            if (column == lastFilterColumn) {
                boolean accepted = accepts.test(values);
                if (++filtered == SELECTIVITY_SAMPLE) {
                    // deferring pays where the filter rejects a good share of the lines, else it costs
                    deferring = rejected * 4 > filtered;
                    filtered = rejected = 0;
                }
                if (!accepted) {
                    rejected++;
                    return REJECTED;
                }
                for (int d = 0; d < deferred; d += 3) {
                    if (!parse(line, starts[d + 1], starts[d + 2], fields[starts[d]], values)) {
                        return AS_TEXT;
                    }
                }
            }
            position = end + delimiter.length;
        }
        return PARSED;
    }

    /** Parses {@code line[from .. to)} into {@code values[field]}; false when it is left to the text path. */
    private boolean parse(byte[] line, int from, int to, int field, Object[] values) {
        Object value = byteParsers[field].parse(line, from, to);
        values[field] = value;
        return value != CsvFieldParser.UNPARSED;
    }

    /** Where {@code delimiter} next occurs in {@code line[from .. length)}, or {@code length}. */
    private static int indexOf(byte[] line, int from, int length, byte[] delimiter) {
        int last = length - delimiter.length + 1;
        for (int i = from; i < last; i++) {
            i = Bytes.indexOf(line, i, last, delimiter[0]);
            if (i < 0) {
                break;
            }
            if (delimiter.length == 1
                    || Arrays.equals(line, i + 1, i + delimiter.length, delimiter, 1, delimiter.length)) {
                return i;
            }
        }
        return length;
    }

    @Override
    protected T readRecord(String line, long lineStart) throws IOException {
        if (lineStart == 0 && config.header() != Header.NONE) {
            return null;
        }
        if (line.isEmpty() || (config.commentPrefix() != null && line.startsWith(config.commentPrefix()))) {
            return null;
        }
        Object[] values = unreadValues == null ? new Object[type.arity()] : unreadValues.clone();
        try {
            parse(line, values);
        } catch (BadField bad) {
            if (config.lenient()) {
                if (skipped != null) {
                    skipped.add(1);
                }
                return null;
            }
            throw new IOException(describe(bad, line, lineStart));
        }
        if (accepts != null && !accepts.test(values)) {
            return null;
        }
        return type.access().create(values);
    }

    private void parse(String line, Object[] values) throws BadField {
        int[] fields = fieldOfColumn;
        String delimiter = config.delimiter();
        char quote = config.quote();
        int position = 0;
        int length = line.length();
        for (int column = 0; column < fields.length; column++) {
            if (position > length) {
                throw new BadField(
                        column,
                        -1,
                        "the line has " + column + " columns, " + fields.length + " are needed (is the delimiter '"
                                + delimiter + "' right?)");
            }
            int field = fields[column];
            if (quote != 0 && position < length && line.charAt(position) == quote) {
                int close = closingQuote(line, position + 1, quote, column);
                int after = close + 1;
                if (after < length && !line.startsWith(delimiter, after)) {
                    throw new BadField(column, field, "text after the closing quote of a quoted field");
                }
                if (field >= 0) {
                    String text = line.substring(position + 1, close);
                    if (text.indexOf(quote) >= 0) {
                        text = text.replace(String.valueOf(quote) + quote, String.valueOf(quote));
                    }
                    values[field] = parseField(field, column, text, 0, text.length());
                }
                position = after + delimiter.length();
            } else {
                int end = line.indexOf(delimiter, position);
                if (end < 0) {
                    end = length;
                }
                if (field >= 0) {
                    values[field] = parseField(field, column, line, position, end);
                }
                position = end + delimiter.length();
            }
        }
    }

    private static int closingQuote(String line, int from, char quote, int column) throws BadField {
        int i = from;
        while (true) {
            int next = line.indexOf(quote, i);
            if (next < 0) {
                throw new BadField(
                        column,
                        -1,
                        "a quoted field is not closed on its line" + " (fields spanning lines are not supported)");
            }
            if (next + 1 < line.length() && line.charAt(next + 1) == quote) {
                i = next + 2;
            } else {
                return next;
            }
        }
    }

    private Object parseField(int field, int column, String text, int start, int end) throws BadField {
        try {
            return parsers[field].parse(text, start, end);
        } catch (RuntimeException e) {
            String reason = e instanceof CsvFieldParser.InvalidField ? e.getMessage() : e.toString();
            throw new BadField(column, field, "'" + shorten(text.substring(start, end)) + "': " + reason);
        }
    }

    /** Column → field with the fields not read dropped, up to the last column that is read. */
    private int[] skipUnread(int[] columns) {
        if (fields == null) {
            return columns;
        }
        int last = -1;
        for (int column = 0; column < columns.length; column++) {
            if (columns[column] >= 0
                    && !fields.contains(type.field(columns[column]).name())) {
                columns[column] = -1;
            }
            if (columns[column] >= 0) {
                last = column;
            }
        }
        return Arrays.copyOf(columns, last + 1);
    }

    private int[] columnsByPosition() {
        int[] columns = config.columns();
        if (columns == null) {
            int[] identity = new int[type.arity()];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        return invert(columns);
    }

    /** Column → field (or -1) up to the last column read, from field → column. */
    private static int[] invert(int[] columnOfField) {
        int[] fields = new int[Arrays.stream(columnOfField).max().orElse(-1) + 1];
        Arrays.fill(fields, -1);
        for (int i = 0; i < columnOfField.length; i++) {
            fields[columnOfField[i]] = i;
        }
        return fields;
    }

    /** Column → field for a file whose first line names its columns. */
    private int[] columnsByName(URI file) throws IOException {
        String header;
        try (SeekableInputStream in = FileSystem.get(file).open(file)) {
            header = new LineReader(in, 0).readLine();
        }
        if (header == null) {
            header = "";
        }
        List<String> names = new ArrayList<>();
        String delimiter = config.delimiter();
        for (int position = 0; position <= header.length(); ) {
            int end = header.indexOf(delimiter, position);
            end = end < 0 ? header.length() : end;
            String name = header.substring(position, end).strip();
            if (config.quote() != 0
                    && name.length() >= 2
                    && name.charAt(0) == config.quote()
                    && name.charAt(name.length() - 1) == config.quote()) {
                name = name.substring(1, name.length() - 1);
            }
            names.add(name);
            position = end + delimiter.length();
        }
        int[] columnOfField = new int[type.arity()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < type.arity(); i++) {
            columnOfField[i] = columnNamed(names, type.field(i).name());
            if (columnOfField[i] < 0) {
                missing.add(type.field(i).name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("the header of " + file + " has no column for the fields " + missing + " of "
                    + type.typeClass().getName() + "; its columns are " + names
                    + " (delimiter '" + delimiter + "'). Rename the columns or fields, or read the file without"
                    + " a header and choose the columns by position.");
        }
        return invert(columnOfField);
    }

    /** The column with exactly this name, else the only one equal ignoring case, else -1. */
    private static int columnNamed(List<String> names, String field) {
        int exact = names.indexOf(field);
        if (exact >= 0) {
            return exact;
        }
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(field)) {
                if (found >= 0) {
                    return -1;
                }
                found = i;
            }
        }
        return found;
    }

    private String describe(BadField bad, String line, long lineStart) {
        StringBuilder message = new StringBuilder("cannot read line ");
        message.append(lineNumber(lineStart)).append(" of ").append(currentFile());
        message.append(", column ").append(bad.column + 1);
        if (bad.field >= 0) {
            CompositeTypeInfo.Field field = type.field(bad.field);
            message.append(" (field '")
                    .append(field.name())
                    .append("' of type ")
                    .append(field.type().typeClass().getSimpleName())
                    .append(")");
        }
        message.append(": ").append(bad.reason);
        message.append(". The line: ").append(shorten(line));
        message.append(". Fix the input, or make the CSV source lenient (ignoreInvalidLines()) to skip such lines"
                        + " and count them in the accumulator '")
                .append(config.skippedLinesAccumulator())
                .append("'.");
        return message.toString();
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    @Override
    public String description() {
        return "CSV " + path() + " as " + type.typeClass().getSimpleName()
                + (fields == null ? "" : " reading " + fields)
                + (filter == null ? "" : " where " + filter);
    }

    /** A field that does not parse; cheap, as lenient reads may throw many. */
    private static final class BadField extends Exception {
        private static final long serialVersionUID = 1L;
        final int column;
        final int field;
        final String reason;

        BadField(int column, int field, String reason) {
            super(reason, null, false, false);
            this.column = column;
            this.field = field;
            this.reason = reason;
        }
    }
}
