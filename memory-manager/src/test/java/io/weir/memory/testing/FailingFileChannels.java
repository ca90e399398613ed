package io.weir.memory.testing;

import io.weir.memory.io.FileChannelFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spill file channels that fail like a full disk: after a number of writes across all files, every
 * write throws {@code IOException("No space left on device")}. Root ignores file permissions, so
 * this is how tests make spilling fail on CI.
 */
public final class FailingFileChannels {

    public static final String NO_SPACE = "No space left on device";

    private FailingFileChannels() {}

    /** A factory whose writers fail after {@code writes} successful writes in total. */
    public static FileChannelFactory failWritesAfter(int writes) {
        AtomicInteger remaining = new AtomicInteger(writes);
        return (path, write) -> {
            FileChannel channel = FileChannelFactory.DEFAULT.open(path, write);
            return write ? new Failing(channel, remaining) : channel;
        };
    }

    private static final class Failing extends FileChannel {
        private final FileChannel delegate;
        private final AtomicInteger remaining;

        Failing(FileChannel delegate, AtomicInteger remaining) {
            this.delegate = delegate;
            this.remaining = remaining;
        }

        private void spend() throws IOException {
            if (remaining.getAndDecrement() <= 0) {
                throw new IOException(NO_SPACE);
            }
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            spend();
            return delegate.write(source);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
            spend();
            return delegate.write(sources, offset, length);
        }

        @Override
        public int write(ByteBuffer source, long position) throws IOException {
            spend();
            return delegate.write(source, position);
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return delegate.read(target);
        }

        @Override
        public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
            return delegate.read(targets, offset, length);
        }

        @Override
        public int read(ByteBuffer target, long position) throws IOException {
            return delegate.read(target, position);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            delegate.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
            spend();
            return delegate.transferFrom(source, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
