package io.weir.optimizer;

import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Ordering;
import io.weir.core.plan.Plan;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.RangePartitioner;
import io.weir.runtime.jobgraph.RecordPartitioner;
import io.weir.runtime.jobgraph.ResultType;
import io.weir.runtime.jobgraph.ShipStrategy;
import io.weir.runtime.jobgraph.Stage;
import io.weir.runtime.operators.join.JoinType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates the physical plan the {@link Optimizer} chose into the job graph: a vertex per task
 * (a chain of stages), an edge per exchange.
 *
 * <ul>
 *   <li>Record-at-a-time operators (map, flatMap, filter, sortPartition, combineGroup) and sinks
 *       take their input's parallelism unless they were given one, and are chained into the task of
 *       their input when that input feeds nothing else and has the same parallelism; otherwise they
 *       start a task fed forward (or rebalanced, when the parallelism differs). (Flink gives them
 *       the default parallelism instead, which reshuffles the output of a sort with parallelism 1.)
 *   <li>Partitionings (hash, custom, rebalance, range) are a task that passes records on, fed by
 *       an edge that distributes them (a range partitioning first learns its ranges from a sample,
 *       see {@code translateRange}); first(n) is a limit behind each instance and one instance taking the
 *       first n; distinct is a reduce keeping one record per key.
 *   <li>A reduce on keys is a hash reduce: chained behind its input when the plan forwards it (the
 *       input is already partitioned on the keys), else behind a hash exchange with a hash combiner
 *       chained behind the input; without keys, a combiner and a single instance reducing all. A
 *       group reduce likewise, sort-based, with a combining sort when the function is combinable.
 *   <li>A join runs the plan's strategy: a hybrid hash join building on the chosen side behind the
 *       chosen exchanges (hash or forward), a broadcast hash join (the build side sent whole to every
 *       instance, the other forwarded), or a sort-merge join. When both inputs come from a common
 *       operator, the exchange of the input read second is blocking: a pipelined one would deadlock,
 *       the common producer waiting on it while the join waits for the end of the first.
 *   <li>A coGroup sorts each input (on the key, then the group order) behind the plan's exchanges and
 *       merges the groups.
 *   <li>A cross broadcasts the input the plan chose and runs a block-nested-loop cross with it as the
 *       block side.
 *   <li>A union is a task reading all its inputs as one.
 *   <li>An operator with broadcast sets heads a task of its own (it is not chained, and a reduce or
 *       combinable group reduce with broadcast sets gets no combiner); each set comes whole to every
 *       instance through a broadcast edge, read before the main inputs, whose exchanges block when
 *       they share an ancestor with a set.
 *   <li>Iterations, and the joins and coGroups with a delta iteration's solution set, are
 *       translated by {@link IterationTranslation}; operators inside a step, which the plan has no
 *       node for, get the fixed strategies the optimizer would choose without estimates.
 * </ul>
 */
final class JobGraphGenerator {

    private JobGraphGenerator() {}

    static final class VertexBuilder {
        final int id;
        final int parallelism;
        final List<Stage> stages = new ArrayList<>();
        /** The iteration whose step the vertex runs in, 0 if none. */
        int iteration;

        VertexBuilder(int id, int parallelism) {
            this.id = id;
            this.parallelism = parallelism;
        }

        JobVertex build() {
            return new JobVertex(id, stages.get(0).name(), parallelism, stages, iteration);
        }
    }

    static final class Translation {
        final Plan plan;
        final int defaultParallelism;
        final SerializerConfig config;
        final Map<Operator<?>, List<Operator<?>>> consumers;
        final List<VertexBuilder> vertices = new ArrayList<>();
        final List<JobEdge> edges = new ArrayList<>();
        /** The vertex whose output is each operator's output. */
        final Map<Operator<?>, VertexBuilder> producer = new IdentityHashMap<>();
        /** How iterations and the joins with a solution set are translated. */
        final IterationTranslation iterations = new IterationTranslation(this);

        /** The chosen physical plan; operators without a node get the fixed strategies. */
        final OptimizedPlan physical;

        Translation(Plan plan, int defaultParallelism, SerializerConfig config, OptimizedPlan physical) {
            this.plan = plan;
            this.physical = physical;
            this.defaultParallelism = defaultParallelism;
            this.config = config;
            this.consumers = plan.consumers();
            // an iteration's tails and termination criterion consume the step's results
            for (Operator<?> operator : plan.allOperators()) {
                if (operator.spec() instanceof OperatorSpec.BulkIteration bulk) {
                    consumers.get(bulk.nextPartialSolution()).add(operator);
                    if (bulk.terminationCriterion() != null) {
                        consumers.get(bulk.terminationCriterion()).add(operator);
                    }
                } else if (operator.spec() instanceof OperatorSpec.DeltaIteration delta) {
                    consumers.get(delta.solutionSetDelta()).add(operator);
                    consumers.get(delta.nextWorkset()).add(operator);
                }
            }
        }

