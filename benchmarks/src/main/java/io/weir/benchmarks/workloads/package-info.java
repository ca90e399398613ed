/**
 * End-to-end workloads: the examples run as whole {@code bin/weir} processes, timed beside a
 * reference engine (DuckDB, in a child JVM) doing the same work from the same files in the same run,
 * with the two outputs compared.
 */
package io.weir.benchmarks.workloads;
