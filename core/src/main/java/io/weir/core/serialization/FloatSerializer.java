package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code float} and {@code Float} values in 4 bytes, big-endian. */
public final class FloatSerializer extends ImmutableValueSerializer<Float> {

    private static final long serialVersionUID = 1L;

    public static final FloatSerializer INSTANCE = new FloatSerializer();

    @Override
    public void serialize(Float value, DataOutputView target) throws IOException {
        target.writeFloat(value);
    }

    @Override
    public Float deserialize(DataInputView source) throws IOException {
        return source.readFloat();
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeInt(source.readInt());
    }

    @Override
    public int length() {
        return 4;
    }
}
