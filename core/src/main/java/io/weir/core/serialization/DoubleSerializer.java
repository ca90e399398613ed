package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code double} and {@code Double} values in 8 bytes, big-endian. */
public final class DoubleSerializer extends ImmutableValueSerializer<Double> {

    private static final long serialVersionUID = 1L;

    public static final DoubleSerializer INSTANCE = new DoubleSerializer();

    @Override
    public void serialize(Double value, DataOutputView target) throws IOException {
        target.writeDouble(value);
    }

    @Override
    public Double deserialize(DataInputView source) throws IOException {
        return source.readDouble();
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeLong(source.readLong());
    }

    @Override
    public int length() {
        return 8;
    }
}
