package io.weir.runtime.jobgraph;

import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import java.io.Serializable;
import java.util.Objects;

/**
 * A connection from one vertex's output to one of another vertex's inputs.
 *
 * @param id the edge's number within its job graph
 * @param source the producing vertex's id
 * @param target the consuming vertex's id
 * @param targetInput which input of the consumer's head driver the edge feeds (several edges may
 *     feed one input: their records are merged, as for a union)
 * @param partitionKey the key records are hashed on, for {@link ShipStrategy#HASH}; else {@code null}
 * @param serializer how the records cross the edge as bytes
 * @param partitioner what picks each record's instance, for {@link ShipStrategy#CUSTOM}; else {@code
 *     null}
 */
public record JobEdge(
        int id,
        int source,
        int target,
        int targetInput,
        ShipStrategy shipStrategy,
        TypeComparator<?> partitionKey,
        ResultType resultType,
        TypeSerializer<?> serializer,
        RecordPartitioner<?> partitioner)
        implements Serializable {

    /** An edge that is not custom-partitioned. */
    public JobEdge(
            int id,
            int source,
            int target,
            int targetInput,
            ShipStrategy shipStrategy,
            TypeComparator<?> partitionKey,
            ResultType resultType,
            TypeSerializer<?> serializer) {
        this(id, source, target, targetInput, shipStrategy, partitionKey, resultType, serializer, null);
    }

    public JobEdge {
        Objects.requireNonNull(shipStrategy, "shipStrategy is null");
        Objects.requireNonNull(resultType, "resultType is null");
        Objects.requireNonNull(serializer, "serializer is null");
        if ((shipStrategy == ShipStrategy.HASH) != (partitionKey != null)) {
            throw new IllegalArgumentException("a hash-partitioned edge needs a key, and only it");
        }
        if ((shipStrategy == ShipStrategy.CUSTOM) != (partitioner != null)) {
            throw new IllegalArgumentException("a custom-partitioned edge needs a partitioner, and only it");
        }
    }

    /** This edge with another result type (a pipelined exchange made blocking, say). */
    public JobEdge withResultType(ResultType newResultType) {
        return new JobEdge(
                id, source, target, targetInput, shipStrategy, partitionKey, newResultType, serializer, partitioner);
    }
}
