package io.weir.optimizer;

import io.weir.core.plan.Plan;
import io.weir.core.serialization.SerializerConfig;
import io.weir.runtime.jobgraph.JobGraph;

/**
 * Turns a program's logical plan into the job graph the runtime runs; the cost-based {@link
 * Optimizer} implements it.
 */
public interface PlanTranslator {

    /**
     * @param defaultParallelism the parallelism of operators that do not set their own
     * @throws io.weir.core.plan.InvalidPlanException if the plan cannot run (naming the operator)
     */
    JobGraph translate(Plan plan, int defaultParallelism, SerializerConfig serializerConfig);
}
