/**
 * The logical plan: an immutable DAG of {@link io.weir.core.plan.Operator}s, each doing what its
 * {@link io.weir.core.plan.OperatorSpec} says, ending in sinks ({@link io.weir.core.plan.Plan}),
 * checked by {@link io.weir.core.plan.PlanValidator} before it is optimized and run.
 */
package io.weir.core.plan;
