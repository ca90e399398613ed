/** Hash-based operators over managed memory: aggregation (reduce, combine) and, later, the hash join. */
package io.weir.runtime.operators.hash;
