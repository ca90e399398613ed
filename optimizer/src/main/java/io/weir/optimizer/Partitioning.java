package io.weir.optimizer;

import java.util.List;

/**
 * A global property of an operator's output: how its records are spread over its parallel
 * instances.
 *
 * @param kind {@link Kind#HASH}: by the hash of {@code fields} (the hash every hash exchange uses,
 *     so two outputs hash-partitioned on keys of the same types at the same parallelism are
 *     co-partitioned); {@link Kind#KEYED}: equal values of {@code fields} in one instance, by ranges
 *     or a user's partitioner (enough for a grouping, not for a join); {@link Kind#ANY}: no known
 *     order
 * @param fields the flat field names ({@code "f0"}, {@code "customer.id"}, {@code "*"} for an atomic
 *     value), in key order; empty for {@link Kind#ANY}
 */
public record Partitioning(Kind kind, List<String> fields, int parallelism) {

    public enum Kind {
        ANY,
        HASH,
        KEYED
    }

    public Partitioning {
        fields = List.copyOf(fields);
        if ((kind == Kind.ANY) != fields.isEmpty()) {
            throw new IllegalArgumentException(kind + " partitioning with fields " + fields);
        }
    }

    static Partitioning any(int parallelism) {
        return new Partitioning(Kind.ANY, List.of(), parallelism);
    }

    static Partitioning hash(List<String> fields, int parallelism) {
        return fields == null ? any(parallelism) : new Partitioning(Kind.HASH, fields, parallelism);
    }

    /**
     * Whether records with equal {@code keyFields} are already in one instance of an operator with
     * {@code targetParallelism} instances: partitioned on some of the key fields at that parallelism,
     * or all in one instance.
     */
    boolean groups(List<String> keyFields, int targetParallelism) {
        if (parallelism != targetParallelism || keyFields == null) {
            return false;
        }
        return parallelism == 1 || (kind != Kind.ANY && keyFields.containsAll(fields));
    }

    /**
     * The positions in {@code keyFields} of this hash partitioning's fields, in its order, or {@code
     * null} when it is not a hash partitioning on some of those fields at {@code targetParallelism}.
     */
    int[] hashPositionsIn(List<String> keyFields, int targetParallelism) {
        if (kind != Kind.HASH || parallelism != targetParallelism || keyFields == null) {
            return null;
        }
        int[] positions = new int[fields.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = keyFields.indexOf(fields.get(i));
            if (positions[i] < 0) {
                return null;
            }
        }
        return positions;
    }

    String describe() {
        return switch (kind) {
            case ANY -> parallelism == 1 ? "one instance" : "any, " + parallelism + " instances";
            case HASH -> "hash " + fields + ", " + parallelism + " instances";
            case KEYED -> "keyed " + fields + ", " + parallelism + " instances";
        };
    }
}
