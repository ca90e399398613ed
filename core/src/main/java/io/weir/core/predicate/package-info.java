/**
 * Declarative predicates on record fields ({@link io.weir.core.predicate.Predicate#col}): filters
 * the optimizer can read — for selectivity estimates and to push them into sources that can skip
 * data ({@link io.weir.core.io.FilterPushdown}).
 */
package io.weir.core.predicate;
