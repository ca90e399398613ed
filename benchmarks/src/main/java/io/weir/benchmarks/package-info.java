/** JMH micro-benchmarks; run from {@code benchmarks/target/benchmarks.jar}, never in the build. */
package io.weir.benchmarks;
