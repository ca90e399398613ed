/** Benchmarks of managed memory: page access methods. */
package io.weir.benchmarks.memory;
