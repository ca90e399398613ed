/**
 * Type information: {@link io.weir.core.types.TypeInfo} for every kind of record Weir handles,
 * {@link io.weir.core.types.TypeExtractor} to find it from classes and function signatures,
 * {@link io.weir.core.types.Types} and {@link io.weir.core.types.TypeHint} to give it explicitly, and
 * {@link io.weir.core.types.Keys} to name the key of a grouping, join or sort.
 */
package io.weir.core.types;
