package io.weir.core.io;

/** The lines of text files (UTF-8), one record per line, without the line terminator. */
public final class TextInputFormat extends DelimitedInputFormat<String> {

    public TextInputFormat(String path) {
        super(path);
    }

    /** A line is the record. */
    @Override
    protected void sampleValues(String line, java.util.function.BiConsumer<String, String> fieldValue) {
        fieldValue.accept("*", line);
    }

    @Override
    protected String readRecord(String line, long lineStart) {
        return line;
    }
}
