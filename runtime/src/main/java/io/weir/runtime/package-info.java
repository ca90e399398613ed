/**
 * The pipelined runtime. So far: the memory-bounded operators ({@link io.weir.runtime.operators}).
 */
package io.weir.runtime;
