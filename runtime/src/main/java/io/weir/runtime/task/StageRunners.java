package io.weir.runtime.task;

import io.weir.core.functions.Collector;
import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.functions.RuntimeContext;
import io.weir.core.io.OutputFormat;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.operators.hash.HashAggregation;
import io.weir.runtime.operators.sort.ExternalSorter;
import io.weir.runtime.operators.sort.GroupIterator;
import io.weir.runtime.operators.sort.PartialGroupSorter;

/** The stages that consume records one at a time, and the factory that makes them from specs. */
final class StageRunners {

    private StageRunners() {}

    /** What a memory-holding stage needs to make its operator's resources. */
    interface ResourceFactory {
        OperatorResources create(String purpose);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static StageRunner<?> create(
            DriverSpec spec,
            String name,
            StageMetrics metrics,
            RuntimeContext context,
            Collector<?> next,
            ResourceFactory resources) {
        Collector out = next;
        if (spec instanceof DriverSpec.Map map) {
            return new MapStage(name, metrics, context, map.function(), out);
        } else if (spec instanceof DriverSpec.FlatMap flatMap) {
            return new FlatMapStage(name, metrics, context, flatMap.function(), out);
        } else if (spec instanceof DriverSpec.Filter filter) {
            return new FilterStage(name, metrics, context, filter.function(), out);
        } else if (spec instanceof DriverSpec.Union) {
            return new UnionStage(name, metrics, context, out);
        } else if (spec instanceof DriverSpec.Sink sink) {
            return new SinkStage(name, metrics, context, sink.format());
        } else if (spec instanceof DriverSpec.HashReduce reduce) {
            return new HashReduceStage(name, metrics, context, reduce, out, resources);
        } else if (spec instanceof DriverSpec.ReduceAll reduce) {
            return new RunningReduceStage(name, metrics, context, reduce.serializer(), null, reduce.function(), out);
        } else if (spec instanceof DriverSpec.GroupedReduce reduce) {
            return new RunningReduceStage(
                    name, metrics, context, reduce.serializer(), reduce.key(), reduce.function(), out);
        } else if (spec instanceof DriverSpec.GroupedGroupReduce reduce) {
            return new GroupedGroupReduceStage(name, metrics, context, reduce, out, resources);
        } else if (spec instanceof DriverSpec.SortGroupReduce reduce) {
            return new SortGroupStage(name, metrics, context, reduce, out, resources);
        } else if (spec instanceof DriverSpec.SortPartialGroupCombine combine) {
            return new PartialGroupStage(name, metrics, context, combine, out, resources);
        } else if (spec instanceof DriverSpec.SortCombine combine) {
            return new SortStage(
                    name, metrics, context, combine.serializer(), combine.key(), combine.function(), out, resources);
        } else if (spec instanceof DriverSpec.SortPartition sort) {
            return new SortStage(name, metrics, context, sort.serializer(), sort.key(), null, out, resources);
        } else if (spec instanceof DriverSpec.RangeBoundaries boundaries) {
            return new RangeBoundariesStage(name, metrics, context, boundaries, out);
        } else if (spec instanceof DriverSpec.Limit limit) {
            return new LimitStage(name, metrics, context, limit.n(), out);
        }
        throw new IllegalArgumentException(spec.describe() + " does not consume records one at a time");
    }

    static final class MapStage<I, O> extends StageRunner<I> {
        private final MapFunction<I, O> function;
        private final Collector<O> out;

        MapStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                MapFunction<I, O> function,
                Collector<O> out) {
            super(name, metrics, context, function);
            this.function = function;
            this.out = out;
        }

        @Override
        public void collect(I record) {
            metrics.recordsIn().increment();
            O result;
            try {
                result = function.map(record);
            } catch (Exception e) {
                throw failure(e);
            }
            out.collect(result);
        }
    }

    static final class FlatMapStage<I, O> extends StageRunner<I> {
        private final FlatMapFunction<I, O> function;
        private final Collector<O> out;

        FlatMapStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                FlatMapFunction<I, O> function,
                Collector<O> out) {
            super(name, metrics, context, function);
            this.function = function;
            this.out = out;
        }

