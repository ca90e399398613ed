package io.weir.runtime.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A finished job: how long it ran, the merged results of its accumulators, and per operator the
 * records in and out and the bytes spilled.
 *
 * @param exchangeBytesSpilled bytes blocking exchanges wrote to disk
 */
public record JobResult(
        String jobName,
        Duration runtime,
        Map<String, Serializable> accumulators,
        List<OperatorStats> operators,
        long exchangeBytesSpilled) {

    public JobResult {
        accumulators = Map.copyOf(accumulators);
        operators = List.copyOf(operators);
    }

    /** The stats of the operator with the given name (the first, if several share it). */
    public OperatorStats operator(String name) {
        return operators.stream()
                .filter(stats -> stats.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operator named '" + name + "' in " + operators));
    }

    /** All bytes the job spilled: operators and exchanges. */
    public long bytesSpilled() {
        return exchangeBytesSpilled
                + operators.stream().mapToLong(OperatorStats::bytesSpilled).sum();
    }
}
