package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code byte} and {@code Byte} values in 1 byte, big-endian. */
public final class ByteSerializer extends ImmutableValueSerializer<Byte> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final ByteSerializer INSTANCE = new ByteSerializer();

    @Override
    public void serialize(Byte value, DataOutputView target) throws IOException {
        target.writeByte(value);
    }

    @Override
    public Byte deserialize(DataInputView source) throws IOException {
        return source.readByte();
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeByte(source.readByte());
    }

    @Override
    public int length() {
        return 1;
    }
}
