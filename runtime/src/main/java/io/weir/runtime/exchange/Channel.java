package io.weir.runtime.exchange;

import java.io.IOException;

/**
 * The consumer's end of the connection from one producer instance to one consumer instance. The
 * consumer polls buffers; a listener tells it when a poll may find something new. A local channel
 * is an in-memory queue; a network transport implements the same contract over a socket.
 */
public interface Channel {

    /** The next buffer, or {@code null} if none is available now (or the channel is finished). */
    Buffer poll() throws IOException;

    /** Whether the producer has finished and every buffer has been taken. */
    boolean isFinished();

    /** Called (on the producer's thread) whenever a poll may find a buffer or the end. */
    void setListener(Runnable listener);

    /** Drops whatever the channel still holds: buffers, pages, spill files. */
    void release();
}
