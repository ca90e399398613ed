package io.weir.optimizer;

import io.weir.core.plan.Operator;
import io.weir.runtime.jobgraph.ShipStrategy;
import java.util.List;
import java.util.Set;

/**
 * One operator of the chosen physical plan: how it runs, how each input reaches it, what the
 * optimizer expects of it, and what it costs.
 *
 * @param inputs one channel per input, in input order
 * @param combiner whether a combiner runs behind the input before its exchange
 * @param costs this operator's own costs (its input exchanges included)
 * @param cumulative the costs of the operator and everything it reads (a shared input counted once
 *     per reader)
 * @param partitioning how its output is spread over its instances
 * @param order the fields each instance's output is sorted on (a local property), outermost first;
 *     empty when it is in no known order
 * @param reason why the strategy was chosen, for the explanation
 * @param pushdown for a source, the filter and fields pushed into it; else {@code null}
 */
public record PlanNode(
        Operator<?> operator,
        Strategy strategy,
        List<Channel> inputs,
        boolean combiner,
        int parallelism,
        Estimate estimate,
        Costs costs,
        Costs cumulative,
        Partitioning partitioning,
        List<String> order,
        String reason,
        SourcePushdown pushdown) {

    public PlanNode {
        inputs = List.copyOf(inputs);
        order = List.copyOf(order);
    }

    /**
     * Whether each instance's output has the records of equal {@code keyFields} next to each other:
     * it is sorted on fields whose first {@code keyFields.size()} are the key fields in some order.
     */
    public boolean groupedOn(List<String> keyFields) {
        return keyFields != null
                && !keyFields.isEmpty()
                && order.size() >= keyFields.size()
                && java.util.Set.copyOf(order.subList(0, keyFields.size())).equals(java.util.Set.copyOf(keyFields));
    }

    /**
     * What a source was given to skip: the format that reads with it, and what it is (the filter and
     * fields pushed into it), for the explanation.
     *
     * @param testedFilters the ids of the filter operators whose predicates the format tests exactly
     *     ({@link io.weir.core.io.FilterPushdown#filtersExactly}): they pass every record
     */
    public record SourcePushdown(
            io.weir.core.io.InputFormat<?, ?> format, String description, Set<Integer> testedFilters) {
        public SourcePushdown {
            testedFilters = Set.copyOf(testedFilters);
        }
    }

    /**
     * How an input reaches the operator.
     *
     * @param keyFields for a hash exchange, the fields it hashes (the operator's key fields, or those
     *     of them that the other input is already partitioned on); else empty
     */
    public record Channel(Operator<?> source, ShipStrategy ship, List<String> keyFields) {
        public Channel {
            keyFields = keyFields == null ? List.of() : List.copyOf(keyFields);
        }

        String describe() {
            return switch (ship) {
                case HASH -> "hash partition " + (keyFields.isEmpty() ? "on the key" : "on " + keyFields);
                case FORWARD -> "forward";
                case BROADCAST -> "broadcast";
                case REBALANCE -> "rebalance";
                case CUSTOM -> "partition by the partitioner";
                case SAMPLE -> "sample";
            };
        }
    }

    /** The driver strategy of an operator. */
    public enum Strategy {
        SOURCE("read"),
        CHAINED("record at a time, chained"),
        MAP_PARTITION("map partition"),
        UNION("union"),
        PARTITION("partition"),
        LIMIT("limit"),
        HASH_REDUCE("hash reduce"),
        GROUPED_REDUCE("reduce of an input already grouped, as it comes"),
        GROUPED_GROUP_REDUCE("group reduce of an input already grouped, no sort"),
        REDUCE_ALL("reduce all in one instance"),
        SORT_GROUP_REDUCE("sort-based group reduce"),
        GROUP_REDUCE_ALL("group reduce all in one instance"),
        SORT_GROUP_COMBINE("sort-based group combine"),
        HYBRID_HASH_BUILD_FIRST("hybrid hash join, build first"),
        HYBRID_HASH_BUILD_SECOND("hybrid hash join, build second"),
        BROADCAST_HASH_BUILD_FIRST("broadcast hash join, build first"),
        BROADCAST_HASH_BUILD_SECOND("broadcast hash join, build second"),
        SORT_MERGE_JOIN("sort-merge join"),
        SORT_MERGE_CO_GROUP("sort-merge coGroup"),
        NESTED_LOOP_BLOCK_FIRST("nested-loop cross, first broadcast as blocks"),
        NESTED_LOOP_BLOCK_SECOND("nested-loop cross, second broadcast as blocks"),
        ITERATION("iteration (planned by its own rules)"),
        SINK("write");

        private final String description;

        Strategy(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
