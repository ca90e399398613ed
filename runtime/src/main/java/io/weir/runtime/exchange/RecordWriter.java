package io.weir.runtime.exchange;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.AbstractPagedOutputView;
import io.weir.memory.view.ByteArrayOutputView;
import io.weir.runtime.jobgraph.RecordPartitioner;
import io.weir.runtime.jobgraph.ShipStrategy;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Serializes one producer instance's records into pages of its {@link BufferPool} and hands each
 * full page to the channel the record belongs to: the one its key hashes to, the one a partitioner
 * picks (custom, range), every one (broadcast), the next in turn (rebalance), or the only one
 * (forward).
 *
 * <p>Each record is written as its length (4 bytes) and its bytes, and may continue in the next
 * page of the same channel. The length lets a consumer put a cut record aside and read other
 * channels until the rest arrives: a consumer that waited on one channel for the rest of a record
 * could deadlock with producers whose pages wait in its other channels.
 */
public final class RecordWriter<T> {

    private final TypeSerializer<T> serializer;
    private final ShipStrategy strategy;
    private final TypeComparator<T> key;
    private final RecordPartitioner<T> partitioner;
    private final PageWriter[] channels;
    private static final int SCRATCH_BYTES = 256;

    private final ByteArrayOutputView scratch = new ByteArrayOutputView(SCRATCH_BYTES);
    private final List<byte[]> reservoir = new java.util.ArrayList<>();
    private final java.util.SplittableRandom random;
    private long seen;
    private int nextChannel;

    /**
     * @param key the partitioning key for {@link ShipStrategy#HASH}, else {@code null}
     * @param partitioner what picks the channel for {@link ShipStrategy#CUSTOM}, else {@code null}
     * @param subtaskIndex where round-robin starts, so that producers do not all start at channel 0
     */
    public RecordWriter(
            TypeSerializer<T> serializer,
            ShipStrategy strategy,
            TypeComparator<T> key,
            RecordPartitioner<T> partitioner,
            List<? extends SubpartitionWriter> targets,
            BufferPool pool,
            int subtaskIndex) {
        this.serializer = Objects.requireNonNull(serializer, "serializer is null");
        this.strategy = Objects.requireNonNull(strategy, "strategy is null");
        this.key = key;
        this.partitioner = partitioner;
        this.channels = new PageWriter[targets.size()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new PageWriter(targets.get(i), pool);
        }
        this.nextChannel = subtaskIndex % channels.length;
        this.random = new java.util.SplittableRandom(0x5eed_0000L + subtaskIndex);
    }

    /** What picks the channels of a {@link ShipStrategy#CUSTOM} edge, else {@code null}. */
    public RecordPartitioner<T> partitioner() {
        return partitioner;
    }

    /** Sends a record to its channel(s). */
    public void emit(T record) throws IOException {
        if (strategy == ShipStrategy.SAMPLE) {
            sample(record);
            return;
        }
        scratch.reset();
        serializer.serialize(record, scratch);
        switch (strategy) {
            case FORWARD -> write(channels[0]);
            case HASH -> write(channels[channelOf(key.hash(record), channels.length)]);
            case CUSTOM -> write(channels[partitioner.partition(record, channels.length)]);
            case REBALANCE -> {
                write(channels[nextChannel]);
                if (++nextChannel == channels.length) {
                    nextChannel = 0;
                }
            }
            case BROADCAST -> {
                for (PageWriter channel : channels) {
                    write(channel);
                }
            }
            case SAMPLE -> throw new IllegalStateException("sampled records are sent when the input ends");
        }
    }

    /** Reservoir sampling (Vitter's algorithm R): every record seen so far is in the sample equally likely. */
    private void sample(T record) throws IOException {
        seen++;
        int slot = reservoir.size() < ShipStrategy.SAMPLE_SIZE ? reservoir.size() : (int) random.nextLong(seen);
        if (slot < ShipStrategy.SAMPLE_SIZE) {
            scratch.reset();
            serializer.serialize(record, scratch);
            byte[] copy = java.util.Arrays.copyOf(scratch.buffer(), scratch.length());
            if (slot == reservoir.size()) {
                reservoir.add(copy);
            } else {
                reservoir.set(slot, copy);
            }
        }
    }

    private void write(PageWriter channel) throws IOException {
        channel.writeInt(scratch.length());
        channel.write(scratch.buffer(), 0, scratch.length());
    }

    /**
     * The channel of a key's hash. The hash is mixed first (a murmur finalizer) so that the hash
     * tables downstream, which use the low bits of the same hash, still spread the keys.
     */
    public static int channelOf(int hash, int channelCount) {
        int h = hash * 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return (int) ((h & 0xFFFFFFFFL) % channelCount);
    }

    /**
     * Inside an iteration: sends the partly filled pages and then, in every channel, the event that
     * ends this superstep's records ({@link Buffer#END_OF_SUPERSTEP}).
     */
    public void endSuperstep() throws IOException {
        if (!reservoir.isEmpty()) {
            throw new IllegalStateException("a sampling edge cannot run inside an iteration");
        }
        for (PageWriter channel : channels) {
            channel.endSuperstep();
        }
    }

    /** Sends the partly filled pages and marks the end of every channel. */
    public void finish() throws IOException {
        for (byte[] sampled : reservoir) {
            channels[0].writeInt(sampled.length);
            channels[0].write(sampled, 0, sampled.length);
        }
        reservoir.clear();
        for (PageWriter channel : channels) {
            channel.finish();
        }
        // the job keeps its finished tasks (for their metrics) and so their writers: a scratch grown
        // to the largest record (graph blocks of a megabyte) would stay live until the job ends, and
        // every young collection would copy it
        scratch.release(SCRATCH_BYTES);
    }

    private static final class PageWriter extends AbstractPagedOutputView {
        private final SubpartitionWriter target;
        private final BufferPool pool;

        PageWriter(SubpartitionWriter target, BufferPool pool) {
            super(null, 0);
            this.target = target;
            this.pool = pool;
        }

        @Override
        protected MemorySegment nextSegment(MemorySegment current, int positionInCurrent) throws IOException {
            send(current, positionInCurrent);
            return pool.request();
        }

        private void send(MemorySegment current, int size) throws IOException {
            if (current == null) {
                return;
            }
            if (size == 0) {
                pool.recycle(current);
            } else {
                target.add(new Buffer(current, size, pool::recycle));
            }
        }

        void finish() throws IOException {
            send(currentSegment(), currentPositionInSegment());
            clear();
            target.finish();
        }

        void endSuperstep() throws IOException {
            send(currentSegment(), currentPositionInSegment());
            clear();
            target.add(Buffer.END_OF_SUPERSTEP);
        }
    }
}
