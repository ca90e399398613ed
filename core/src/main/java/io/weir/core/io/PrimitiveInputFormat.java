package io.weir.core.io;

import java.io.IOException;
import java.util.Objects;

/**
 * Text files (UTF-8) of one value per line, each read as a {@code String}, a number, a boolean, a
 * character, a date or time, or an enum constant (the types and forms of CSV fields; surrounding
 * spaces ignored except for strings, which are the whole line). A line that is not a value of the type
 * — an empty one included — fails the job with the file, the line number and the text.
 */
public final class PrimitiveInputFormat<T> extends DelimitedInputFormat<T> {

    private static final int MAX_SHOWN = 200;

    private final Class<T> type;
    private transient CsvFieldParser parser;

    /**
     * @throws IllegalArgumentException if values of {@code type} cannot be read from text
     */
    @SuppressWarnings("unchecked")
    public PrimitiveInputFormat(String path, Class<T> type) {
        super(path);
        Objects.requireNonNull(type, "type is null");
        io.weir.core.types.BasicTypeInfo<?> basic = io.weir.core.types.BasicTypeInfo.forClass(type);
        this.type = basic != null ? (Class<T>) basic.typeClass() : type; // int.class reads Integers
        if (CsvFieldParser.forType(this.type, true) == null) {
            throw new IllegalArgumentException("cannot read values of " + type.getName() + " from " + path
                    + ", one per line: " + CsvFieldParser.SUPPORTED.replace("CSV fields", "they"));
        }
    }

    /** The class of the values read (the box of a primitive class). */
    public Class<T> type() {
        return type;
    }

    @Override
    protected void sampleValues(String line, java.util.function.BiConsumer<String, String> fieldValue) {
        fieldValue.accept("*", line);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected T readRecord(String line, long lineStart) throws IOException {
        if (type == String.class) {
            return (T) line;
        }
        if (parser == null) {
            parser = CsvFieldParser.forType(type, true);
        }
        String reason;
        try {
            Object value = parser.parse(line, 0, line.length());
            if (value != null) {
                return (T) value;
            }
            reason = "an empty line";
        } catch (RuntimeException e) {
            reason = e instanceof CsvFieldParser.InvalidField ? e.getMessage() : e.toString();
        }
        String shown = line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "...";
        throw new IOException("cannot read line " + lineNumber(lineStart) + " of " + currentFile() + " as a "
                + type.getSimpleName() + ": " + reason + ". The line: '" + shown + "'. A file read with"
                + " readFileOfPrimitives holds one " + type.getSimpleName() + " per line; fix the input.");
    }

    @Override
    public String description() {
        return path() + " as " + type.getSimpleName() + " values";
    }
}
