package io.weir.core.io;

import io.weir.core.accumulators.SerializedListAccumulator;
import io.weir.core.functions.RuntimeContext;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.view.ByteArrayOutputView;
import java.io.IOException;
import java.util.Objects;

/**
 * Sends records back to the program: each instance serializes its records into chunks of bytes in a
 * {@link SerializedListAccumulator} named {@code accumulatorName}, which the job returns.
 */
public final class CollectOutputFormat<T> implements OutputFormat<T> {

    private static final int CHUNK = 1 << 20;

    private final TypeSerializer<T> serializer;
    private final String accumulatorName;
    private transient SerializedListAccumulator accumulator;
    private transient ByteArrayOutputView buffer;
    private transient RuntimeContext context;

    public CollectOutputFormat(TypeSerializer<T> serializer, String accumulatorName) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.accumulatorName = Objects.requireNonNull(accumulatorName, "accumulatorName is null");
    }

    @Override
    public void setRuntimeContext(RuntimeContext newContext) {
        this.context = newContext;
    }

    @Override
    public void open(int taskNumber, int numTasks) {
        accumulator = new SerializedListAccumulator();
        context.addAccumulator(accumulatorName, accumulator);
        buffer = new ByteArrayOutputView(CHUNK);
    }

    @Override
    public void writeRecord(T record) throws IOException {
        serializer.serialize(record, buffer);
        if (buffer.length() >= CHUNK) {
            flush();
        }
    }

    private void flush() {
        if (buffer.length() > 0) {
            accumulator.add(buffer.toByteArray());
            buffer.reset();
        }
    }

    @Override
    public void close() {
        flush();
    }

    @Override
    public String description() {
        return "collect()";
    }
}
