package io.weir.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads '\n'-terminated lines (a '\r' before the '\n' is dropped) as UTF-8 from a stream, keeping
 * track of the byte offset where each line starts.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long offset;
    private byte[] line = new byte[256];
    private long lineStart;

    /** @param offset the file offset of the stream's first byte */
    LineReader(InputStream in, long offset) {
        this.in = in;
        this.offset = offset;
    }

    /** The file offset of the next byte. */
    long offset() {
        return offset;
    }

    /** The file offset where the line last returned by {@link #readLine} started. */
    long lineStart() {
        return lineStart;
    }

    /** Skips to just after the next '\n'; false at the end of the stream. */
    boolean skipLine() throws IOException {
        while (true) {
            if (position == limit && !fill()) {
                return false;
            }
            byte b = buffer[position++];
            offset++;
            if (b == '\n') {
                return true;
            }
        }
    }

    /** The next line without its terminator, or {@code null} at the end of the stream. */
    String readLine() throws IOException {
        int length = readLineBytes();
        return length < 0 ? null : new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads the next line without its terminator into {@link #lineBytes()}; its length, or -1 at the
     * end of the stream.
     */
    int readLineBytes() throws IOException {
        lineStart = offset;
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0) {
                    return -1;
                }
                break;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (length + chunk > line.length) {
                line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
            }
            System.arraycopy(buffer, start, line, length, chunk);
            length += chunk;
            offset += chunk;
            if (position < limit) {
                position++;
                offset++;
                break;
            }
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return length;
    }

    /** The bytes of the line {@link #readLineBytes} read last (overwritten by the next read). */
    byte[] lineBytes() {
        return line;
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
