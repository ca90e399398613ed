package io.weir.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes each record's {@code toString()} as a line of UTF-8 text. */
public final class TextOutputFormat<T> extends FileOutputFormat<T> {

    public TextOutputFormat(String path, WriteMode writeMode) {
        super(path, writeMode);
    }

    @Override
    public void writeRecord(T record) throws IOException {
        stream().write(String.valueOf(record).getBytes(StandardCharsets.UTF_8));
        stream().write('\n');
    }
}
