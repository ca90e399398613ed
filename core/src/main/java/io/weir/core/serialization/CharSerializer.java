package io.weir.core.serialization;

import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** Serializes {@code char} and {@code Character} values in 2 bytes, big-endian. */
public final class CharSerializer extends ImmutableValueSerializer<Character> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean hasCanonicalBytes() {
        return true;
    }

    public static final CharSerializer INSTANCE = new CharSerializer();

    @Override
    public void serialize(Character value, DataOutputView target) throws IOException {
        target.writeChar(value);
    }

    @Override
    public Character deserialize(DataInputView source) throws IOException {
        return source.readChar();
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeChar(source.readChar());
    }

    @Override
    public int length() {
        return 2;
    }
}
