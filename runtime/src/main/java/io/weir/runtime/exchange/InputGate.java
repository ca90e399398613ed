package io.weir.runtime.exchange;

import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.ByteArrayInputView;
import io.weir.memory.view.SegmentInputView;
import io.weir.runtime.operators.RecordIterator;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One input of a consumer instance: the channels from every producer instance of every edge that
 * feeds the input, read as one stream of records. The gate takes a buffer from whichever channel
 * has one and reads the records in it (each written as its length and its bytes, see {@link
 * RecordWriter}); a record cut at the end of a buffer is copied aside, per channel, and completed
 * when that channel's next buffer comes, while the gate reads the other channels meanwhile. The gate
 * never waits on one channel, so producers blocked on full pools always find their pages drained.
 */
public final class InputGate<T> implements RecordIterator<T> {

    private static final int LENGTH = 4;

    private final TypeSerializer<T> serializer;
    private final List<Channel> channels;
    private final BooleanSupplier cancelled;
    private final String name;
    private final boolean[] done;
    /** Channels that sent the end of the current superstep (inside an iteration). */
    private final boolean[] paused;

    private int pausedCount;
    private final Partial[] partials;
    private int remaining;
    private int nextChannel;

    private final Object lock = new Object();
    private long signals;

    private final SegmentInputView view = new SegmentInputView();
    private final ByteArrayInputView partialView = new ByteArrayInputView();
    private int currentIndex = -1;
    private Buffer currentBuffer;
    private int position;

    /** A record cut at the end of a buffer: its bytes so far, length prefix included. */
    private static final class Partial {
        byte[] bytes = new byte[64];
        int length;

        /** The bytes still missing, or -1 if the length prefix itself is not complete. */
        int missing() {
            if (length < LENGTH) {
                return LENGTH - length;
            }
            int recordLength = ((bytes[0] & 0xFF) << 24)
                    | ((bytes[1] & 0xFF) << 16)
                    | ((bytes[2] & 0xFF) << 8)
                    | (bytes[3] & 0xFF);
            return LENGTH + recordLength - length;
        }

        void append(MemorySegment segment, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            segment.get(offset, bytes, length, count);
            length += count;
        }
    }

    /** @param name how messages name the input, e.g. "input 1 of 'join' (2/4)" */
    public InputGate(TypeSerializer<T> serializer, List<Channel> channels, BooleanSupplier cancelled, String name) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.channels = List.copyOf(channels);
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled is null");
        this.name = Objects.requireNonNull(name, "name is null");
        this.done = new boolean[this.channels.size()];
        this.paused = new boolean[this.channels.size()];
        this.partials = new Partial[this.channels.size()];
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

    /** The serializer the gate reads records with. */
    public TypeSerializer<T> serializer() {
        return serializer;
    }

    @Override
    public T next() throws IOException {
        while (true) {
            if (currentBuffer != null) {
                T record = readFromBuffer();
                if (record != null) {
                    return record;
                }
                currentBuffer.recycle();
                currentBuffer = null;
            }
            if (!nextBuffer()) {
                return null;
            }
        }
    }

    /** The next record of the current buffer, or {@code null} when the buffer holds no more whole ones. */
    private T readFromBuffer() throws IOException {
        MemorySegment segment = currentBuffer.segment();
        int limit = currentBuffer.size();
        Partial partial = partials[currentIndex];
        while (partial != null && partial.length > 0) {
            int missing = partial.missing();
            int take = Math.min(missing, limit - position);
            partial.append(segment, position, take);
            position += take;
            if (partial.length >= LENGTH && partial.missing() == 0) {
                partialView.setBuffer(partial.bytes, LENGTH, partial.length - LENGTH);
                partial.length = 0;
                T record = serializer.deserialize(partialView);
                checkConsumed(partialView.available());
                return record;
            }
            if (position == limit) {
                return null;
            }
        }
        int available = limit - position;
        if (available >= LENGTH) {
            int length = segment.getIntBigEndian(position);
            if (available - LENGTH >= length) {
                int start = position + LENGTH;
                view.at(segment, start, start + length);
                position = start + length;
                T record = serializer.deserialize(view);
                checkConsumed(view.remaining());
                return record;
            }
        }
        if (available > 0) {
            if (partial == null) {
                partial = partials[currentIndex] = new Partial();
            }
            partial.append(segment, position, available);
            position = limit;
        }
        return null;
    }

