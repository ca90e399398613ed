/**
 * The memory-bounded operators: they hold records serialized in managed-memory pages, stay inside
 * a budget ({@link io.weir.runtime.operators.OperatorResources}) and spill to disk when it is full.
 * External sort, hash join, hash aggregation and the spillable record buffer live in the
 * sub-packages; every one reports {@link io.weir.runtime.operators.OperatorMetrics} and names
 * itself in errors.
 */
package io.weir.runtime.operators;
