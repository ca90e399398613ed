package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code long} and {@code Long} values in 8 bytes, big-endian. */
public final class LongSerializer extends ImmutableValueSerializer<Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final LongSerializer INSTANCE = new LongSerializer();

    @Override
    public void serialize(Long value, DataOutputView target) throws IOException {
        target.writeLong(value);
    }

    @Override
    public Long deserialize(DataInputView source) throws IOException {
        return source.readLong();
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