    private void checkConsumed(int left) throws IOException {
        if (left != 0) {
            throw new IOException(
                    name + ": the serializer " + serializer.getClass().getName() + " left " + left
                            + " bytes of a record unread: it does not read what it writes");
        }
    }

    /** Moves to a buffer of any channel; false when all channels have finished. */
    private boolean nextBuffer() throws IOException {
        return nextBuffer(true) == Boolean.TRUE;
    }

    /**
     * Moves to a buffer of any channel: true when there is one, false when all channels have
     * finished (or paused at the end of a superstep), {@code null} when there is none yet and {@code
     * wait} is false.
     */
    private Boolean nextBuffer(boolean wait) throws IOException {
        while (true) {
            long seen;
            synchronized (lock) {
                seen = signals;
            }
            for (int tried = 0; tried < channels.size(); tried++) {
                int index = nextChannel;
                nextChannel = nextChannel + 1 == channels.size() ? 0 : nextChannel + 1;
                if (done[index] || paused[index]) {
                    continue;
                }
                Channel channel = channels.get(index);
                Buffer buffer = channel.poll();
                if (buffer != null && buffer.isEndOfSuperstep()) {
                    if (partials[index] != null && partials[index].length > 0) {
                        throw new EOFException(
                                name + ": the last record of a superstep in channel " + index + " was cut off");
                    }
                    paused[index] = true;
                    pausedCount++;
                    continue;
                }
                if (buffer != null) {
                    currentIndex = index;
                    currentBuffer = buffer;
                    position = 0;
                    return true;
                }
                if (channel.isFinished()) {
                    if (partials[index] != null && partials[index].length > 0) {
                        throw new EOFException(name + ": the last record of channel " + index + " was cut off");
                    }
                    done[index] = true;
                    remaining--;
                }
            }
            if (remaining == 0 || pausedCount == remaining) {
                // every channel has ended (or paused) at a record's end: the buffers that assembled
                // records cut by a page end, grown to the largest record (a graph block: a megabyte),
                // go, or the finished task that keeps this gate would keep them live until the job ends
                Arrays.fill(partials, null);
                return false;
            }
            if (!wait) {
                return null;
            }
            await(seen);
        }
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

    /**
     * Inside an iteration: waits until this superstep's input has started (true) or the input has
     * ended for good (false: the iteration is over). After true, {@link #next} returns the superstep's
     * records and then {@code null} at its end.
     */
    public boolean awaitSuperstep() throws IOException {
        if (currentBuffer != null || nextBuffer()) {
            return true;
        }
        return remaining > 0;
    }

    /**
     * {@link #awaitSuperstep} without waiting: what it would return, or {@code null} when it would
     * wait (nothing of this superstep has come yet).
     */
    public Boolean pollSuperstep() throws IOException {
        if (currentBuffer != null) {
            return true;
        }
        Boolean found = nextBuffer(false);
        if (found == null) {
            return null;
        }
        return found || remaining > 0;
    }

    /** Inside an iteration: after {@link #next} returned {@code null}, lets the next superstep's records in. */
    public void startNextSuperstep() {
        java.util.Arrays.fill(paused, false);
        pausedCount = 0;
    }

    /** Recycles the buffer being read; the channels themselves are released by their owner. */
    public void close() {
        if (currentBuffer != null) {
            currentBuffer.recycle();
            currentBuffer = null;
        }
    }
}
