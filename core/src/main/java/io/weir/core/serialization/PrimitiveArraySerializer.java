package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;
import java.util.Objects;

/**
 * Serializes arrays of a primitive type as a varint length followed by the elements: {@code byte[]},
 * {@code int[]}, {@code long[]} and {@code double[]} in one bulk copy each, the last three
 * little-endian ({@link io.weir.memory.view.DataOutputView#writeInts}: on the machines Weir runs on,
 * a plain memory copy); the other kinds element by element, big-endian as {@link java.io.DataOutput}
 * writes them.
 */
public final class PrimitiveArraySerializer<A> implements TypeSerializer<A> {

    private static final long serialVersionUID = 1L;

    /** The element type; one serializer handles each, switching once per array, not per element. */
    public enum Kind {
        BOOLEAN(boolean[].class, 1),
        BYTE(byte[].class, 1),
        SHORT(short[].class, 2),
        CHAR(char[].class, 2),
        INT(int[].class, 4),
        LONG(long[].class, 8),
        FLOAT(float[].class, 4),
        DOUBLE(double[].class, 8);

        final Class<?> arrayClass;
        final int elementBytes;

        Kind(Class<?> arrayClass, int elementBytes) {
            this.arrayClass = arrayClass;
            this.elementBytes = elementBytes;
        }

        public Class<?> arrayClass() {
            return arrayClass;
        }

        /** The kind of a primitive array class, or {@code null}. */
        public static Kind of(Class<?> arrayClass) {
            for (Kind kind : values()) {
                if (kind.arrayClass == arrayClass) {
                    return kind;
                }
            }
            return null;
        }
    }

    private final Kind kind;

    public PrimitiveArraySerializer(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind is null");
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void serialize(A value, DataOutputView target) throws IOException {
        switch (kind) {
            case BOOLEAN -> {
                boolean[] array = (boolean[]) value;
                target.writeVarInt(array.length);
                for (boolean element : array) {
                    target.writeBoolean(element);
                }
            }
            case BYTE -> {
                byte[] array = (byte[]) value;
                target.writeVarInt(array.length);
                target.write(array);
            }
            case SHORT -> {
                short[] array = (short[]) value;
                target.writeVarInt(array.length);
                for (short element : array) {
                    target.writeShort(element);
                }
            }
            case CHAR -> {
                char[] array = (char[]) value;
                target.writeVarInt(array.length);
                for (char element : array) {
                    target.writeChar(element);
                }
            }
            case INT -> {
                int[] array = (int[]) value;
                target.writeVarInt(array.length);
                target.writeInts(array, 0, array.length);
            }
            case LONG -> {
                long[] array = (long[]) value;
                target.writeVarInt(array.length);
                target.writeLongs(array, 0, array.length);
            }
            case FLOAT -> {
                float[] array = (float[]) value;
                target.writeVarInt(array.length);
                for (float element : array) {
                    target.writeInt(Float.floatToRawIntBits(element));
                }
            }
            case DOUBLE -> {
                double[] array = (double[]) value;
                target.writeVarInt(array.length);
                target.writeDoubles(array, 0, array.length);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public A deserialize(DataInputView source) throws IOException {
        int length = source.readVarInt();
        Object result;
        switch (kind) {
            case BOOLEAN -> {
                boolean[] array = new boolean[length];
                for (int i = 0; i < length; i++) {
                    array[i] = source.readBoolean();
                }
                result = array;
            }
            case BYTE -> {
                byte[] array = new byte[length];
                source.readFully(array);
                result = array;
            }
            case SHORT -> {
                short[] array = new short[length];
                for (int i = 0; i < length; i++) {
                    array[i] = source.readShort();
                }
                result = array;
            }
            case CHAR -> {
                char[] array = new char[length];
                for (int i = 0; i < length; i++) {
                    array[i] = source.readChar();
                }
                result = array;
            }
            case INT -> {
                int[] array = new int[length];
                source.readInts(array, 0, length);
                result = array;
            }
            case LONG -> {
                long[] array = new long[length];
                source.readLongs(array, 0, length);
                result = array;
            }
            case FLOAT -> {
                float[] array = new float[length];
                for (int i = 0; i < length; i++) {
                    array[i] = Float.intBitsToFloat(source.readInt());
                }
                result = array;
            }
            case DOUBLE -> {
                double[] array = new double[length];
                source.readDoubles(array, 0, length);
                result = array;
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return (A) result;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readVarInt();
        target.writeVarInt(length);
        target.write(source, length * kind.elementBytes);
    }

    @Override
    @SuppressWarnings("unchecked")
    public A copy(A value) {
        Object copy = switch (kind) {
            case BOOLEAN -> ((boolean[]) value).clone();
            case BYTE -> ((byte[]) value).clone();
            case SHORT -> ((short[]) value).clone();
            case CHAR -> ((char[]) value).clone();
            case INT -> ((int[]) value).clone();
            case LONG -> ((long[]) value).clone();
            case FLOAT -> ((float[]) value).clone();
            case DOUBLE -> ((double[]) value).clone();
        };
        return (A) copy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrimitiveArraySerializer<?> that && that.kind == kind;
    }

    @Override
    public int hashCode() {
        return kind.hashCode();
    }

    @Override
    public String toString() {
        return "PrimitiveArraySerializer<" + kind.arrayClass.getSimpleName() + ">";
    }
}
