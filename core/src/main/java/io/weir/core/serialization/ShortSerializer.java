package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code short} and {@code Short} values in 2 bytes, big-endian. */
public final class ShortSerializer extends ImmutableValueSerializer<Short> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final ShortSerializer INSTANCE = new ShortSerializer();

    @Override
    public void serialize(Short value, DataOutputView target) throws IOException {
        target.writeShort(value);
    }

    @Override
    public Short deserialize(DataInputView source) throws IOException {
        return source.readShort();
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeShort(source.readShort());
    }

    @Override
    public int length() {
        return 2;
    }
}
