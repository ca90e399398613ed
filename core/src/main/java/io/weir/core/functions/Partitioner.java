package io.weir.core.functions;

/** Chooses the partition of a key for {@code partitionCustom}: the same key, the same partition. */
@FunctionalInterface
public interface Partitioner<K> extends Function {

    /** A partition number from 0 to {@code numPartitions - 1}. */
    int partition(K key, int numPartitions);
}