        JobGraph run() {
            for (Operator<?> operator : plan.topologicalOrder()) {
                if (!producer.containsKey(operator)) { // (an iteration's step may have translated it)
                    translate(operator);
                }
            }
            return new JobGraph(
                    plan.jobName(),
                    vertices.stream().map(VertexBuilder::build).toList(),
                    edges,
                    plan.cachedFiles(),
                    plan.jobParameters());
        }

        int parallelism(Operator<?> operator) {
            return switch (operator.parallelism()) {
                case Operator.DEFAULT_PARALLELISM -> defaultParallelism;
                case Operator.INPUT_PARALLELISM -> producer.get(operator.input(0)).parallelism;
                default -> operator.parallelism();
            };
        }

        Stage stage(Operator<?> operator, DriverSpec driver) {
            return new Stage(operator.name(), operator.id(), driver);
        }

        /** Whether the source this filter follows (through filters) already tests its predicate exactly. */
        boolean testedBySource(Operator<?> filter) {
            Operator<?> current = filter;
            while (current.spec() instanceof OperatorSpec.Filter) {
                current = current.input(0);
            }
            PlanNode source = current.spec() instanceof OperatorSpec.Source ? physical.node(current) : null;
            return source != null
                    && source.pushdown() != null
                    && source.pushdown().testedFilters().contains(filter.id());
        }

        VertexBuilder newVertex(int parallelism) {
            VertexBuilder vertex = new VertexBuilder(vertices.size() + 1, parallelism);
            vertices.add(vertex);
            return vertex;
        }

        void translate(Operator<?> operator) {
            OperatorSpec spec = operator.spec();
            if (spec instanceof OperatorSpec.Source source) {
                VertexBuilder vertex = newVertex(parallelism(operator));
                PlanNode node = physical.node(operator);
                // the format with the filters and fields the plan pushed into it, if any
                vertex.stages.add(stage(
                        operator,
                        new DriverSpec.Source(
                                node != null && node.pushdown() != null
                                        ? node.pushdown().format()
                                        : source.format())));
                producer.put(operator, vertex);
            } else if (spec instanceof OperatorSpec.Map map) {
                recordAtATime(operator, new DriverSpec.Map(map.function()));
            } else if (spec instanceof OperatorSpec.FlatMap flatMap) {
                recordAtATime(operator, new DriverSpec.FlatMap(flatMap.function()));
            } else if (spec instanceof OperatorSpec.Filter filter) {
                recordAtATime(
                        operator,
                        new DriverSpec.Filter(
                                testedBySource(operator) ? new BuiltInFunctions.PassAll<>() : filter.function()));
            } else if (spec instanceof OperatorSpec.Sink sink) {
                recordAtATime(operator, new DriverSpec.Sink(sink.format()));
            } else if (spec instanceof OperatorSpec.MapPartition mapPartition) {
                VertexBuilder vertex = newVertex(parallelism(operator));
                vertex.stages.add(stage(operator, new DriverSpec.MapPartition(mapPartition.function())));
                connectForward(operator.input(0), vertex, 0);
                producer.put(operator, vertex);
            } else if (spec instanceof OperatorSpec.Reduce reduce) {
                translateReduce(operator, reduce.keys(), reduce.function(), reduce.combineHint());
            } else if (spec instanceof OperatorSpec.Distinct distinct) {
                translateReduce(
                        operator,
                        distinct.keys(),
                        new BuiltInFunctions.KeepFirst<>(),
                        OperatorSpec.CombineHint.OPTIMIZER_CHOOSES);
            } else if (spec instanceof OperatorSpec.GroupReduce groupReduce) {
                translateGroupReduce(
                        operator,
                        groupReduce.keys(),
                        groupReduce.function(),
                        groupReduce.combiner(),
                        groupReduce.groupOrder());
            } else if (spec instanceof OperatorSpec.FirstN first) {
                if (first.keys() == null) {
                    translateLimit(operator, first.n());
                } else {
                    BuiltInFunctions.FirstOfGroup<?> function = new BuiltInFunctions.FirstOfGroup<>(first.n());
                    translateGroupReduce(
                            operator, first.keys(), function, first.order() == null ? function : null, first.order());
                }
            } else if (spec instanceof OperatorSpec.GroupCombine combine) {
                translateGroupCombine(operator, combine);
            } else if (spec instanceof OperatorSpec.Partition partition) {
                translatePartition(operator, partition);
            } else if (spec instanceof OperatorSpec.SortPartition sort) {
                recordAtATime(
                        operator,
                        new DriverSpec.SortPartition(
                                operator.input(0).outputType().createSerializer(config),
                                ordering(
                                        operator,
                                        sort.order(),
                                        operator.input(0).outputType())));
            } else if (spec instanceof OperatorSpec.Join join) {
                translateJoin(operator, join);
            } else if (spec instanceof OperatorSpec.CoGroup coGroup) {
                translateCoGroup(operator, coGroup);
            } else if (spec instanceof OperatorSpec.Cross cross) {
                translateCross(operator, cross);
            } else if (spec instanceof OperatorSpec.Union) {
                VertexBuilder vertex = newVertex(parallelism(operator));
                vertex.stages.add(stage(operator, new DriverSpec.Union()));
                for (Operator<?> input : operator.inputs()) {
                    connectForward(input, vertex, 0);
                }
                producer.put(operator, vertex);
            } else if (spec instanceof OperatorSpec.BulkIteration bulk) {
                iterations.translateBulk(operator, bulk);
            } else if (spec instanceof OperatorSpec.DeltaIteration delta) {
                iterations.translateDelta(operator, delta);
            } else if (spec instanceof OperatorSpec.IterationPlaceholder placeholder
                    && placeholder.role() == OperatorSpec.PlaceholderRole.SOLUTION_SET) {
                throw new InvalidPlanException(operator.describe() + " is read by "
                        + consumers.get(operator).stream()
                                .map(Operator::describe)
                                .toList()
                        + ", but a delta iteration's solution set can only be joined or coGrouped on its key"
                        + " (with getSolutionSet() as one input of a join or coGroup).");
            } else {
                throw new InvalidPlanException(operator.describe() + ": the runtime cannot run " + spec.kind()
                        + " yet; it comes with the iterations issue");
            }
            if (hasBroadcastSets(operator)) {
                attachBroadcastSets(operator);
            }
        }

