/**
 * The user function interfaces — map, flatMap, filter, mapPartition, reduce, groupReduce, combine,
 * join, coGroup, cross, key selector — as serializable functional interfaces, their rich variants
 * with a life cycle and a {@link io.weir.core.functions.RuntimeContext}, and accumulators.
 */
package io.weir.core.functions;
