/** Benchmarks of serializers against plain Kryo. */
package io.weir.benchmarks.serialization;