        @Override
        public void collect(I record) {
            metrics.recordsIn().increment();
            try {
                function.flatMap(record, out);
            } catch (StageException e) {
                throw e;
            } catch (Exception e) {
                throw failure(e);
            }
        }
    }

    static final class FilterStage<T> extends StageRunner<T> {
        private final FilterFunction<T> function;
        private final Collector<T> out;

        FilterStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                FilterFunction<T> function,
                Collector<T> out) {
            super(name, metrics, context, function);
            this.function = function;
            this.out = out;
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            boolean keep;
            try {
                keep = function.filter(record);
            } catch (Exception e) {
                throw failure(e);
            }
            if (keep) {
                out.collect(record);
            }
        }
    }

    static final class UnionStage<T> extends StageRunner<T> {
        private final Collector<T> out;

        UnionStage(String name, StageMetrics metrics, RuntimeContext context, Collector<T> out) {
            super(name, metrics, context, null);
            this.out = out;
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            out.collect(record);
        }
    }

    /** Writes through an output format; the job commits all instances' output when it succeeds. */
    static final class SinkStage<T> extends StageRunner<T> {
        private final OutputFormat<T> format;
        private boolean open;

        SinkStage(String name, StageMetrics metrics, RuntimeContext context, OutputFormat<T> format) {
            super(name, metrics, context, null);
            this.format = format;
        }

        @Override
        void open() throws Exception {
            format.setRuntimeContext(context);
            format.open(context.getIndexOfThisSubtask(), context.getNumberOfParallelSubtasks());
            open = true;
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            try {
                format.writeRecord(record);
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        void finish() throws Exception {
            open = false;
            format.close();
        }

        @Override
        void dispose() {
            if (open) {
                open = false;
                try {
                    format.abort();
                } catch (Exception e) {
                    // the failure that led here is the one to report
                }
            }
        }
    }

    /** A reduce (or combine) by key in a hash table over managed memory. */
    static final class HashReduceStage<T> extends StageRunner<T> {
        private final DriverSpec.HashReduce spec;
        private final Collector<T> out;
        private final ResourceFactory resources;
        private HashAggregation<T> table;

        HashReduceStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                DriverSpec.HashReduce spec,
                Collector<T> out,
                ResourceFactory resources) {
            super(name, metrics, context, spec.function());
            this.spec = spec;
            this.out = out;
            this.resources = resources;
        }

        @Override
        @SuppressWarnings("unchecked")
        void open() throws Exception {
            super.open();
            OperatorResources operatorResources = resources.create(spec.combine() ? "combiner" : "hash table");
            metrics.attach(operatorResources.metrics());
            table = new HashAggregation<>(
                    (TypeSerializer<T>) spec.serializer(),
                    (TypeComparator<T>) spec.key(),
                    (ReduceFunction<T>) spec.function(),
                    spec.combine() ? HashAggregation.Mode.COMBINE : HashAggregation.Mode.FINAL,
                    out,
                    operatorResources);
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            try {
                table.add(record);
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        void finish() throws Exception {
            table.finish();
            table.close();
            super.finish();
        }

        @Override
        void dispose() {
            if (table != null) {
                table.close();
            }
            super.dispose();
        }
    }

    /**
     * A running reduce holding one record on the heap: of the whole input to one record, or (with a
     * key) of each run of equal keys of an input that arrives grouped on the key, as it comes.
     */
    static final class RunningReduceStage<T> extends StageRunner<T> {
        private final TypeSerializer<T> serializer;
        /** The key whose runs are reduced, or {@code null} to reduce everything. */
        private final TypeComparator<T> key;

        private final ReduceFunction<T> function;
        private final Collector<T> out;
        private T value;

        RunningReduceStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                TypeSerializer<T> serializer,
                TypeComparator<T> key,
                ReduceFunction<T> function,
                Collector<T> out) {
            super(name, metrics, context, function);
            this.serializer = serializer;
            this.key = key;
            this.function = function;
            this.out = out;
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            if (key != null && value != null && key.compare(value, record) != 0) {
                out.collect(value);
                value = null;
            }
            try {
                T reduced = value == null ? record : function.reduce(value, record);
                value = serializer.isImmutable() ? reduced : serializer.copy(reduced);
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        void finish() throws Exception {
            if (value != null) {
                out.collect(value);
                value = null;
            }
            super.finish();
        }
    }

    /**
     * Hands each run of equal keys of an input that arrives grouped on the key to the function,
     * buffering the run in a spillable buffer (a group may be larger than memory).
     */
    static final class GroupedGroupReduceStage<I, O> extends StageRunner<I> {
        private final TypeSerializer<I> serializer;
        private final TypeComparator<I> key;
        private final GroupReduceFunction<I, O> function;
        private final Collector<O> out;
        private final ResourceFactory resources;
        private SpillableRecordBuffer<I> group;
        private I first;

        @SuppressWarnings("unchecked")
        GroupedGroupReduceStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                DriverSpec.GroupedGroupReduce spec,
                Collector<O> out,
                ResourceFactory resources) {
            super(name, metrics, context, spec.function());
            this.serializer = (TypeSerializer<I>) spec.serializer();
            this.key = (TypeComparator<I>) spec.key();
            this.function = (GroupReduceFunction<I, O>) spec.function();
            this.out = out;
            this.resources = resources;
        }

        @Override
        void open() throws Exception {
            super.open();
            OperatorResources operatorResources = resources.create("group buffer");
            metrics.attach(operatorResources.metrics());
            group = new SpillableRecordBuffer<>(serializer, operatorResources);
        }

        @Override
        public void collect(I record) {
            metrics.recordsIn().increment();
            try {
                if (first != null && key.compare(first, record) != 0) {
                    reduceGroup();
                }
                if (first == null) {
                    first = serializer.copy(record);
                }
                group.add(record);
            } catch (StageException e) {
                throw e;
            } catch (Exception e) {
                throw failure(e);
            }
        }

        private void reduceGroup() throws Exception {
            group.finishWriting();
            RecordIterator<I> records = group.read();
            function.reduce(
                    () -> new java.util.Iterator<I>() {
                        private I next = advance();

                        private I advance() {
                            try {
                                return records.next();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }

                        @Override
                        public boolean hasNext() {
                            return next != null;
                        }

                        @Override
                        public I next() {
                            if (next == null) {
                                throw new java.util.NoSuchElementException();
                            }
                            I current = next;
                            next = advance();
                            return current;
                        }
                    },
                    out);
            group.reset();
            first = null;
        }

        @Override
        void finish() throws Exception {
            if (first != null) {
                try {
                    reduceGroup();
                } catch (StageException e) {
                    throw e;
                } catch (Exception e) {
                    throw failure(e);
                }
            }
            group.close();
            super.finish();
        }

        @Override
        void dispose() {
            if (group != null) {
                group.close();
            }
            super.dispose();
        }
    }

    /** Sorts its input by key with the external sorter, then reduces each group. */
    static final class SortGroupStage<I, O> extends StageRunner<I> {
        private final DriverSpec.SortGroupReduce spec;
        private final Collector<O> out;
        private final ResourceFactory resources;
        private ExternalSorter<I> sorter;

        SortGroupStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                DriverSpec.SortGroupReduce spec,
                Collector<O> out,
                ResourceFactory resources) {
            super(name, metrics, context, spec.function());
            this.spec = spec;
            this.out = out;
            this.resources = resources;
        }

        @Override
        @SuppressWarnings("unchecked")
        void open() throws Exception {
            super.open();
            OperatorResources operatorResources = resources.create("sorter");
            metrics.attach(operatorResources.metrics());
            sorter = new ExternalSorter<>(
                    (TypeSerializer<I>) spec.serializer(), (TypeComparator<I>) spec.sortKey(), operatorResources);
        }

        @Override
        public void collect(I record) {
            metrics.recordsIn().increment();
            try {
                sorter.add(record);
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        void finish() throws Exception {
            GroupReduceFunction<I, O> function = (GroupReduceFunction<I, O>) spec.function();
            RecordIterator<I> sorted = sorter.finish();
            forEachGroup(
                    new GroupIterator<>(sorted, (TypeComparator<I>) spec.groupKey()),
                    group -> function.reduce(group, out));
            sorter.close();
            super.finish();
        }

        @Override
        void dispose() {
            if (sorter != null) {
                sorter.close();
            }
            super.dispose();
        }
    }

    /** Combines the groups of each buffer-full of records ({@link PartialGroupSorter}). */
    static final class PartialGroupStage<I, O> extends StageRunner<I> {
        private final DriverSpec.SortPartialGroupCombine spec;
        private final Collector<O> out;
        private final ResourceFactory resources;
        private PartialGroupSorter<I> sorter;

        PartialGroupStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                DriverSpec.SortPartialGroupCombine spec,
                Collector<O> out,
                ResourceFactory resources) {
            super(name, metrics, context, spec.function());
            this.spec = spec;
            this.out = out;
            this.resources = resources;
        }

        @Override
        @SuppressWarnings("unchecked")
        void open() throws Exception {
            super.open();
            OperatorResources operatorResources = resources.create("group combiner");
            metrics.attach(operatorResources.metrics());
            GroupCombineFunction<I, O> function = (GroupCombineFunction<I, O>) spec.function();
            sorter = new PartialGroupSorter<>(
                    (TypeSerializer<I>) spec.serializer(),
                    (TypeComparator<I>) spec.sortKey(),
                    (TypeComparator<I>) spec.groupKey(),
                    operatorResources,
                    groups -> forEachGroup(groups, group -> function.combine(group, out)));
        }

        @Override
        public void collect(I record) {
            metrics.recordsIn().increment();
            try {
                sorter.add(record);
            } catch (StageException e) {
                throw e;
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        void finish() throws Exception {
            sorter.finish();
            sorter.close();
            super.finish();
        }

        @Override
        void dispose() {
            if (sorter != null) {
                sorter.close();
            }
            super.dispose();
        }
    }

    /** Sorts the sampled records and emits the ones that cut them into equal ranges. */
    static final class RangeBoundariesStage<T> extends StageRunner<T> {
        private final TypeComparator<T> key;
        private final int partitions;
        private final Collector<T> out;
        private final java.util.List<T> sample = new java.util.ArrayList<>();

        @SuppressWarnings("unchecked")
        RangeBoundariesStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                DriverSpec.RangeBoundaries spec,
                Collector<T> out) {
            super(name, metrics, context, null);
            this.key = (TypeComparator<T>) spec.key();
            this.partitions = spec.partitions();
            this.out = out;
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            sample.add(record);
        }

        @Override
        void finish() throws Exception {
            sample.sort(key::compare);
            for (int i = 1; i < partitions && !sample.isEmpty(); i++) {
                out.collect(sample.get((int) ((long) i * sample.size() / partitions)));
            }
            sample.clear();
            super.finish();
        }
    }

    /** Passes on the first records and drops the rest. */
    static final class LimitStage<T> extends StageRunner<T> {
        private final long limit;
        private final Collector<T> out;
        private long passed;

        LimitStage(String name, StageMetrics metrics, RuntimeContext context, long limit, Collector<T> out) {
            super(name, metrics, context, null);
            this.limit = limit;
            this.out = out;
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            if (passed < limit) {
                passed++;
                out.collect(record);
            }
        }
    }

    /**
     * Sorts by key with the external sorter and emits the records in order: a sorted partition, or,
     * with a combine function, a combiner (the sorter combines each group before a buffer spills and
     * as the result is read).
     */
    static final class SortStage<T> extends StageRunner<T> {
        private final TypeSerializer<T> serializer;
        private final TypeComparator<T> key;
        private final GroupCombineFunction<T, T> combiner;
        private final Collector<T> out;
        private final ResourceFactory resources;
        private ExternalSorter<T> sorter;

        @SuppressWarnings("unchecked")
        SortStage(
                String name,
                StageMetrics metrics,
                RuntimeContext context,
                TypeSerializer<?> serializer,
                TypeComparator<?> key,
                GroupCombineFunction<?, ?> combiner,
                Collector<T> out,
                ResourceFactory resources) {
            super(name, metrics, context, combiner);
            this.serializer = (TypeSerializer<T>) serializer;
            this.key = (TypeComparator<T>) key;
            this.combiner = (GroupCombineFunction<T, T>) combiner;
            this.out = out;
            this.resources = resources;
        }

        @Override
        void open() throws Exception {
            super.open();
            OperatorResources operatorResources = resources.create(combiner == null ? "sorter" : "combining sorter");
            metrics.attach(operatorResources.metrics());
            sorter = combiner == null
                    ? new ExternalSorter<>(serializer, key, operatorResources)
                    : new ExternalSorter<>(
                            serializer, key, combiner, operatorResources, ExternalSorter.DEFAULT_MAX_FAN_IN);
        }

        @Override
        public void collect(T record) {
            metrics.recordsIn().increment();
            try {
                sorter.add(record);
            } catch (Exception e) {
                throw failure(e);
            }
        }

        @Override
        void finish() throws Exception {
            RecordIterator<T> sorted = sorter.finish();
            for (T record; (record = sorted.next()) != null; ) {
                out.collect(record);
            }
            sorter.close();
            super.finish();
        }

        @Override
        void dispose() {
            if (sorter != null) {
                sorter.close();
            }
            super.dispose();
        }
    }
}
