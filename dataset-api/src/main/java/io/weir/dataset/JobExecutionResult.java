package io.weir.dataset;

import io.weir.core.plan.Operator;
import io.weir.optimizer.OptimizedPlan;
import io.weir.optimizer.PlanNode;
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
    private final OptimizedPlan plan;

    JobExecutionResult(JobResult result, OptimizedPlan plan) {
        this.result = Objects.requireNonNull(result, "result is null");
        this.plan = Objects.requireNonNull(plan, "plan is null");
    }

    /** The optimizer's estimate of an operator's output beside the records it actually emitted. */
    public record EstimateCheck(String operator, long estimatedRecords, String estimatedFrom, long observedRecords) {

        /** Observed over estimated records; NaN when the estimate is unknown or zero. */
        public double ratio() {
            return estimatedRecords <= 0 ? Double.NaN : (double) observedRecords / estimatedRecords;
        }
    }

    /**
     * For every operator the optimizer planned (not those inside iteration steps), its estimated
     * output records beside the records its parallel instances emitted — to see where estimates
     * were off and a size hint would help.
     */
    public List<EstimateCheck> getEstimateChecks() {
        List<EstimateCheck> checks = new java.util.ArrayList<>();
        for (PlanNode node : plan.nodes()) {
            Operator<?> operator = node.operator();
            long observed = -1;
            for (OperatorStats stats : result.operators()) {
                if (stats.operatorId() == operator.id() && stats.name().equals(operator.name())) {
                    observed = Math.max(0, observed) + stats.recordsOut();
                }
            }
            if (observed >= 0) {
                checks.add(new EstimateCheck(
                        operator.name(),
                        node.estimate().records(),
                        node.estimate().source(),
                        observed));
            }
        }
        return checks;
    }

    /** {@link #getEstimateChecks()} as a table: operator, estimated, observed, observed/estimated. */
    public String describeEstimates() {
        StringBuilder out = new StringBuilder("estimated vs observed records of job '" + result.jobName() + "'\n");
        for (EstimateCheck check : getEstimateChecks()) {
            out.append(String.format(
                    java.util.Locale.ROOT,
                    "  %s: estimated %s (%s), observed %,d%s%n",
                    check.operator(),
                    check.estimatedRecords() < 0
                            ? "unknown"
                            : String.format(java.util.Locale.ROOT, "%,d", check.estimatedRecords()),
                    check.estimatedFrom(),
                    check.observedRecords(),
                    Double.isNaN(check.ratio())
                            ? ""
                            : String.format(java.util.Locale.ROOT, " (×%.2f)", check.ratio())));
        }
        return out.toString();
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