        VertexBuilder vertexById(int id) {
            return vertices.get(id - 1);
        }

        /**
         * Gives the operator's stage (the head of its own vertex: an operator with broadcast sets is
         * never chained and has no combiner) one broadcast edge per set, read whole before its main
         * inputs. When a broadcast set and a main input come from a common operator, the main inputs'
         * exchanges are blocking: pipelined, the common producer would wait on the main input while the
         * stage waits for the end of the broadcast set.
         */
        void attachBroadcastSets(Operator<?> operator) {
            VertexBuilder vertex = producer.get(operator);
            Stage head = vertex.stages.get(0);
            if (head.operatorId() != operator.id() || head.name().endsWith(" (combine)")) {
                throw new IllegalStateException(
                        operator.describe() + " reads broadcast sets but does not head its task");
            }
            List<String> names = new ArrayList<>(operator.broadcastInputs().keySet());
            vertex.stages.set(0, new Stage(head.name(), head.operatorId(), head.driver(), names));
            int first = head.driver().inputCount();
            boolean shared = false;
            for (int i = 0; i < names.size(); i++) {
                Operator<?> set = operator.broadcastInputs().get(names.get(i));
                // the sets are read one after the other: one sharing an ancestor with an earlier one blocks
                boolean afterRelated = false;
                for (int j = 0; j < i; j++) {
                    afterRelated |=
                            shareAnAncestor(set, operator.broadcastInputs().get(names.get(j)));
                }
                edges.add(edge(
                        producer.get(set),
                        vertex,
                        first + i,
                        ShipStrategy.BROADCAST,
                        null,
                        afterRelated ? ResultType.BLOCKING : ResultType.PIPELINED,
                        set));
                for (Operator<?> input : operator.inputs()) {
                    shared |= shareAnAncestor(set, input);
                }
            }
            if (shared) {
                edges.replaceAll(edge -> edge.target() == vertex.id && edge.targetInput() < first
                        ? edge.withResultType(ResultType.BLOCKING)
                        : edge);
            }
        }

        static boolean hasBroadcastSets(Operator<?> operator) {
            return !operator.broadcastInputs().isEmpty();
        }

        /**
         * Chains the operator behind its input where it can, else gives it a task of its own. Without
         * a parallelism of its own, it keeps its input's: a map or a sink after a sort with parallelism
         * 1 keeps the order, as it would in a single-threaded program.
         */
        void recordAtATime(Operator<?> operator, DriverSpec driver) {
            Operator<?> input = operator.input(0);
            VertexBuilder upstream = producer.get(input);
            int parallelism = operator.parallelism() == Operator.DEFAULT_PARALLELISM
                    ? upstream.parallelism
                    : parallelism(operator);
            if (canChain(input, parallelism) && !hasBroadcastSets(operator)) {
                upstream.stages.add(stage(operator, driver));
                producer.put(operator, upstream);
                return;
            }
            VertexBuilder vertex = newVertex(parallelism);
            vertex.stages.add(stage(operator, driver));
            connectForward(input, vertex, 0);
            producer.put(operator, vertex);
        }

        /** Whether a stage of the given parallelism can join the task that produces {@code input}. */
        boolean canChain(Operator<?> input, int parallelism) {
            VertexBuilder upstream = producer.get(input);
            return consumers.get(input).size() == 1
                    && upstream.parallelism == parallelism
                    && !(upstream.stages.get(0).driver() instanceof DriverSpec.IterationHead)
                    && !(upstream.stages.get(upstream.stages.size() - 1).driver() instanceof DriverSpec.Sink);
        }

