package io.weir.runtime.exchange;

import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.ResultType;
import java.util.Objects;

/** Connections between tasks in one process: in-memory queues, or spilling buffers for blocking results. */
public final class LocalExchange implements Exchange {

    private final MemoryManager memoryManager;
    private final IOManager ioManager;

    public LocalExchange(MemoryManager memoryManager, IOManager ioManager) {
        this.memoryManager = Objects.requireNonNull(memoryManager, "memoryManager is null");
        this.ioManager = Objects.requireNonNull(ioManager, "ioManager is null");
    }

    @Override
    public Connection connect(JobEdge edge, int producer, int consumer, BufferPool pool, int reserve) {
        if (edge.resultType() == ResultType.BLOCKING) {
            BlockingChannel channel = new BlockingChannel(pool, reserve, memoryManager, ioManager);
            return new Connection(channel, channel);
        }
        PipelinedChannel channel = new PipelinedChannel();
        return new Connection(channel, channel);
    }
}
