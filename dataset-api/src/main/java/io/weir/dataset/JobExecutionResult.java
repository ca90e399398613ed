package io.weir.dataset;

import io.weir.runtime.cluster.JobResult;
import io.weir.runtime.cluster.OperatorStats;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@link ExecutionEnvironment#execute} returns: runtime, accumulators, per-operator metrics. */
public final class JobExecutionResult {

    private final JobResult result;

    JobExecutionResult(JobResult result) {
        this.result = Objects.requireNonNull(result, "result is null");
    }

    public String getJobName() {
        return result.jobName();
    }

    public Duration getRuntime() {
        return result.runtime();
    }

    /** The runtime in milliseconds. */
    public long getNetRuntime() {
        return result.runtime().toMillis();
    }

    /** The merged result of the accumulator registered under {@code name}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T getAccumulatorResult(String name) {
        return (T) result.accumulators().get(name);
    }

    public Map<String, Serializable> getAllAccumulatorResults() {
        return result.accumulators();
    }

    /** Records in and out and bytes spilled, per operator (summed over its parallel instances). */
    public List<OperatorStats> getOperatorMetrics() {
        return result.operators();
    }

    /** The metrics of the operator with the given name. */
    public OperatorStats getOperatorMetrics(String operatorName) {
        return result.operator(operatorName);
    }

    /** All bytes the job spilled to disk, by operators and exchanges. */
    public long getBytesSpilled() {
        return result.bytesSpilled();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("job '")
                .append(result.jobName())
                .append("' finished in ")
                .append(String.format("%.3f s", result.runtime().toNanos() / 1e9))
                .append('\n');
        for (OperatorStats operator : result.operators()) {
            out.append("  ").append(operator).append('\n');
        }
        return out.toString();
    }
}
