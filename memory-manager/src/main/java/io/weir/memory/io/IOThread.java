package io.weir.memory.io;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The thread that does all reads and writes of the spill files in one temp directory, in the order
 * they were asked for. Its request queue is bounded, so a producer that outruns the disk waits
 * instead of queuing unbounded work; the thread itself never waits on a caller.
 */
final class IOThread extends Thread {

    /** A unit of I/O work; it reports its own failures to the channel it belongs to. */
    interface Request {
        void run();
    }

    private static final Request SHUTDOWN = () -> {};

    private final BlockingQueue<Request> requests;

    IOThread(String name, int queueCapacity) {
        super(name);
        setDaemon(true);
        this.requests = new ArrayBlockingQueue<>(queueCapacity);
    }

    void submit(Request request) throws InterruptedException {
        requests.put(request);
    }

    void shutdown() {
        // The queue may be full of work that will still run; the pill goes last, after it.
        boolean interrupted = false;
        while (true) {
            try {
                requests.put(SHUTDOWN);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (true) {
            Request request;
            try {
                request = requests.take();
            } catch (InterruptedException e) {
                continue; // only shutdown() ends this thread, so queued requests always complete
            }
            if (request == SHUTDOWN) {
                return;
            }
            try {
                request.run();
            } catch (Throwable t) {
                // Requests report failures to their channel; this guards the thread against a bug.
                getUncaughtExceptionHandler().uncaughtException(this, t);
            }
        }
    }
}
