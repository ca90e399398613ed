package io.weir.runtime.cluster;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.jobgraph.JobGraph;
import java.util.Objects;

/**
 * The embedded engine: a JobManager and one TaskManager in the calling process, whose slots are
 * threads. Each job gets the configured managed memory ({@link MemoryOptions#MANAGED_MEMORY_SIZE})
 * and spill directories; every page and spill file is released when the job ends, however it ends.
 * Runs one job at a time.
 */
public final class MiniCluster {

    private final Configuration configuration;

    public MiniCluster(Configuration configuration) {
        this.configuration = new Configuration(Objects.requireNonNull(configuration, "configuration is null"));
    }

    /**
     * Runs a job to its end.
     *
     * @throws JobExecutionException if it cannot start (too little memory, a missing input, a target
     *     that exists) or fails; the message names the operator and the first cause
     */
    public synchronized JobResult execute(JobGraph graph, JobListener listener) {
        MemoryManager memoryManager = MemoryOptions.createMemoryManager(configuration);
        IOManager ioManager = MemoryOptions.createIOManager(configuration);
        try {
            return new JobExecution(graph, configuration, memoryManager, ioManager, listener).run();
        } finally {
            ioManager.close();
            memoryManager.close();
        }
    }
}
