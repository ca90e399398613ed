package io.weir.core.io;

import io.weir.core.serialization.CompositeAccess;
import io.weir.core.util.DoubleFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes records with fields (tuples, Java records, POJOs) as CSV lines: fields in order, separated
 * by the delimiter; a field holding the delimiter, a quote or a line break is quoted, quotes
 * doubled; {@code null} is an empty field; doubles in the shortest form that reads back ({@link
 * DoubleFormat}: as JDK 19 and later print them, on every JDK), decimals without exponent, dates
 * and times in ISO-8601. A record without fields is written as one field.
 */
public final class CsvOutputFormat<T> extends FileOutputFormat<T> {

    private final CompositeAccess<T> access;
    private final String delimiter;
    private final String header;

    /**
     * @param access how to read the fields, or {@code null} for a record written as one field
     * @param header a first line for every file, or {@code null} for none
     */
    public CsvOutputFormat(
            String path, WriteMode writeMode, CompositeAccess<T> access, String delimiter, String header) {
        super(path, writeMode);
        this.access = access;
        this.delimiter = Objects.requireNonNull(delimiter, "delimiter is null");
        this.header = header;
    }

    @Override
    public void open(int taskNumber, int numTasks) throws IOException {
        super.open(taskNumber, numTasks);
        if (header != null) {
            stream().write((header + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void writeRecord(T record) throws IOException {
        StringBuilder line = new StringBuilder();
        if (access == null) {
            field(record, line);
        } else {
            for (int i = 0; i < access.arity(); i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                field(access.get(record, i), line);
            }
        }
        line.append('\n');
        stream().write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void field(Object value, StringBuilder line) {
        if (value == null) {
            return;
        }
        String text;
        if (value instanceof Double number) {
            text = DoubleFormat.toString(number);
        } else if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else {
            text = value.toString();
        }
        if (text.contains(delimiter) || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            line.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            line.append(text);
        }
    }
}
