package io.weir.core.io;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Writes each record as a line of UTF-8 text: its {@code toString()}, or what a formatter makes of it. */
public final class TextOutputFormat<T> extends FileOutputFormat<T> {

    /** Turns a record into its line (without the line break). */
    @FunctionalInterface
    public interface TextFormatter<T> extends Serializable {
        String format(T record);
    }

    private final TextFormatter<T> formatter;

    public TextOutputFormat(String path, WriteMode writeMode) {
        this(path, writeMode, String::valueOf);
    }

    public TextOutputFormat(String path, WriteMode writeMode, TextFormatter<T> formatter) {
        super(path, writeMode);
        this.formatter = Objects.requireNonNull(formatter, "formatter is null");
    }

    @Override
    public void writeRecord(T record) throws IOException {
        String line = formatter.format(record);
        if (line == null) {
            throw new IOException(
                    "the text formatter returned null for the record " + record + "; it must return the line to write");
        }
        stream().write(line.getBytes(StandardCharsets.UTF_8));
        stream().write('\n');
    }
}
