package io.weir.memory.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Spill files and the threads that read and write them.
 *
 * <h2>Files and directories</h2>
 *
 * Each I/O manager makes a directory {@code weir-io-<random>} in every configured temp directory
 * and creates spill files in them round-robin, so that spilling spreads over all disks. Each temp
 * directory has one {@link IOThread} with a bounded request queue; all reads and writes of a file
 * go through its directory's thread, in order.
 *
 * <h2>Ownership</h2>
 *
 * Every spill file belongs to an owner (as pages do in the {@link io.weir.memory.MemoryManager}) from
 * {@link #createChannel} until it is deleted. {@link #releaseAll(Object)} stops the owner's open
 * readers and writers and deletes its files — the clean-up after failure or cancellation; {@link
 * #verifyEmpty()} reports files still alive; {@link #close()} deletes everything, including the
 * directories, and also runs when the JVM shuts down.
 *
 * <p>Order of clean-up: close or release an owner's files <em>before</em> releasing its pages,
 * since a queued request reads into or writes from a page until it completes. Every close method
 * here waits for that.
 */
public final class IOManager implements AutoCloseable {

    /** Requests one I/O thread queues before producers wait. */
    public static final int DEFAULT_QUEUE_CAPACITY = 64;

    private final List<Path> directories;
    private final IOThread[] threads;
    private final FileChannelFactory channelFactory;
    private final AtomicInteger nextDirectory = new AtomicInteger();
    private final AtomicLong nextFile = new AtomicLong();
    private final Thread shutdownHook;

    // Guarded by this.
    private final Map<FileChannelId, Object> ownerOfChannel = new HashMap<>();
    private final Map<Object, Set<FileChannelId>> channelsByOwner = new IdentityHashMap<>();
    private final Set<AsyncChannel> openHandles = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /**
     * @param tempDirectories where to put spill files; each must exist or be creatable
     * @param queueCapacity the number of requests each I/O thread queues
     * @param channelFactory how spill files are opened ({@link FileChannelFactory#DEFAULT}; tests
     *     inject failing channels)
     */
    public IOManager(List<Path> tempDirectories, int queueCapacity, FileChannelFactory channelFactory) {
        this.channelFactory = java.util.Objects.requireNonNull(channelFactory, "channelFactory is null");
        if (tempDirectories.isEmpty()) {
            throw new IllegalArgumentException("the I/O manager needs at least one temp directory");
        }
        List<Path> created = new ArrayList<>();
        String unique = "weir-io-" + UUID.randomUUID();
        try {
            for (Path temp : tempDirectories) {
                Path directory = temp.resolve(unique);
                Files.createDirectories(directory);
                created.add(directory);
            }
        } catch (IOException e) {
            created.forEach(IOManager::deleteRecursively);
            throw new UncheckedIOException(
                    "cannot create a spill directory in " + tempDirectories + ": " + e.getMessage()
                            + ". Set io.tmp.dirs to directories this process can write to.",
                    e);
        }
        this.directories = List.copyOf(created);
        this.threads = new IOThread[directories.size()];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new IOThread("weir-io-" + i + " (" + tempDirectories.get(i) + ")", queueCapacity);
            threads[i].start();
        }
        this.shutdownHook = new Thread(this::closeQuietly, "weir-io-manager-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public IOManager(List<Path> tempDirectories) {
        this(tempDirectories, DEFAULT_QUEUE_CAPACITY, FileChannelFactory.DEFAULT);
    }

    FileChannelFactory channelFactory() {
        return channelFactory;
    }

    /** An I/O manager spilling to {@code java.io.tmpdir}. */
    public static IOManager createDefault() {
        return new IOManager(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** The directories this manager created, one per configured temp directory. */
    public List<Path> spillDirectories() {
        return directories;
    }

    /** Names a new spill file for {@code owner}, in the next temp directory in turn. */
    public synchronized FileChannelId createChannel(Object owner) {
        if (closed) {
            throw new IllegalStateException("I/O manager is closed; " + owner + " cannot create a spill file");
        }
        int index = Math.floorMod(nextDirectory.getAndIncrement(), directories.size());
        Path path = directories.get(index).resolve("spill-" + nextFile.getAndIncrement() + ".blocks");
        FileChannelId id = new FileChannelId(path, index);
        ownerOfChannel.put(id, owner);
        channelsByOwner.computeIfAbsent(owner, o -> new LinkedHashSet<>()).add(id);
        return id;
    }

    /** Opens an asynchronous block writer on a new spill file; the file is created empty. */
    public BlockChannelWriter createBlockWriter(FileChannelId id) throws IOException {
        Object owner = ownerOf(id);
        return register(new BlockChannelWriter(this, id, owner, threads[id.directoryIndex()]));
    }

    /** Opens an asynchronous block reader on a spill file that a writer has closed. */
    public BlockChannelReader createBlockReader(FileChannelId id) throws IOException {
        Object owner = ownerOf(id);
        return register(new BlockChannelReader(this, id, owner, threads[id.directoryIndex()]));
    }

    private synchronized Object ownerOf(FileChannelId id) {
        if (closed) {
            throw new IllegalStateException("I/O manager is closed; cannot open spill file " + id);
        }
        Object owner = ownerOfChannel.get(id);
        if (owner == null) {
            throw new IllegalArgumentException(
                    "spill file " + id + " is not (or no longer) managed by this I/O manager");
        }
        return owner;
    }

    private synchronized <C extends AsyncChannel> C register(C handle) {
        openHandles.add(handle);
        return handle;
    }

    synchronized void unregisterHandle(AsyncChannel handle) {
        openHandles.remove(handle);
    }

    /**
     * Deletes a spill file. Readers or writers still open on it are stopped first (see {@link
     * AsyncChannel#closeAndDelete()}).
     */
    public void deleteChannel(FileChannelId id) {
        List<AsyncChannel> open = new ArrayList<>();
        synchronized (this) {
            for (AsyncChannel handle : openHandles) {
                if (handle.id.equals(id)) {
                    open.add(handle);
                }
            }
        }
        for (AsyncChannel handle : open) {
            handle.abort();
        }
        synchronized (this) {
            Object owner = ownerOfChannel.remove(id);
            if (owner != null) {
                Set<FileChannelId> owned = channelsByOwner.get(owner);
                owned.remove(id);
                if (owned.isEmpty()) {
                    channelsByOwner.remove(owner);
                }
            }
        }
        AsyncChannel.deleteQuietly(id.path());
    }

    /**
     * Stops every reader and writer of {@code owner} and deletes all its spill files: the clean-up
     * of an owner that finished, failed or was cancelled.
     *
     * @return the number of spill files deleted
     */
    public int releaseAll(Object owner) {
        List<FileChannelId> owned;
        synchronized (this) {
            Set<FileChannelId> channels = channelsByOwner.get(owner);
            owned = channels == null ? List.of() : new ArrayList<>(channels);
        }
        for (FileChannelId id : owned) {
            deleteChannel(id);
        }
        return owned.size();
    }

    /** The number of spill files alive (created and not yet deleted). */
    public synchronized int spillFileCount() {
        return ownerOfChannel.size();
    }

    /** The number of spill files {@code owner} holds. */
    public synchronized int spillFilesHeldBy(Object owner) {
        Set<FileChannelId> owned = channelsByOwner.get(owner);
        return owned == null ? 0 : owned.size();
    }

    /** The files present in the spill directories now, whether or not they are managed. */
    public List<Path> filesOnDisk() {
        List<Path> files = new ArrayList<>();
        for (Path directory : directories) {
            try (Stream<Path> listing = Files.list(directory)) {
                listing.forEach(files::add);
            } catch (IOException e) {
                // a directory that is gone holds no files
            }
        }
        return files;
    }

    /**
     * Checks that no owner holds spill files.
     *
     * @throws IllegalStateException naming every owner that still holds spill files, and how many
     */
    public synchronized void verifyEmpty() {
        if (!channelsByOwner.isEmpty()) {
            StringBuilder message = new StringBuilder("spill file leak: ");
            boolean first = true;
            for (Map.Entry<Object, Set<FileChannelId>> entry : channelsByOwner.entrySet()) {
                if (!first) {
                    message.append(", ");
                }
                first = false;
                message.append(entry.getKey())
                        .append(" (")
                        .append(entry.getValue().size())
                        .append(" files)");
            }
            throw new IllegalStateException(message.append(" not deleted.").toString());
        }
    }

    /** Stops all I/O, closes and deletes every spill file and the spill directories. */
    @Override
    public void close() {
        List<AsyncChannel> open;
        List<FileChannelId> files;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(openHandles);
            files = new ArrayList<>(ownerOfChannel.keySet());
        }
        for (AsyncChannel handle : open) {
            handle.abort();
        }
        for (IOThread thread : threads) {
            thread.shutdown();
        }
        for (IOThread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            openHandles.clear();
            ownerOfChannel.clear();
            channelsByOwner.clear();
        }
        files.forEach(id -> AsyncChannel.deleteQuietly(id.path()));
        directories.forEach(IOManager::deleteRecursively);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook running
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            // at JVM shutdown there is nobody left to tell
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(AsyncChannel::deleteQuietly);
        } catch (IOException e) {
            // best effort: a directory we cannot list we cannot clean either
        }
    }

    @Override
    public String toString() {
        return "IOManager" + directories;
    }
}