        /**
         * Puts a combiner behind {@code input}: in its task when it can be chained, else in a task of
         * its own with the input's parallelism. Returns the vertex whose output is combined.
         */
        VertexBuilder combiner(Operator<?> operator, Operator<?> input, DriverSpec driver) {
            VertexBuilder upstream = producer.get(input);
            Stage combine = new Stage(operator.name() + " (combine)", operator.id(), driver);
            if (canChain(input, upstream.parallelism)) {
                upstream.stages.add(combine);
                return upstream;
            }
            VertexBuilder vertex = newVertex(upstream.parallelism);
            vertex.stages.add(combine);
            edges.add(edge(upstream, vertex, 0, ShipStrategy.FORWARD, null, ResultType.PIPELINED, input));
            return vertex;
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void translateReduce(
                Operator<?> operator, Keys keys, ReduceFunction<?> function, OperatorSpec.CombineHint hint) {
            Operator<?> input = operator.input(0);
            TypeInfo type = input.outputType();
            TypeSerializer<?> serializer = type.createSerializer(config);
            PlanNode node = physical.node(operator);
            // a function with broadcast sets runs only where they are: not as a combiner
            boolean combine = node != null
                    ? node.combiner()
                    : hint != OperatorSpec.CombineHint.NONE && !hasBroadcastSets(operator);
            if (keys == null) {
                VertexBuilder upstream = combine
                        ? combiner(operator, input, new DriverSpec.ReduceAll(serializer, function))
                        : producer.get(input);
                VertexBuilder vertex = newVertex(1);
                vertex.stages.add(stage(operator, new DriverSpec.ReduceAll(serializer, function)));
                edges.add(edge(upstream, vertex, 0, ShipStrategy.REBALANCE, null, ResultType.PIPELINED, input));
                producer.put(operator, vertex);
                return;
            }
            TypeComparator<?> key = comparator(operator, keys, type);
            if (node != null && node.strategy() == PlanNode.Strategy.GROUPED_REDUCE) {
                recordAtATime(operator, new DriverSpec.GroupedReduce(serializer, key, function));
                return;
            }
            if (forwarded(node)) {
                recordAtATime(operator, new DriverSpec.HashReduce(serializer, key, function, false));
                return;
            }
            VertexBuilder upstream = combine
                    ? combiner(operator, input, new DriverSpec.HashReduce(serializer, key, function, true))
                    : producer.get(input);
            VertexBuilder vertex = newVertex(parallelism(operator));
            vertex.stages.add(stage(operator, new DriverSpec.HashReduce(serializer, key, function, false)));
            edges.add(edge(upstream, vertex, 0, ShipStrategy.HASH, key, ResultType.PIPELINED, input));
            producer.put(operator, vertex);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void translateGroupReduce(
                Operator<?> operator,
                Keys keys,
                GroupReduceFunction<?, ?> function,
                GroupCombineFunction<?, ?> combiner,
                Ordering groupOrder) {
            Operator<?> input = operator.input(0);
            TypeInfo type = input.outputType();
            if (keys == null) {
                VertexBuilder vertex = newVertex(1);
                vertex.stages.add(stage(operator, new DriverSpec.AllGroupReduce(function)));
                edges.add(edge(
                        producer.get(input), vertex, 0, ShipStrategy.REBALANCE, null, ResultType.PIPELINED, input));
                producer.put(operator, vertex);
                return;
            }
            TypeSerializer<?> serializer = type.createSerializer(config);
            TypeComparator<?> key = comparator(operator, keys, type);
            PlanNode node = physical.node(operator);
            if (node != null && node.strategy() == PlanNode.Strategy.GROUPED_GROUP_REDUCE) {
                recordAtATime(operator, new DriverSpec.GroupedGroupReduce(serializer, key, function));
                return;
            }
            DriverSpec reduce = new DriverSpec.SortGroupReduce(
                    serializer, groupSortKey(operator, keys, groupOrder, type), key, function);
            if (forwarded(node)) {
                recordAtATime(operator, reduce);
                return;
            }
            boolean combine = node != null ? node.combiner() : combiner != null && !hasBroadcastSets(operator);
            VertexBuilder upstream = combine
                    ? combiner(operator, input, new DriverSpec.SortCombine(serializer, key, combiner))
                    : producer.get(input);
            VertexBuilder vertex = newVertex(parallelism(operator));
            vertex.stages.add(stage(operator, reduce));
            edges.add(edge(upstream, vertex, 0, ShipStrategy.HASH, key, ResultType.PIPELINED, input));
            producer.put(operator, vertex);
        }

        /** Whether the plan forwards the node's (only) input: it is already partitioned as the node needs. */
        static boolean forwarded(PlanNode node) {
            return node != null && node.inputs().get(0).ship() == ShipStrategy.FORWARD;
        }

        /**
         * The key an input's hash exchange hashes: the fields the plan chose (some of the operator's
         * key fields, matching the other input's partitioning), else the whole key.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeComparator<?> exchangeKey(
                Operator<?> operator, PlanNode node, int input, Keys keys, TypeComparator<?> wholeKey) {
            if (node == null || node.inputs().get(input).keyFields().isEmpty()) {
                return wholeKey;
            }
            List<String> fields = node.inputs().get(input).keyFields();
            if (fields.equals(FieldForwarding.keyFields(
                    operator, keys, operator.input(input).outputType()))) {
                return wholeKey;
            }
            return comparator(
                    operator,
                    Keys.fields(fields.toArray(String[]::new)),
                    operator.input(input).outputType());
        }

        /** The first {@code n} records: a limit in each instance, then one instance keeping the first n of all. */
        void translateLimit(Operator<?> operator, int n) {
            Operator<?> input = operator.input(0);
            DriverSpec limit = new DriverSpec.Limit(n);
            VertexBuilder upstream = producer.get(input);
            if (upstream.parallelism == 1 && canChain(input, 1)) {
                upstream.stages.add(stage(operator, limit));
                producer.put(operator, upstream);
                return;
            }
            if (upstream.parallelism > 1) {
                upstream = combiner(operator, input, limit);
            }
            VertexBuilder vertex = newVertex(1);
            vertex.stages.add(stage(operator, limit));
            ShipStrategy strategy = upstream.parallelism == 1 ? ShipStrategy.FORWARD : ShipStrategy.REBALANCE;
            edges.add(edge(upstream, vertex, 0, strategy, null, ResultType.PIPELINED, input));
            producer.put(operator, vertex);
        }

        /**
         * combineGroup: without a shuffle, the groups of each buffer-full of sorted records (on keys,
         * never spilling), or the function over each instance's records (without keys).
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void translateGroupCombine(Operator<?> operator, OperatorSpec.GroupCombine combine) {
            Operator<?> input = operator.input(0);
            TypeInfo type = input.outputType();
            if (combine.keys() == null) {
                VertexBuilder vertex = newVertex(parallelism(operator));
                vertex.stages.add(stage(
                        operator,
                        new DriverSpec.MapPartition(new BuiltInFunctions.CombineAsMapPartition<>(combine.function()))));
                connectForward(input, vertex, 0);
                producer.put(operator, vertex);
                return;
            }
            TypeComparator<?> key = comparator(operator, combine.keys(), type);
            recordAtATime(
                    operator,
                    new DriverSpec.SortPartialGroupCombine(
                            type.createSerializer(config),
                            groupSortKey(operator, combine.keys(), combine.groupOrder(), type),
                            key,
                            combine.function()));
        }

        /** A partitioning: a task that passes records on, fed by an edge that distributes them. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void translatePartition(Operator<?> operator, OperatorSpec.Partition partition) {
            Operator<?> input = operator.input(0);
            TypeInfo type = input.outputType();
            int parallelism = parallelism(operator);
            TypeComparator key = partition.keys() == null ? null : comparator(operator, partition.keys(), type);
            // a range partitioning first adds the tasks that learn the ranges and route by them
            VertexBuilder upstream = partition.method() == OperatorSpec.PartitionMethod.RANGE
                    ? rangeRouter(operator, key, parallelism)
                    : producer.get(input);
            VertexBuilder vertex = newVertex(parallelism);
            vertex.stages.add(stage(operator, new DriverSpec.Union()));
            switch (partition.method()) {
                case HASH ->
                    edges.add(
                            forwarded(physical.node(operator))
                                    ? edge(upstream, vertex, 0, ShipStrategy.FORWARD, null, ResultType.PIPELINED, input)
                                    : edge(upstream, vertex, 0, ShipStrategy.HASH, key, ResultType.PIPELINED, input));
                case REBALANCE ->
                    edges.add(edge(upstream, vertex, 0, ShipStrategy.REBALANCE, null, ResultType.PIPELINED, input));
                case CUSTOM ->
                    edges.add(customEdge(
                            upstream,
                            vertex,
                            input,
                            new BuiltInFunctions.KeyPartitioner(
                                    partition.partitioner(), partition.keys(), key, operator.describe())));
                case RANGE -> edges.add(customEdge(upstream, vertex, input, new RangePartitioner(key.duplicate())));
            }
            producer.put(operator, vertex);
        }

        JobEdge customEdge(
                VertexBuilder source, VertexBuilder target, Operator<?> records, RecordPartitioner<?> partitioner) {
            return new JobEdge(
                    edges.size() + 1,
                    source.id,
                    target.id,
                    0,
                    ShipStrategy.CUSTOM,
                    null,
                    ResultType.PIPELINED,
                    records.outputType().createSerializer(config),
                    partitioner);
        }

        /**
         * The tasks of a range partitioning into {@code partitions} instances: the input's instances
         * each send a random sample of their records to one instance that picks the boundaries, and
         * all their records, through a blocking exchange, to a router of the same parallelism; the
         * router waits for the boundaries (broadcast to it), then sends each record to the instance of
         * its key's range. Returns the router.
         */
        VertexBuilder rangeRouter(Operator<?> operator, TypeComparator<?> key, int partitions) {
            Operator<?> input = operator.input(0);
            VertexBuilder upstream = producer.get(input);
            VertexBuilder boundaries = newVertex(1);
            boundaries.stages.add(new Stage(
                    operator.name() + " (boundaries)", operator.id(), new DriverSpec.RangeBoundaries(key, partitions)));
            edges.add(edge(upstream, boundaries, 0, ShipStrategy.SAMPLE, null, ResultType.PIPELINED, input));
            VertexBuilder router = newVertex(upstream.parallelism);
            router.stages.add(new Stage(operator.name() + " (route)", operator.id(), new DriverSpec.RangeRoute()));
            edges.add(edge(upstream, router, 0, ShipStrategy.FORWARD, null, ResultType.BLOCKING, input));
            edges.add(edge(boundaries, router, 1, ShipStrategy.BROADCAST, null, ResultType.PIPELINED, input));
            return router;
        }

        /** The sort key of a grouping with an order within groups: the grouping key, then the order. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeComparator<?> groupSortKey(Operator<?> operator, Keys keys, Ordering groupOrder, TypeInfo type) {
            if (groupOrder == null) {
                return comparator(operator, keys, type);
            }
            boolean[] grouping = new boolean[keys.keyFieldTypes(type).size()];
            java.util.Arrays.fill(grouping, true);
            boolean[] within = groupOrder.ascending();
            boolean[] ascending = java.util.Arrays.copyOf(grouping, grouping.length + within.length);
            System.arraycopy(within, 0, ascending, grouping.length, within.length);
            try {
                Keys combined = Keys.concat(type, keys, groupOrder.keys());
                int fields = combined.keyFieldTypes(type).size();
                return combined.createComparator(type, java.util.Arrays.copyOf(ascending, fields), config);
            } catch (InvalidTypesException e) {
                throw new InvalidPlanException(operator.describe() + ": " + e.getMessage());
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeComparator<?> ordering(Operator<?> operator, Ordering order, TypeInfo type) {
            try {
                return order.keys().createComparator(type, order.ascending(), config);
            } catch (InvalidTypesException e) {
                throw new InvalidPlanException(operator.describe() + ": " + e.getMessage());
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void translateJoin(Operator<?> operator, OperatorSpec.Join join) {
            Operator<?> left = operator.input(0);
            Operator<?> right = operator.input(1);
            if (IterationTranslation.isSolutionSet(left) || IterationTranslation.isSolutionSet(right)) {
                if (IterationTranslation.isSolutionSet(left) && IterationTranslation.isSolutionSet(right)) {
                    throw new InvalidPlanException(operator.describe() + " joins the solution set with itself");
                }
                iterations.translateSolutionSetJoin(operator, join, IterationTranslation.isSolutionSet(left) ? 0 : 1);
                return;
            }
            TypeInfo leftType = left.outputType();
            TypeInfo rightType = right.outputType();
            TypeComparator<?> leftKey = comparator(operator, join.leftKeys(), leftType);
            TypeComparator<?> rightKey = comparator(operator, join.rightKeys(), rightType);
            JoinType type = JoinType.valueOf(join.type().name());
            PlanNode node = physical.node(operator);
            PlanNode.Strategy strategy = node != null ? node.strategy() : fixedJoinStrategy(join, left, right);
            if (strategy == PlanNode.Strategy.SORT_MERGE_JOIN) {
                // both inputs are sorted in turn: the left one first
                repartitioned(
                        operator,
                        new DriverSpec.SortMergeJoin(
                                leftType.createSerializer(config),
                                rightType.createSerializer(config),
                                leftKey,
                                rightKey,
                                join.function(),
                                type),
                        node,
                        join.leftKeys(),
                        leftKey,
                        join.rightKeys(),
                        rightKey,
                        0);
                return;
            }
            int build = strategy == PlanNode.Strategy.HYBRID_HASH_BUILD_FIRST
                            || strategy == PlanNode.Strategy.BROADCAST_HASH_BUILD_FIRST
                    ? 0
                    : 1;
            DriverSpec driver = new DriverSpec.HashJoin(
                    build,
                    leftType.createSerializer(config),
                    rightType.createSerializer(config),
                    leftKey,
                    rightKey,
                    join.function(),
                    type);
            if (strategy == PlanNode.Strategy.BROADCAST_HASH_BUILD_FIRST
                    || strategy == PlanNode.Strategy.BROADCAST_HASH_BUILD_SECOND) {
                broadcastOne(operator, driver, build, false);
            } else {
                repartitioned(operator, driver, node, join.leftKeys(), leftKey, join.rightKeys(), rightKey, build);
            }
        }

        /**
         * How a join the plan has no node for (inside an iteration's step) runs: as its hint says, else
         * a hybrid hash join of both inputs hash-partitioned, building on the input whose size hints say
         * it is smaller, else the first.
         */
        static PlanNode.Strategy fixedJoinStrategy(OperatorSpec.Join join, Operator<?> left, Operator<?> right) {
            return switch (join.hint()) {
                case REPARTITION_SORT_MERGE -> PlanNode.Strategy.SORT_MERGE_JOIN;
                case BROADCAST_HASH_FIRST -> PlanNode.Strategy.BROADCAST_HASH_BUILD_FIRST;
                case BROADCAST_HASH_SECOND -> PlanNode.Strategy.BROADCAST_HASH_BUILD_SECOND;
                case REPARTITION_HASH_FIRST -> PlanNode.Strategy.HYBRID_HASH_BUILD_FIRST;
                case REPARTITION_HASH_SECOND -> PlanNode.Strategy.HYBRID_HASH_BUILD_SECOND;
                case OPTIMIZER_CHOOSES ->
                    smaller(left, right, 0) == 0
                            ? PlanNode.Strategy.HYBRID_HASH_BUILD_FIRST
                            : PlanNode.Strategy.HYBRID_HASH_BUILD_SECOND;
            };
        }

        /**
         * A two-input operator fed by both inputs partitioned on their keys: by the exchanges the plan
         * chose (a hash exchange, or forward for an input already partitioned), hash exchanges on the
         * whole keys without a plan node. The driver reads input {@code readFirst} to its end before it
         * reads the other; when both inputs come from a common operator, the other's exchange is
         * blocking: a pipelined one would deadlock, the common producer waiting on the unread input
         * while the operator waits for the end of the first.
         */
        @SuppressWarnings("rawtypes")
        void repartitioned(
                Operator<?> operator,
                DriverSpec driver,
                PlanNode node,
                Keys leftKeys,
                TypeComparator<?> leftKey,
                Keys rightKeys,
                TypeComparator<?> rightKey,
                int readFirst) {
            Operator<?> left = operator.input(0);
            Operator<?> right = operator.input(1);
            VertexBuilder vertex = newVertex(parallelism(operator));
            vertex.stages.add(stage(operator, driver));
            ResultType second = shareAnAncestor(left, right) ? ResultType.BLOCKING : ResultType.PIPELINED;
            List<Keys> keys = List.of(leftKeys, rightKeys);
            List<TypeComparator<?>> wholeKeys = List.of(leftKey, rightKey);
            for (int input = 0; input < 2; input++) {
                ShipStrategy ship = node == null
                        ? ShipStrategy.HASH
                        : node.inputs().get(input).ship();
                TypeComparator<?> key = ship == ShipStrategy.HASH
                        ? exchangeKey(operator, node, input, keys.get(input), wholeKeys.get(input))
                        : null;
                edges.add(edge(
                        producer.get(operator.input(input)),
                        vertex,
                        input,
                        ship,
                        key,
                        readFirst == input ? ResultType.PIPELINED : second,
                        operator.input(input)));
            }
            producer.put(operator, vertex);
        }

        /**
         * A two-input operator that gets input {@code broadcastInput} whole in every instance and the
         * other as it is partitioned (forwarded, or rebalanced where the parallelism differs); without
         * a parallelism of its own it takes the other input's. The broadcast input is read first (to its
         * end, unless {@code interleaved}: then both exchanges block when the inputs share an ancestor).
         */
        void broadcastOne(Operator<?> operator, DriverSpec driver, int broadcastInput, boolean interleaved) {
            Operator<?> broadcast = operator.input(broadcastInput);
            Operator<?> streamed = operator.input(1 - broadcastInput);
            VertexBuilder streamedProducer = producer.get(streamed);
            int parallelism = operator.parallelism() == Operator.DEFAULT_PARALLELISM
                    ? streamedProducer.parallelism
                    : parallelism(operator);
            VertexBuilder vertex = newVertex(parallelism);
            vertex.stages.add(stage(operator, driver));
            boolean shared = shareAnAncestor(broadcast, streamed);
            edges.add(edge(
                    producer.get(broadcast),
                    vertex,
                    broadcastInput,
                    ShipStrategy.BROADCAST,
                    null,
                    shared && interleaved ? ResultType.BLOCKING : ResultType.PIPELINED,
                    broadcast));
            edges.add(edge(
                    streamedProducer,
                    vertex,
                    1 - broadcastInput,
                    streamedProducer.parallelism == parallelism ? ShipStrategy.FORWARD : ShipStrategy.REBALANCE,
                    null,
                    shared ? ResultType.BLOCKING : ResultType.PIPELINED,
                    streamed));
            producer.put(operator, vertex);
        }

        /** A coGroup: both inputs hash-partitioned on their keys, each sorted, the groups merged. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        void translateCoGroup(Operator<?> operator, OperatorSpec.CoGroup coGroup) {
            if (IterationTranslation.isSolutionSet(operator.input(0))
                    || IterationTranslation.isSolutionSet(operator.input(1))) {
                if (IterationTranslation.isSolutionSet(operator.input(0))
                        && IterationTranslation.isSolutionSet(operator.input(1))) {
                    throw new InvalidPlanException(operator.describe() + " coGroups the solution set with itself");
                }
                iterations.translateSolutionSetCoGroup(
                        operator, coGroup, IterationTranslation.isSolutionSet(operator.input(0)) ? 0 : 1);
                return;
            }
            TypeInfo leftType = operator.input(0).outputType();
            TypeInfo rightType = operator.input(1).outputType();
            TypeComparator<?> leftKey = comparator(operator, coGroup.leftKeys(), leftType);
            TypeComparator<?> rightKey = comparator(operator, coGroup.rightKeys(), rightType);
            repartitioned(
                    operator,
                    new DriverSpec.CoGroup(
                            leftType.createSerializer(config),
                            rightType.createSerializer(config),
                            groupSortKey(operator, coGroup.leftKeys(), coGroup.leftGroupOrder(), leftType),
                            groupSortKey(operator, coGroup.rightKeys(), coGroup.rightGroupOrder(), rightType),
                            leftKey,
                            rightKey,
                            coGroup.function()),
                    physical.node(operator),
                    coGroup.leftKeys(),
                    leftKey,
                    coGroup.rightKeys(),
                    rightKey,
                    0);
        }

        /**
         * A cross: the input the hint (or the size hints) says is smaller is broadcast and read a block
         * at a time; the other streams past each block. Without either, the second input is broadcast.
         */
        void translateCross(Operator<?> operator, OperatorSpec.Cross cross) {
            Operator<?> left = operator.input(0);
            Operator<?> right = operator.input(1);
            PlanNode node = physical.node(operator);
            int small = node != null
                    ? (node.strategy() == PlanNode.Strategy.NESTED_LOOP_BLOCK_FIRST ? 0 : 1)
                    : switch (cross.hint()) {
                        case FIRST_IS_SMALL -> 0;
                        case SECOND_IS_SMALL -> 1;
                        case OPTIMIZER_CHOOSES -> smaller(left, right, 1);
                    };
            DriverSpec driver = new DriverSpec.Cross(
                    small,
                    left.outputType().createSerializer(config),
                    right.outputType().createSerializer(config),
                    cross.function());
            broadcastOne(operator, driver, small, true);
        }

        /** The input whose size hints say it is smaller (bytes first, then records), else {@code otherwise}. */
        static int smaller(Operator<?> left, Operator<?> right, int otherwise) {
            long leftBytes = left.sizeHints().bytes();
            long rightBytes = right.sizeHints().bytes();
            if (leftBytes >= 0 && rightBytes >= 0 && leftBytes != rightBytes) {
                return rightBytes < leftBytes ? 1 : 0;
            }
            long leftRecords = left.sizeHints().records();
            long rightRecords = right.sizeHints().records();
            if (leftRecords >= 0 && rightRecords >= 0 && leftRecords != rightRecords) {
                return rightRecords < leftRecords ? 1 : 0;
            }
            return otherwise;
        }

        static boolean shareAnAncestor(Operator<?> left, Operator<?> right) {
            Set<Operator<?>> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());
            collect(left, ancestors);
            Set<Operator<?>> other = Collections.newSetFromMap(new IdentityHashMap<>());
            collect(right, other);
            other.retainAll(ancestors);
            return !other.isEmpty();
        }

        static void collect(Operator<?> operator, Set<Operator<?>> into) {
            if (into.add(operator)) {
                operator.inputs().forEach(input -> collect(input, into));
            }
        }

        /** Connects {@code input} forward (rebalanced if the parallelism differs) to input {@code index}. */
        void connectForward(Operator<?> input, VertexBuilder target, int index) {
            VertexBuilder source = producer.get(input);
            ShipStrategy strategy =
                    source.parallelism == target.parallelism ? ShipStrategy.FORWARD : ShipStrategy.REBALANCE;
            edges.add(edge(source, target, index, strategy, null, ResultType.PIPELINED, input));
        }

        JobEdge edge(
                VertexBuilder source,
                VertexBuilder target,
                int input,
                ShipStrategy strategy,
                TypeComparator<?> key,
                ResultType resultType,
                Operator<?> records) {
            return new JobEdge(
                    edges.size() + 1,
                    source.id,
                    target.id,
                    input,
                    strategy,
                    key,
                    resultType,
                    records.outputType().createSerializer(config));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        TypeComparator<?> comparator(Operator<?> operator, Keys keys, TypeInfo type) {
            try {
                return keys.createComparator(type, config);
            } catch (InvalidTypesException e) {
                throw new InvalidPlanException(operator.describe() + ": " + e.getMessage());
            }
        }
    }
}
