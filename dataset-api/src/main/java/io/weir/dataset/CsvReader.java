package io.weir.dataset;

import io.weir.core.io.CsvInputFormat;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings of a CSV source, from {@link ExecutionEnvironment#readCsvFile(String)}; finish with
 * {@link #as(Class)}, {@link #pojoType(Class, String...)} or {@link #types(Class...)} to get the data
 * set. By default columns are separated by {@code ','}, fields may be quoted with {@code '"'}, every
 * line is data and the columns map to the fields in order; a line that does not parse fails the job.
 * Field types and their text forms: see {@link CsvInputFormat}.
 */
public final class CsvReader {

    private final ExecutionEnvironment environment;
    private final String path;
    private final String location;
    private String delimiter = ",";
    private char quote = '"';
    private CsvInputFormat.Header header = CsvInputFormat.Header.NONE;
    private int[] columns;
    private String commentPrefix;
    private boolean lenient;
    private String skippedLinesAccumulator = "csv-skipped-lines";
    private boolean multiLineFields;

    CsvReader(ExecutionEnvironment environment, String path) {
        this.environment = environment;
        this.path = Objects.requireNonNull(path, "path is null");
        this.location = DataSet.callSite();
    }

    /** The text between columns: one character or more. */
    public CsvReader fieldDelimiter(String newDelimiter) {
        if (newDelimiter == null || newDelimiter.isEmpty()) {
            throw invalid("the field delimiter must not be empty");
        }
        this.delimiter = newDelimiter;
        return this;
    }

    public CsvReader fieldDelimiter(char newDelimiter) {
        return fieldDelimiter(String.valueOf(newDelimiter));
    }

    /**
     * Quoted fields may hold line breaks (RFC 4180): a record runs on over the next lines until its
     * quotes are closed. Each file is then read whole by one parallel instance — it is not split,
     * since a line inside a quoted field cannot be told from the start of a record.
     */
    public CsvReader multiLineFields() {
        if (quote == 0) {
            throw invalid("multi-line fields need quoting; do not combine them with noQuoting()");
        }
        this.multiLineFields = true;
        return this;
    }

    /** The character that quotes fields ({@code '"'} by default). */
    public CsvReader quoteCharacter(char newQuote) {
        if (newQuote == 0) {
            throw invalid("the quote character must not be NUL; use noQuoting() to read quotes as text");
        }
        this.quote = newQuote;
        return this;
    }

    /** Quotes are text like any other character. */
    public CsvReader noQuoting() {
        this.quote = 0;
        return this;
    }

    /** Skips the first line of every file. */
    public CsvReader ignoreFirstLine() {
        this.header = CsvInputFormat.Header.SKIP;
        return this;
    }

    /**
     * The first line of every file names its columns; each field is read from the column of its name
     * (exactly, or else the only one that matches ignoring case). A file without a column for every
     * field fails the job before it starts.
     */
    public CsvReader header() {
        this.header = CsvInputFormat.Header.NAMES;
        return this;
    }

    /**
     * Which columns hold the fields, as in Flink: {@code '1'} or {@code 'T'} for a column that is read
     * (into the next field), {@code '0'} or {@code 'F'} for one that is skipped; columns after the
     * mask are skipped.
     */
    public CsvReader includeFields(String mask) {
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < mask.length(); i++) {
            char c = Character.toUpperCase(mask.charAt(i));
            if (c == '1' || c == 'T') {
                chosen.add(i);
            } else if (c != '0' && c != 'F') {
                throw invalid("includeFields(\"" + mask + "\"): character " + (i + 1) + " is '" + mask.charAt(i)
                        + "'; use 1/T for a column to read, 0/F for one to skip");
            }
        }
        return columns(chosen.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The (0-based) columns that hold the fields, in field order. */
    public CsvReader columns(int... newColumns) {
        this.columns = newColumns.clone();
        return this;
    }

    /** Skips lines starting with {@code prefix}. */
    public CsvReader ignoreComments(String prefix) {
        this.commentPrefix = prefix;
        return this;
    }

    /**
     * Skips lines that do not parse instead of failing the job, and counts them in the accumulator
     * {@code csv-skipped-lines} of the job's result.
     */
    public CsvReader ignoreInvalidLines() {
        this.lenient = true;
        return this;
    }

    /** Skips lines that do not parse and counts them in the accumulator {@code accumulatorName}. */
    public CsvReader ignoreInvalidLines(String accumulatorName) {
        this.skippedLinesAccumulator = Objects.requireNonNull(accumulatorName, "accumulatorName is null");
        return ignoreInvalidLines();
    }

    /**
     * Reads each line into a Java record (columns in component order, or by name with {@link
     * #header()}) or a POJO (by name with {@link #header()}; else give the order with {@link
     * #pojoType(Class, String...)}).
     */
    public <T> DataSet<T> as(Class<T> type) {
        CompositeTypeInfo<T> composite = composite(type);
        if (composite.kind() == CompositeTypeInfo.Kind.POJO
                && header != CsvInputFormat.Header.NAMES
                && columns == null) {
            throw invalid("the fields of the POJO " + type.getName() + " have no declared order to match the columns"
                    + " to: use header() to match them by the header's names, or pojoType(" + type.getSimpleName()
                    + ".class, \"field\", ...) to name the field of each column");
        }
        return source(composite, columns);
    }

    /** Reads each line into a POJO (or record), column {@code i} into the field named {@code fields[i]}. */
    public <T> DataSet<T> pojoType(Class<T> type, String... fields) {
        CompositeTypeInfo<T> composite = composite(type);
        if (header == CsvInputFormat.Header.NAMES) {
            throw invalid("pojoType names the fields of the columns, header() takes them from the files: use one");
        }
        int[] positions = columns;
        if (positions != null && positions.length != fields.length) {
            throw invalid(positions.length + " columns chosen for " + fields.length + " fields");
        }
        int[] columnOfField = new int[composite.arity()];
        java.util.Arrays.fill(columnOfField, -1);
        for (int i = 0; i < fields.length; i++) {
            int field = composite.fieldIndex(fields[i]);
            if (field < 0) {
                throw invalid(
                        type.getName() + " has no field '" + fields[i] + "'; its fields are " + composite.fieldNames());
            }
            if (columnOfField[field] >= 0) {
                throw invalid("field '" + fields[i] + "' is named twice");
            }
            columnOfField[field] = positions == null ? i : positions[i];
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < columnOfField.length; i++) {
            if (columnOfField[i] < 0) {
                missing.add(composite.field(i).name());
            }
        }
        if (!missing.isEmpty()) {
            throw invalid(
                    "no column for the fields " + missing + " of " + type.getName() + "; name every field of the type");
        }
        return source(composite, columnOfField);
    }

    /**
     * Reads each line into a tuple of the given field types ({@code Tuple2<String, Integer>} for
     * {@code types(String.class, Integer.class)}); every field may be missing (empty) and is then
     * {@code null}.
     */
    @SuppressWarnings("unchecked")
    public <T extends Tuple> DataSet<T> types(Class<?>... fieldTypes) {
        if (fieldTypes.length == 0 || fieldTypes.length > Tuple.MAX_ARITY) {
            throw invalid("types(...) takes 1 to " + Tuple.MAX_ARITY + " field types, not " + fieldTypes.length);
        }
        if (header == CsvInputFormat.Header.NAMES) {
            throw invalid("the fields of a tuple have no names to match a header's; use ignoreFirstLine()");
        }
        List<TypeInfo<?>> types = new ArrayList<>();
        for (Class<?> fieldType : fieldTypes) {
            types.add(TypeExtractor.of(fieldType));
        }
        return source((CompositeTypeInfo<T>) CompositeTypeInfo.forTuple(types), columns);
    }

    private <T> CompositeTypeInfo<T> composite(Class<T> type) {
        TypeInfo<T> info;
        try {
            info = TypeExtractor.of(type);
        } catch (InvalidTypesException e) {
            throw invalid(e.getMessage());
        }
        if (!(info instanceof CompositeTypeInfo<T> composite) || composite.kind() == CompositeTypeInfo.Kind.TUPLE) {
            throw invalid(type.getName() + " is not a record or a POJO"
                    + (Tuple.class.isAssignableFrom(type) ? "; read tuples with types(Class...)" : ""));
        }
        return composite;
    }

    private <T> DataSet<T> source(CompositeTypeInfo<T> type, int[] columnOfField) {
        CsvInputFormat<T> format;
        try {
            format = new CsvInputFormat<>(
                    path,
                    type,
                    new CsvInputFormat.Config(
                            delimiter,
                            quote,
                            header,
                            columnOfField,
                            commentPrefix,
                            lenient,
                            skippedLinesAccumulator,
                            multiLineFields));
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        return environment.createInput(format, type).name("readCsvFile(" + path + ")");
    }

    private InvalidPlanException invalid(String problem) {
        return new InvalidPlanException(
                "readCsvFile(" + path + ")" + (location == null ? "" : " at " + location) + ": " + problem);
    }
}
