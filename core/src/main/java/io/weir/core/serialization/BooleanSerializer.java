package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code boolean} and {@code Boolean} values in 1 byte, big-endian. */
public final class BooleanSerializer extends ImmutableValueSerializer<Boolean> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final BooleanSerializer INSTANCE = new BooleanSerializer();

    @Override
    public void serialize(Boolean value, DataOutputView target) throws IOException {
        target.writeBoolean(value);
    }

    @Override
    public Boolean deserialize(DataInputView source) throws IOException {
        return source.readBoolean();
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
