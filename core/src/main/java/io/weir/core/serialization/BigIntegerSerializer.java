package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Serializes {@link BigInteger}s: values that fit a {@code long} (the common case) as a marker and a
 * zig-zag variable-length long, larger ones as their two's-complement bytes.
 *
 * <pre>
 *   varint(0) zigzag-varlong(value)        when bitLength &lt; 64
 *   varint(n) n bytes of toByteArray()     otherwise
 * </pre>
 */
public final class BigIntegerSerializer extends ImmutableValueSerializer<BigInteger> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final BigIntegerSerializer INSTANCE = new BigIntegerSerializer();

    @Override
    public void serialize(BigInteger value, DataOutputView target) throws IOException {
        write(value, target);
    }

    @Override
    public BigInteger deserialize(DataInputView source) throws IOException {
        return read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        copyValue(source, target);
    }

    static void write(BigInteger value, DataOutputView target) throws IOException {
        if (value.bitLength() < 64) {
            target.writeVarInt(0);
            target.writeVarLong(zigZag(value.longValue()));
        } else {
            byte[] bytes = value.toByteArray();
            target.writeVarInt(bytes.length);
            target.write(bytes);
        }
    }

    static BigInteger read(DataInputView source) throws IOException {
        int length = source.readVarInt();
        if (length == 0) {
            return BigInteger.valueOf(unZigZag(source.readVarLong()));
        }
        return readBytes(source, length);
    }

    /** The value written as {@code length} bytes of two's complement (its length already read). */
    static BigInteger readBytes(DataInputView source, int length) throws IOException {
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return new BigInteger(bytes);
    }

    static void copyValue(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readVarInt();
        target.writeVarInt(length);
        if (length == 0) {
            target.writeVarLong(source.readVarLong());
        } else {
            target.write(source, length);
        }
    }

    static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    static int zigZag(int value) {
        return (value << 1) ^ (value >> 31);
    }

    static int unZigZag(int value) {
        return (value >>> 1) ^ -(value & 1);
    }
}
