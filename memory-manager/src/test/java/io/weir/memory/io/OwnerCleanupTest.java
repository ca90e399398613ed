package io.weir.memory.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.memory.MemoryManager;
import io.weir.memory.MemorySegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that spills — runs of records written to several files while earlier runs are read back —
 * must leave no page and no file behind, however it ends: finished, failed in the middle of a
 * write, or cancelled (interrupted) while its asynchronous I/O is in flight. The clean-up is the
 * one every task will run: release the owner's files, then its pages.
 */
class OwnerCleanupTest {

    private static final int PAGE = 4096;

    @TempDir
    Path temp;

    private MemoryManager memory;
    private IOManager io;

    @BeforeEach
    void setUp() {
        memory = MemoryManager.create(32 * PAGE, PAGE);
        io = new IOManager(List.of(temp));
    }

    @AfterEach
    void tearDown() {
        io.close();
        memory.close();
    }

    /** How the simulated task ends. */
    enum Ending {
        FINISHES,
        FAILS,
        IS_CANCELLED
    }

    /** A task that spills runs and reads earlier runs back until told to stop. */
    private final class SpillingTask implements Runnable {
        final String owner;
        final Ending ending;
        final CountDownLatch spilling = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        SpillingTask(String owner, Ending ending) {
            this.owner = owner;
            this.ending = ending;
        }

        @Override
        public void run() {
            try {
                List<FileChannelId> runs = new ArrayList<>();
                for (int run = 0; run < (ending == Ending.FINISHES ? 4 : Integer.MAX_VALUE); run++) {
                    FileChannelId file = io.createChannel(owner);
                    runs.add(file);
                    ChannelWriterOutputView out =
                            new ChannelWriterOutputView(io.createBlockWriter(file), memory.allocatePages(owner, 3));
                    // an earlier run is read back while this one is written: both have I/O in flight
                    ChannelReaderInputView in = run == 0
                            ? null
                            : new ChannelReaderInputView(
                                    io.createBlockReader(runs.get(run - 1)), memory.allocatePages(owner, 2));
                    for (int record = 0; record < 20_000; record++) {
                        out.writeLong(record);
                        out.writeUTF("record " + record + " of run " + run);
                        if (in != null && record % 3 == 0) {
                            in.readLong();
                            in.readUTF();
                        }
                        if (run == 1 && record == 5_000) {
                            spilling.countDown();
                            if (ending == Ending.FAILS) {
                                throw new IllegalStateException("user function failed on record " + record);
                            }
                        }
                        if (Thread.currentThread().isInterrupted()) {
                            throw new java.io.InterruptedIOException("task cancelled");
                        }
                    }
                    memory.release(out.close());
                    if (in != null) {
                        memory.release(in.close());
                    }
                }
                spilling.countDown();
            } catch (Throwable e) {
                failure.set(e);
                spilling.countDown();
            } finally {
                // the task's clean-up: files first (waits for in-flight I/O), then pages
                io.releaseAll(owner);
                memory.releaseAll(owner);
            }
        }
    }

    @Test
    void aTaskThatFinishesLeavesNoPagesAndNoFiles() throws Exception {
        SpillingTask task = runToEnd(Ending.FINISHES);
        assertThat(task.failure.get()).isNull();
        assertNothingLeft();
    }

    @Test
    void aTaskThatFailsWhileSpillingLeavesNoPagesAndNoFiles() throws Exception {
        SpillingTask task = runToEnd(Ending.FAILS);
        assertThat(task.failure.get()).hasMessageContaining("user function failed");
        assertNothingLeft();
    }

    @Test
    void aTaskCancelledWhileItsIoIsInFlightLeavesNoPagesAndNoFiles() throws Exception {
        SpillingTask task = runToEnd(Ending.IS_CANCELLED);
        assertThat(task.failure.get()).isInstanceOf(java.io.InterruptedIOException.class);
        assertNothingLeft();
    }

    @Test
    void otherOwnersKeepTheirPagesAndFilesWhenOneTaskFails() throws Exception {
        List<MemorySegment> kept = memory.allocatePages("healthy task", 2);
        FileChannelId keptFile = io.createChannel("healthy task");
        io.createBlockWriter(keptFile).close();

        runToEnd(Ending.FAILS);

        assertThat(memory.pagesHeldBy("healthy task")).isEqualTo(2);
        assertThat(Files.exists(keptFile.path())).isTrue();
        assertThat(kept).allSatisfy(page -> assertThat(page.isFreed()).isFalse());
        memory.release(kept);
        io.releaseAll("healthy task");
        assertNothingLeft();
    }

    private SpillingTask runToEnd(Ending ending) throws Exception {
        SpillingTask task = new SpillingTask("task '" + ending + "'", ending);
        Thread thread = new Thread(task, "spilling task");
        thread.start();
        assertThat(task.spilling.await(60, TimeUnit.SECONDS)).isTrue();
        if (ending == Ending.IS_CANCELLED) {
            thread.interrupt();
        }
        thread.join(60_000);
        assertThat(thread.isAlive()).isFalse();
        return task;
    }

    private void assertNothingLeft() throws IOException {
        memory.verifyEmpty();
        io.verifyEmpty();
        assertThat(memory.pagesInUse()).isZero();
        assertThat(io.filesOnDisk()).isEmpty();
    }
}
