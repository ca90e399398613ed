package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code int} and {@code Integer} values in 4 bytes, big-endian. */
public final class IntSerializer extends ImmutableValueSerializer<Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final IntSerializer INSTANCE = new IntSerializer();

    @Override
    public void serialize(Integer value, DataOutputView target) throws IOException {
        target.writeInt(value);
    }

    @Override
    public Integer deserialize(DataInputView source) throws IOException {
        return source.readInt();
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
