package io.weir.runtime.testing;

import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.view.DataInputView;
import io.weir.memory.view.DataOutputView;
import java.io.IOException;

/** A serializer that works until the n-th value it writes, then throws: a user type with a bug. */
public final class ThrowingSerializer<T> implements TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<T> delegate;
    private final int failAt;
    private int written;

    public ThrowingSerializer(TypeSerializer<T> delegate, int failAt) {
        this.delegate = delegate;
        this.failAt = failAt;
    }

    @Override
    public void serialize(T value, DataOutputView target) throws IOException {
        if (++written == failAt) {
            throw new IllegalStateException("serializer bug on value " + value);
        }
        delegate.serialize(value, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return delegate.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        delegate.copy(source, target);
    }

    @Override
    public T copy(T value) {
        return delegate.copy(value);
    }
}
