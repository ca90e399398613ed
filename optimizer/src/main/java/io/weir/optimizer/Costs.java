package io.weir.optimizer;

/**
 * The cost of a plan or of one operator, in bytes of three kinds, compared by their sum:
 *
 * <ul>
 *   <li>{@code network}: bytes that cross an exchange between tasks (serialized, copied,
 *       deserialized): a hash or round-robin exchange ships an input once, a broadcast once per
 *       consumer instance, a forward exchange nothing;
 *   <li>{@code disk}: bytes written to and read back from spill files, when the optimizer knows the
 *       job's managed memory: a hash table or sort whose input per instance is larger than its share
 *       (the memory divided by the parallelism and by the number of operators that hold data — the
 *       runtime divides it by weight much like that) spills that fraction of what it handles — for a
 *       hash join, of both inputs; for a broadcast hash join, of every instance's copy of the build
 *       side and the probe side;
 *   <li>{@code cpu}: bytes put into hash tables (twice their size: copying and inserting) and
 *       probed against them (once), bytes sorted (times 2 + log2 of the records over 4: never less
 *       than a hash table), and bytes grouped as they come from a sorted input (half).
 * </ul>
 *
 * <p>One byte of each kind counts the same: on one machine shipping a byte through an exchange is a
 * serialization and a copy, much like putting it into a hash table. Sizes the optimizer does not
 * know count as {@link #UNKNOWN_BYTES}, so a plan does not broadcast or build a hash table from an
 * input of unknown size when one of known size can take that role.
 */
public record Costs(double network, double disk, double cpu) implements Comparable<Costs> {

    public static final Costs ZERO = new Costs(0, 0, 0);

    /** The bytes an input of unknown size is costed as: large (1 TB), so known inputs are preferred. */
    public static final double UNKNOWN_BYTES = 1e12;

    public double total() {
        return network + disk + cpu;
    }

    public Costs plus(Costs other) {
        return new Costs(network + other.network, disk + other.disk, cpu + other.cpu);
    }

    static Costs network(double bytes) {
        return new Costs(bytes, 0, 0);
    }

    static Costs cpu(double bytes) {
        return new Costs(0, 0, bytes);
    }

    /** The bytes of an estimate for costing: {@link #UNKNOWN_BYTES} when unknown. */
    static double bytes(Estimate estimate) {
        return estimate.knowsBytes() ? estimate.bytes() : UNKNOWN_BYTES;
    }

    @Override
    public int compareTo(Costs other) {
        return Double.compare(total(), other.total());
    }

    String describe() {
        return "network " + Estimate.size(network) + ", disk " + Estimate.size(disk) + ", cpu " + Estimate.size(cpu)
                + " (total " + Estimate.size(total()) + ")";
    }
}
