package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/**
 * The element format of collections, arrays and maps: a presence byte (0 for {@code null}, 1
 * otherwise) followed by the value when present.
 */
final class NullableValues {

    private NullableValues() {}

    static <T> void write(T value, TypeSerializer<T> serializer, DataOutputView target) throws IOException {
        if (value == null) {
            target.writeByte(0);
        } else {
            target.writeByte(1);
            serializer.serialize(value, target);
        }
    }

    static <T> T read(TypeSerializer<T> serializer, DataInputView source) throws IOException {
        return source.readByte() == 0 ? null : serializer.deserialize(source);
    }

    static void copy(TypeSerializer<?> serializer, DataInputView source, DataOutputView target) throws IOException {
        byte present = source.readByte();
        target.writeByte(present);
        if (present != 0) {
            serializer.copy(source, target);
        }
    }

    static <T> T deepCopy(T value, TypeSerializer<T> serializer) {
        return value == null ? null : serializer.copy(value);
    }
}
