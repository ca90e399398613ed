package io.weir.optimizer;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.Partitioner;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.functions.WrappingFunction;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.types.Keys;
import io.weir.runtime.jobgraph.RecordPartitioner;

/** The functions the translation puts into drivers for operations that have no user function of that shape. */
final class BuiltInFunctions {

    private BuiltInFunctions() {}

    /** A filter whose predicate its source already tested: every record passes. */
    static final class PassAll<T> implements FilterFunction<T> {
        @Override
        public boolean filter(T value) {
            return true;
        }
    }

    /** distinct: of two records with the same key, keeps the first. */
    static final class KeepFirst<T> implements ReduceFunction<T> {
        @Override
        public T reduce(T first, T second) {
            return first;
        }
    }

    /** first(n) per group: the group's first {@code n} records, in the order they arrive. */
    static final class FirstOfGroup<T> implements GroupReduceFunction<T, T>, GroupCombineFunction<T, T> {
        private final int n;

        FirstOfGroup(int n) {
            this.n = n;
        }

        @Override
        public void reduce(Iterable<T> values, Collector<T> out) {
            combine(values, out);
        }

        @Override
        public void combine(Iterable<T> values, Collector<T> out) {
            int emitted = 0;
            for (T value : values) {
                if (emitted++ == n) {
                    return;
                }
                out.collect(value);
            }
        }
    }

    /** combineGroup on a whole data set: the combine function over each instance's records. */
    static final class CombineAsMapPartition<I, O> extends WrappingFunction<GroupCombineFunction<I, O>>
            implements MapPartitionFunction<I, O> {
        CombineAsMapPartition(GroupCombineFunction<I, O> function) {
            super(function);
        }

        @Override
        public void mapPartition(Iterable<I> values, Collector<O> out) throws Exception {
            wrapped.combine(values, out);
        }
    }

    /** partitionCustom: the user's partitioner applied to the record's key field or selected key. */
    static final class KeyPartitioner<T> implements RecordPartitioner<T> {
        private final Partitioner<Object> partitioner;
        private final KeySelector<T, Object> selector;
        private final TypeComparator<T> keyField;
        private final String operator;

        @SuppressWarnings("unchecked")
        KeyPartitioner(Partitioner<?> partitioner, Keys<T> keys, TypeComparator<T> comparator, String operator) {
            this.partitioner = (Partitioner<Object>) partitioner;
            this.selector = keys instanceof Keys.SelectorKeys<T, ?> selectorKeys
                    ? (KeySelector<T, Object>) selectorKeys.selector()
                    : null;
            this.keyField = selector == null ? comparator : null;
            this.operator = operator;
        }

        @Override
        public int partition(T record, int numPartitions) {
            Object key;
            int partition;
            try {
                key = selector != null ? selector.getKey(record) : keyField.extractKeys(record)[0];
                partition = partitioner.partition(key, numPartitions);
            } catch (Exception e) {
                throw new IllegalStateException(
                        operator + ": the " + (selector != null ? "key selector or " : "") + "partitioner failed: " + e,
                        e);
            }
            if (partition < 0 || partition >= numPartitions) {
                throw new IllegalStateException(operator + ": the partitioner put key '" + key + "' into partition "
                        + partition + ", but there are " + numPartitions + " partitions (0 to " + (numPartitions - 1)
                        + "). Return a partition from 0 to numPartitions - 1.");
            }
            return partition;
        }
    }
}
