/** Built-in accumulators: counters and the list that carries {@code collect()}'s records. */
package io.weir.core.accumulators;
