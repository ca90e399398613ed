package io.weir.memory.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the asynchronous block writer and reader share: a file channel served by one {@link
 * IOThread}, a count of requests in flight, and the first failure of the I/O thread, which the
 * caller sees on its next call.
 *
 * <p>Closing waits until no request is in flight, because a request holds a memory page: once
 * {@code close} returns, the caller may release its pages without the I/O thread still reading
 * into or writing from them.
 */
abstract class AsyncChannel implements AutoCloseable {

    final FileChannelId id;
    final Object owner;
    final FileChannel channel;
    private final IOThread ioThread;
    private final IOManager ioManager;

    private int pending;
    private volatile IOException failure;

    /** Set when the channel is being closed for good: requests still queued are skipped. */
    volatile boolean discarding;

    private boolean closed;

    AsyncChannel(IOManager ioManager, FileChannelId id, Object owner, IOThread ioThread, boolean write)
            throws IOException {
        this.ioManager = ioManager;
        this.id = id;
        this.owner = owner;
        this.ioThread = ioThread;
        this.channel = ioManager.channelFactory().open(id.path(), write);
    }

    public FileChannelId channelId() {
        return id;
    }

    /** Queues a request; the caller's failure check comes first, so errors surface early. */
    final void submit(IOThread.Request request) throws IOException {
        checkFailure();
        synchronized (this) {
            if (closed) {
                throw new IOException("spill file " + id + " is already closed");
            }
            pending++;
        }
        try {
            ioThread.submit(request);
        } catch (InterruptedException e) {
            requestDone();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while queuing I/O for spill file " + id);
        }
    }

    /** Called by the I/O thread when a request has finished, successfully or not. */
    final synchronized void requestDone() {
        pending--;
        notifyAll();
    }

    /** Called by the I/O thread: records the first failure. */
    final void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    final void checkFailure() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw new IOException("I/O on spill file " + id + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until no request is in flight. An interrupt does not end the wait early (the pages
     * must come back first; requests take milliseconds) but is kept for the caller.
     */
    final synchronized void awaitPending() {
        boolean interrupted = false;
        while (pending > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} or {@link #closeAndDelete()} has been called. */
    public final synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Waits for queued requests, finishes the file (a writer writes its end marker) and closes it.
     * The file stays, registered with the I/O manager until it is deleted.
     */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        awaitPending();
        try {
            if (failure == null) {
                finish();
            }
        } finally {
            ioManager.unregisterHandle(this);
            channel.close();
        }
        checkFailure();
    }

    /**
     * Stops this channel and deletes its file: queued requests are skipped (their pages still come
     * back), nothing more is written. This is the clean-up path after a failure or cancellation and
     * does not throw for I/O failures.
     */
    public void closeAndDelete() {
        abort();
        ioManager.deleteChannel(id);
    }

    /** Stops this channel without finishing the file: skips queued requests, waits, closes. */
    final void abort() {
        discarding = true;
        synchronized (this) {
            closed = true;
        }
        awaitPending();
        try {
            channel.close();
        } catch (IOException e) {
            // the file is being given up; a close failure changes nothing
        }
        ioManager.unregisterHandle(this);
    }

    /** Called once on a clean close, after all requests: a writer writes its end marker here. */
    abstract void finish() throws IOException;

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the directory is removed with the I/O manager; nothing else to do here
        }
    }
}
