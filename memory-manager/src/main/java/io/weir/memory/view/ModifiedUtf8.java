package io.weir.memory.view;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;

/**
 * The "modified UTF-8" of {@link java.io.DataOutput#writeUTF}, for views that implement that
 * method. Weir's own string serializer does not use it (it is limited to 65535 bytes); it is here
 * so that every view honours the whole {@code DataOutput} contract.
 */
final class ModifiedUtf8 {

    private ModifiedUtf8() {}

    static void write(String value, DataOutputView out) throws IOException {
        int length = value.length();
        long encodedLength = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            encodedLength += (c >= 0x0001 && c <= 0x007F) ? 1 : (c <= 0x07FF ? 2 : 3);
        }
        if (encodedLength > 65535) {
            throw new UTFDataFormatException("string of " + encodedLength + " encoded bytes is too long for writeUTF");
        }
        out.writeShort((int) encodedLength);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x0001 && c <= 0x007F) {
                out.writeByte(c);
            } else if (c <= 0x07FF) {
                out.writeByte(0xC0 | ((c >> 6) & 0x1F));
                out.writeByte(0x80 | (c & 0x3F));
            } else {
                out.writeByte(0xE0 | ((c >> 12) & 0x0F));
                out.writeByte(0x80 | ((c >> 6) & 0x3F));
                out.writeByte(0x80 | (c & 0x3F));
            }
        }
    }

    static String read(DataInputView in) throws IOException {
        return DataInputStream.readUTF(in);
    }

    /**
     * {@link java.io.DataInput#readLine}: bytes up to "\n" or "\r\n", each byte one char. A lone
     * "\r" stays part of the line, since a view cannot un-read the byte after it. (Text formats do
     * not read lines through views; this exists to complete the contract.)
     */
    static String readLine(DataInputView in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b;
            try {
                b = in.readUnsignedByte();
            } catch (java.io.EOFException e) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }
}
