/** Tuples of 1 to 25 fields, for generic library code and programs ported from Flink. */
package io.weir.core.tuple;
