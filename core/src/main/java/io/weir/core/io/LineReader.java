package io.weir.core.io;

import io.weir.core.util.Bytes;
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
    /** Where the last line's bytes are: in {@link #buffer} when it lay whole in it, else in {@link #line}. */
    private byte[] lineArray = line;

    private int lineOffset;
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
        return length < 0 ? null : new String(lineArray, lineOffset, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads the next line without its terminator: its bytes are {@link #lineBytes()} from {@link
     * #lineOffset()} on (in the read buffer itself when the line lies whole in it). Its length, or -1
     * at the end of the stream.
     */
    int readLineBytes() throws IOException {
        lineStart = offset;
        if (position == limit && !fill()) {
            return -1;
        }
        int newline = Bytes.indexOf(buffer, position, limit, (byte) '\n');
        if (newline >= 0) {
            lineArray = buffer;
            lineOffset = position;
            int length = newline - position;
            offset += length + 1;
            position = newline + 1;
            return length > 0 && buffer[newline - 1] == '\r' ? length - 1 : length;
        }
        lineArray = line;
        lineOffset = 0;
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            int start = position;
            int newlineAt = Bytes.indexOf(buffer, position, limit, (byte) '\n');
            position = newlineAt < 0 ? limit : newlineAt;
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
        lineArray = line; // (grown, perhaps)
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return length;
    }

    /** The array holding the line {@link #readLineBytes} read last (overwritten by the next read). */
    byte[] lineBytes() {
        return lineArray;
    }

    /** Where in {@link #lineBytes()} the last line starts. */
    int lineOffset() {
        return lineOffset;
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
