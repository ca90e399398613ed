package io.weir.runtime.exchange;

import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.AbstractPagedInputView;
import io.weir.runtime.operators.RecordIterator;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One input of a consumer instance: the channels from every producer instance of every edge that
 * feeds the input, read as one stream of records. The gate takes a buffer from whichever channel
 * has one, reads the records in it, and moves on only at a record boundary; a record cut at the
 * end of a buffer continues in the next buffer of the same channel, which the gate waits for.
 */
public final class InputGate<T> implements RecordIterator<T> {

    private final TypeSerializer<T> serializer;
    private final List<Channel> channels;
    private final BooleanSupplier cancelled;
    private final String name;
    private final boolean[] done;
    private int remaining;
    private int nextChannel;

    private final Object lock = new Object();
    private long signals;

    private final ChannelView view = new ChannelView();
    private Channel current;
    private Buffer currentBuffer;
    private long records;
    private long bytes;

    /** @param name how messages name the input, e.g. "input 1 of 'join' (2/4)" */
    public InputGate(TypeSerializer<T> serializer, List<Channel> channels, BooleanSupplier cancelled, String name) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.channels = List.copyOf(channels);
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.done = new boolean[this.channels.size()];
        this.remaining = this.channels.size();
        for (Channel channel : this.channels) {
            channel.setListener(this::signal);
        }
    }

    private void signal() {
        synchronized (lock) {
            signals++;
            lock.notifyAll();
        }
    }

    @Override
    public T next() throws IOException {
        while (view.currentPositionInSegment() >= view.currentSegmentLimit()) {
            if (currentBuffer != null) {
                currentBuffer.recycle();
                currentBuffer = null;
            }
            if (!nextBuffer()) {
                return null;
            }
        }
        records++;
        return serializer.deserialize(view);
    }

    /** Moves to a buffer of any channel; false when all channels have finished. */
    private boolean nextBuffer() throws IOException {
        while (true) {
            long seen;
            synchronized (lock) {
                seen = signals;
            }
            for (int tried = 0; tried < channels.size(); tried++) {
                int index = nextChannel;
                nextChannel = nextChannel + 1 == channels.size() ? 0 : nextChannel + 1;
                if (done[index]) {
                    continue;
                }
                Channel channel = channels.get(index);
                Buffer buffer = channel.poll();
                if (buffer != null) {
                    use(channel, buffer);
                    return true;
                }
                if (channel.isFinished()) {
                    done[index] = true;
                    remaining--;
                }
            }
            if (remaining == 0) {
                view.reset();
                return false;
            }
            await(seen);
        }
    }

    private void use(Channel channel, Buffer buffer) {
        current = channel;
        currentBuffer = buffer;
        bytes += buffer.size();
        view.reset(buffer);
    }

    private void await(long seen) throws InterruptedIOException {
        synchronized (lock) {
            while (signals == seen) {
                if (cancelled.getAsBoolean()) {
                    throw new InterruptedIOException(name + ": cancelled while waiting for input");
                }
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(name + ": interrupted while waiting for input");
                }
            }
        }
    }

    /** The records read so far. */
    public long records() {
        return records;
    }

    /** The bytes received so far. */
    public long bytes() {
        return bytes;
    }

    /** Recycles the buffer being read; the channels themselves are released by their owner. */
    public void close() {
        if (currentBuffer != null) {
            currentBuffer.recycle();
            currentBuffer = null;
        }
        view.reset();
    }

    /** Reads the buffers of the current channel; crossing into the next waits on that channel. */
    private final class ChannelView extends AbstractPagedInputView {

        ChannelView() {
            super(null, 0, 0);
        }

        void reset(Buffer buffer) {
            seekInput(buffer.segment(), 0, buffer.size());
        }

        void reset() {
            clear();
        }

        @Override
        protected MemorySegment nextSegment(MemorySegment segment) throws IOException {
            if (currentBuffer != null) {
                currentBuffer.recycle();
                currentBuffer = null;
            }
            while (true) {
                long seen;
                synchronized (lock) {
                    seen = signals;
                }
                Buffer buffer = current.poll();
                if (buffer != null) {
                    currentBuffer = buffer;
                    bytes += buffer.size();
                    return buffer.segment();
                }
                if (current.isFinished()) {
                    throw new EOFException(name + ": a record was cut off at the end of its channel");
                }
                await(seen);
            }
        }

        @Override
        protected int getLimitForSegment(MemorySegment segment) {
            return currentBuffer.size();
        }
    }
}
