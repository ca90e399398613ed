package io.weir.core.serialization;

import io.weir.core.util.Bytes;
import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serializes strings as their length in chars followed by the chars, each in one to three bytes:
 *
 * <pre>
 *   varint(length) char* where char = 0xxxxxxx                      (c &lt; 0x80: ASCII, one byte)
 *                               | 1xxxxxxx 0xxxxxxx                (c &lt; 0x4000)
 *                               | 1xxxxxxx 1xxxxxxx 000000xx       (otherwise)
 *   (seven bits per byte, low bits first, high bit = "more follows")
 * </pre>
 *
 * ASCII text costs one byte per char, and a reader can decode one char at a time, which is how
 * {@link NaturalOrderComparator} compares serialized strings without building them. There is no
 * length limit (unlike {@link java.io.DataOutput#writeUTF}).
 */
public final class StringSerializer extends ImmutableValueSerializer<String> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final StringSerializer INSTANCE = new StringSerializer();

    /** Strings up to this many chars are read in one piece; longer ones (and copies) go in chunks. */
    private static final int ASCII_CHUNK = 256;

    @Override
    public void serialize(String value, DataOutputView target) throws IOException {
        int length = value.length();
        target.writeVarInt(length);
        if (length <= SHORT_ASCII && isAscii(value, length)) {
            target.writeBytes(value); // one byte per char, without a byte array per string
            return;
        }
        // UTF-8 has as many bytes as chars only when every char is ASCII (its encoding here is the same
        // byte) or a lone surrogate (encoded as '?'); the JDK encodes an ASCII string with one copy
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        if (utf8.length == length && questionMarksAreReal(utf8, value)) {
            target.write(utf8, 0, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            writeChar(value.charAt(i), target);
        }
    }

    /** Strings up to this many chars are checked for ASCII char by char and written without a copy. */
    private static final int SHORT_ASCII = 32;

    private static boolean isAscii(String value, int length) {
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether each '?' of {@code ascii}, the one-byte-per-char encoding of {@code value}, is a '?' there. */
    private static boolean questionMarksAreReal(byte[] ascii, String value) {
        int first = Bytes.indexOf(ascii, 0, ascii.length, (byte) '?'); // usually none: eight bytes a step
        if (first < 0) {
            return true;
        }
        for (int i = first; i < ascii.length; i++) {
            if (ascii[i] == '?' && value.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String deserialize(DataInputView source) throws IOException {
        int length = source.readVarInt();
        if (length <= ASCII_CHUNK) {
            // read as many bytes as there are chars: all of the string if it is ASCII
            byte[] bytes = new byte[length];
            source.readFully(bytes, 0, length);
            int ascii = Bytes.firstNegative(bytes, 0, length);
            if (ascii == length) {
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            return decodeRest(bytes, ascii, length, source);
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = readChar(source);
        }
        return new String(chars);
    }

    /**
     * Finishes a string of {@code length} chars whose first {@code bytes.length} encoded bytes were
     * read, the first {@code ascii} of them ASCII chars.
     */
    private static String decodeRest(byte[] bytes, int ascii, int length, DataInputView source) throws IOException {
        char[] chars = new char[length];
        for (int i = 0; i < ascii; i++) {
            chars[i] = (char) bytes[i];
        }
        int next = ascii;
        for (int i = ascii; i < length; i++) {
            int b = next < bytes.length ? bytes[next++] & 0xFF : source.readUnsignedByte();
            if (b < 0x80) {
                chars[i] = (char) b;
                continue;
            }
            int c = b & 0x7F;
            b = next < bytes.length ? bytes[next++] & 0xFF : source.readUnsignedByte();
            if (b < 0x80) {
                chars[i] = (char) (c | (b << 7));
                continue;
            }
            c |= (b & 0x7F) << 7;
            b = next < bytes.length ? bytes[next++] & 0xFF : source.readUnsignedByte();
            chars[i] = (char) (c | (b << 14));
        }
        return new String(chars);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int remaining = source.readVarInt();
        target.writeVarInt(remaining);
        if (remaining == 0) {
            return;
        }
        // each char ends with the one byte of its encoding that is below 0x80, so the next
        // `remaining` bytes all belong to the string: copy them in bulk and count the chars they end
        byte[] chunk = new byte[Math.min(remaining, ASCII_CHUNK)];
        while (remaining > 0) {
            int n = Math.min(remaining, chunk.length);
            source.readFully(chunk, 0, n);
            target.write(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] >= 0) {
                    remaining--;
                }
            }
        }
    }

    static void writeChar(char c, DataOutputView target) throws IOException {
        if (c < 0x80) {
            target.write(c);
        } else if (c < 0x4000) {
            target.write((c & 0x7F) | 0x80);
            target.write(c >>> 7);
        } else {
            target.write((c & 0x7F) | 0x80);
            target.write(((c >>> 7) & 0x7F) | 0x80);
            target.write(c >>> 14);
        }
    }

    /** Reads one char written by {@link #writeChar}. */
    static char readChar(DataInputView source) throws IOException {
        int b = source.readUnsignedByte();
        if (b < 0x80) {
            return (char) b;
        }
        int c = b & 0x7F;
        b = source.readUnsignedByte();
        if (b < 0x80) {
            return (char) (c | (b << 7));
        }
        c |= (b & 0x7F) << 7;
        return (char) (c | (source.readUnsignedByte() << 14));
    }

    /**
     * Compares two serialized strings in {@link String#compareTo} order, reading exactly one string
     * from each view.
     */
    static int compareSerialized(DataInputView first, DataInputView second) throws IOException {
        int firstLength = first.readVarInt();
        int secondLength = second.readVarInt();
        int common = Math.min(firstLength, secondLength);
        int i = 0;
        int result = 0;
        for (; i < common; i++) {
            char a = readChar(first);
            char b = readChar(second);
            if (a != b) {
                result = a - b;
                i++;
                break;
            }
        }
        // consume the rest of both strings, so each view is positioned after its value
        for (int j = i; j < firstLength; j++) {
            readChar(first);
        }
        for (int j = i; j < secondLength; j++) {
            readChar(second);
        }
        return result != 0 ? result : firstLength - secondLength;
    }
}
