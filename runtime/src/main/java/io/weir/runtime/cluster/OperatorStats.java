package io.weir.runtime.cluster;

/**
 * What one operator (a stage of a vertex) did, summed over its parallel instances.
 *
 * @param operatorId the logical operator's id, or -1
 * @param bytesSpilled bytes its sorter or hash table wrote to disk
 */
public record OperatorStats(
        String name,
        int operatorId,
        String driver,
        int parallelism,
        long recordsIn,
        long recordsOut,
        long bytesSpilled) {

    @Override
    public String toString() {
        return String.format(
                "%s [%s ×%d]: %,d in, %,d out%s",
                name,
                driver,
                parallelism,
                recordsIn,
                recordsOut,
                bytesSpilled > 0 ? String.format(", %,d bytes spilled", bytesSpilled) : "");
    }
}
