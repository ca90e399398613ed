package io.weir.runtime.exchange;

import java.util.ArrayDeque;

/**
 * A local channel whose buffers flow to the consumer as soon as the producer adds them. The queue
 * needs no bound of its own: the producer's {@link BufferPool} is the bound.
 */
public final class PipelinedChannel implements Channel, SubpartitionWriter {

    private final ArrayDeque<Buffer> queue = new ArrayDeque<>();
    private boolean finished;
    private boolean released;
    private volatile Runnable listener = () -> {};

    @Override
    public void add(Buffer buffer) {
        synchronized (this) {
            if (released) {
                buffer.recycle();
                return;
            }
            queue.add(buffer);
        }
        listener.run();
    }

    @Override
    public void finish() {
        synchronized (this) {
            finished = true;
        }
        listener.run();
    }

    @Override
    public synchronized Buffer poll() {
        return queue.poll();
    }

    @Override
    public synchronized boolean isFinished() {
        return finished && queue.isEmpty();
    }

    @Override
    public void setListener(Runnable newListener) {
        this.listener = newListener;
    }

    @Override
    public synchronized void release() {
        released = true;
        Buffer buffer;
        while ((buffer = queue.poll()) != null) {
            buffer.recycle();
        }
    }
}
