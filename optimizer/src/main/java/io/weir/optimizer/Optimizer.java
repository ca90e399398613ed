package io.weir.optimizer;

import io.weir.core.io.FilterPushdown;
import io.weir.core.io.InputFormat;
import io.weir.core.io.ProjectionPushdown;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Plan;
import io.weir.core.plan.PlanValidator;
import io.weir.core.predicate.Predicate;
import io.weir.core.predicate.PredicateFilter;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.optimizer.PlanNode.Channel;
import io.weir.optimizer.PlanNode.Strategy;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.ShipStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cost-based optimizer: estimates every operator's output ({@link Estimator}), enumerates the
 * physical alternatives of each operator bottom-up — ship strategy per input, driver strategy,
 * combiner — keeping for every partitioning its output can have the cheapest plan that produces
 * it ({@link Costs}), picks the cheapest plan at each sink, and has {@link JobGraphGenerator}
 * translate it into the job graph.
 *
 * <p>An input's partitioning (a global property) is reused instead of repeated: a grouping whose
 * input is already partitioned on some of its keys at its parallelism runs behind it without an
 * exchange, and a join or coGroup whose input is already hash-partitioned on some of its keys
 * forwards that input and hash-partitions only the other one on the matching keys. Partitionings
 * flow through functions by their forwarded fields ({@link FieldForwarding}). An operator read by
 * several others is planned once: only its cheapest alternative is kept, so all its readers share
 * it (Flink explores the alternatives of such branches together; Weir does not, yet).
 *
 * <p>Operators inside an iteration's step function are translated with fixed strategies (see
 * {@link IterationTranslation}); planning them comes with the iterations' planning.
 */
public final class Optimizer implements PlanTranslator {

    /** The job's managed memory in bytes, or -1 when unknown (then no plan is costed for spilling). */
    private final long managedMemory;

    /** An optimizer that does not know the job's memory: it costs no spilling. */
    public Optimizer() {
        this(-1);
    }

    /**
     * An optimizer for jobs with {@code managedMemoryBytes} of managed memory: a hash table or sort
     * whose input per instance exceeds its share is costed for the bytes it spills (see {@link
     * Costs}).
     */
    public Optimizer(long managedMemoryBytes) {
        this.managedMemory = managedMemoryBytes;
    }

    @Override
    public JobGraph translate(Plan plan, int defaultParallelism, SerializerConfig serializerConfig) {
        return generate(optimize(plan, defaultParallelism), serializerConfig);
    }

    /** The chosen physical plan, without translating it. */
    public OptimizedPlan optimize(Plan plan, int defaultParallelism) {
        PlanValidator.validate(plan);
        return new Enumeration(plan, defaultParallelism, managedMemory).run();
    }

    /** The job graph of a chosen plan. */
    public JobGraph generate(OptimizedPlan optimized, SerializerConfig serializerConfig) {
        return new JobGraphGenerator.Translation(
                        optimized.plan(), optimized.defaultParallelism(), serializerConfig, optimized)
                .run();
    }

    /** A plan alternative for one operator, with the alternatives chosen for its inputs. */
    private record Candidate(PlanNode node, List<Candidate> inputs, List<Candidate> broadcastSets) {
        Partitioning partitioning() {
            return node.partitioning();
        }

        int parallelism() {
            return node.parallelism();
        }

        Costs cumulative() {
            return node.cumulative();
        }
    }

    private static final class Enumeration {
        private final Plan plan;
        private final int defaultParallelism;
        private final Map<Operator<?>, Estimate> estimates;
        private final Map<Operator<?>, List<Operator<?>>> consumers;
        private final Map<Operator<?>, List<Candidate>> candidates = new IdentityHashMap<>();
        /** The memory one instance of one memory-consuming operator may count on, or -1 when unknown. */
        private final double memoryPerDriver;

        Enumeration(Plan plan, int defaultParallelism, long managedMemory) {
            this.plan = plan;
            this.defaultParallelism = defaultParallelism;
            this.estimates = Estimator.estimate(plan);
            this.consumers = plan.consumers();
            long drivers = plan.topologicalOrder().stream()
                    .filter(Enumeration::holdsData)
                    .count();
            this.memoryPerDriver = managedMemory < 0
                    ? -1
                    : (double) managedMemory / Math.max(1, defaultParallelism) / Math.max(1, drivers);
        }

        /** Whether an operator keeps data in managed memory (a table, a sort, a buffer). */
        private static boolean holdsData(Operator<?> operator) {
            OperatorSpec spec = operator.spec();
            return spec instanceof OperatorSpec.Join
                    || spec instanceof OperatorSpec.CoGroup
                    || spec instanceof OperatorSpec.Cross
                    || spec instanceof OperatorSpec.SortPartition
                    || (spec instanceof OperatorSpec.Reduce reduce && reduce.keys() != null)
                    || (spec instanceof OperatorSpec.Distinct)
                    || (spec instanceof OperatorSpec.GroupReduce groupReduce && groupReduce.keys() != null)
                    || (spec instanceof OperatorSpec.FirstN first && first.keys() != null)
                    || (spec instanceof OperatorSpec.GroupCombine combine && combine.keys() != null);
        }

        /**
         * The disk bytes of an operator that holds {@code perInstance} bytes in each instance and
         * spills, when that is more than its share of memory, that fraction of {@code spillable} bytes
         * (written once, read once).
         */
        private Costs spill(double perInstance, double spillable) {
            if (memoryPerDriver < 0 || perInstance <= memoryPerDriver) {
                return Costs.ZERO;
            }
            return new Costs(0, 2 * (1 - memoryPerDriver / perInstance) * spillable, 0);
        }

        OptimizedPlan run() {
            for (Operator<?> operator : plan.topologicalOrder()) {
                candidates.put(operator, prune(enumerate(operator)));
            }
            Map<Operator<?>, PlanNode> chosen = new IdentityHashMap<>();
            for (Operator<?> sink : plan.sinks()) {
                collect(cheapest(candidates.get(sink)), chosen);
            }
            List<PlanNode> nodes = new ArrayList<>();
            for (Operator<?> operator : plan.topologicalOrder()) {
                PlanNode node = chosen.get(operator);
                if (node != null) {
                    nodes.add(node);
                }
            }
            OptimizedPlan result = new OptimizedPlan(plan, defaultParallelism, nodes, estimates);
            PlanChecker.check(result);
            return result;
        }

        private static void collect(Candidate candidate, Map<Operator<?>, PlanNode> into) {
            if (into.putIfAbsent(candidate.node().operator(), candidate.node()) != null) {
                return;
            }
            candidate.inputs().forEach(input -> collect(input, into));
            candidate.broadcastSets().forEach(set -> collect(set, into));
        }

        /** The cheapest alternative for each partitioning and order (the first of equally cheap ones). */
        private static List<Candidate> prune(List<Candidate> all) {
            Map<List<Object>, Candidate> best = new LinkedHashMap<>();
            for (Candidate candidate : all) {
                best.merge(
                        List.of(candidate.partitioning(), candidate.node().order()),
                        candidate,
                        (old, added) -> added.cumulative().compareTo(old.cumulative()) < 0 ? added : old);
            }
            return new ArrayList<>(best.values());
        }

        private static Candidate cheapest(List<Candidate> options) {
            return options.stream()
                    .min(Comparator.comparing(Candidate::cumulative))
                    .orElseThrow();
        }

        /** The alternatives of an input: only the cheapest when others read it too (they share it). */
        private List<Candidate> options(Operator<?> input) {
            List<Candidate> all = candidates.get(input);
            return consumers.get(input).size() > 1 ? List.of(cheapest(all)) : all;
        }

        private int resolve(Operator<?> operator, int inputParallelism) {
            return switch (operator.parallelism()) {
                case Operator.DEFAULT_PARALLELISM -> defaultParallelism;
                case Operator.INPUT_PARALLELISM -> inputParallelism;
                default -> operator.parallelism();
            };
        }

        private Estimate estimate(Operator<?> operator) {
            return estimates.getOrDefault(operator, Estimate.UNKNOWN);
        }

        private double bytes(Operator<?> operator) {
            return Costs.bytes(estimate(operator));
        }

        /**
         * CPU bytes to sort an input: what building a hash table of it costs (twice its bytes) plus its
         * bytes times log2 of its records over 4 — a sort never undercuts a hash table by itself, only
         * by the order it leaves.
         */
        private double sortCost(Operator<?> operator) {
            Estimate estimate = estimate(operator);
            double records = estimate.knowsRecords() ? estimate.records() : Costs.UNKNOWN_BYTES / 100;
            return bytes(operator) * (2 + Math.log(Math.max(2, records)) / Math.log(2) / 4);
        }

        /**
         * The fields each instance's output is sorted on: a sort-merge join's and a sort-based
         * grouping's keys, a sortPartition's fields, and what a record-at-a-time operator fed forward
         * keeps of its input's order — each through the fields the operator forwards, cut at the first
         * field it does not.
         */
        private static List<String> order(
                Operator<?> operator, Strategy strategy, List<Candidate> inputs, List<Channel> channels) {
            OperatorSpec spec = operator.spec();
            List<String> fields = switch (strategy) {
                case SORT_MERGE_JOIN -> {
                    OperatorSpec.Join join = (OperatorSpec.Join) spec;
                    List<String> left = FieldForwarding.of(operator, 0)
                            .mapOrder(FieldForwarding.keyFields(
                                    operator, join.leftKeys(), operator.input(0).outputType()));
                    yield !left.isEmpty()
                            ? left
                            : FieldForwarding.of(operator, 1)
                                    .mapOrder(FieldForwarding.keyFields(
                                            operator,
                                            join.rightKeys(),
                                            operator.input(1).outputType()));
                }
                case SORT_GROUP_REDUCE, GROUPED_REDUCE, GROUPED_GROUP_REDUCE ->
                    FieldForwarding.of(operator, 0)
                            .mapOrder(FieldForwarding.keyFields(
                                    operator,
                                    FieldForwarding.groupingKeys(spec),
                                    operator.input(0).outputType()));
                case CHAINED, SINK -> {
                    if (spec instanceof OperatorSpec.SortPartition sort) {
                        yield FieldForwarding.keyFields(
                                operator, sort.order().keys(), operator.input(0).outputType());
                    }
                    yield channels.get(0).ship() == ShipStrategy.FORWARD
                            ? FieldForwarding.of(operator, 0)
                                    .mapOrder(inputs.get(0).node().order())
                            : List.of();
                }
                default -> List.of();
            };
            return fields == null || fields.contains("*") ? List.of() : fields;
        }

        private Candidate candidate(
                Operator<?> operator,
                Strategy strategy,
                List<Candidate> inputs,
                List<Channel> channels,
                boolean combiner,
                int parallelism,
                Costs own,
                Partitioning output,
                String reason) {
            List<Candidate> sets = new ArrayList<>();
            Costs costs = own;
            for (Operator<?> set : operator.broadcastInputs().values()) {
                sets.add(cheapest(candidates.get(set)));
                costs = costs.plus(Costs.network(bytes(set) * parallelism));
            }
            Costs cumulative = costs;
            for (Candidate input : inputs) {
                cumulative = cumulative.plus(input.cumulative());
            }
            for (Candidate set : sets) {
                cumulative = cumulative.plus(set.cumulative());
            }
            PlanNode node = new PlanNode(
                    operator,
                    strategy,
                    channels,
                    combiner,
                    parallelism,
                    estimate(operator),
                    costs,
                    cumulative,
                    output,
                    order(operator, strategy, inputs, channels),
                    reason,
                    operator.spec() instanceof OperatorSpec.Source ? pushdown(operator) : null);
            return new Candidate(node, inputs, sets);
        }

        /**
         * What a source is told to skip: the declarative filters that follow it (each read by nothing
         * else) when its format takes a {@link FilterPushdown}, and the fields nothing reads when it
         * takes a {@link ProjectionPushdown}; {@code null} when nothing is pushed.
         */
        private PlanNode.SourcePushdown pushdown(Operator<?> source) {
            InputFormat<?, ?> format = ((OperatorSpec.Source) source.spec()).format();
            List<String> pushed = new ArrayList<>();
            Predicate filter = null;
            Set<Integer> filters = new HashSet<>();
            Operator<?> current = source;
            while (consumers.get(current).size() == 1) {
                Operator<?> next = consumers.get(current).get(0);
                if (!(next.spec() instanceof OperatorSpec.Filter f
                        && f.function() instanceof PredicateFilter<?> predicate
                        && next.broadcastInputs().isEmpty())) {
                    break;
                }
                filter = filter == null ? predicate.predicate() : filter.and(predicate.predicate());
                filters.add(next.id());
                current = next;
            }
            if (filter != null && format instanceof FilterPushdown filtering) {
                InputFormat<?, ?> filtered = filtering.withFilter(filter);
                if (filtered != format) {
                    format = filtered;
                    boolean exact = filtered instanceof FilterPushdown f && f.filtersExactly();
                    pushed.add("filter " + filter + (exact ? " (exact)" : ""));
                    if (!exact) {
                        filters.clear();
                    }
                }
            } else {
                filters.clear();
            }
            if (format instanceof ProjectionPushdown projecting
                    && source.outputType() instanceof CompositeTypeInfo<?> type) {
                Set<String> fields = ReadFieldAnalysis.neededFields(source, consumers);
                if (fields != null && fields.size() < type.arity()) {
                    format = projecting.withFields(fields);
                    pushed.add("fields " + fields);
                }
            }
            return pushed.isEmpty() ? null : new PlanNode.SourcePushdown(format, String.join(", ", pushed), filters);
        }

        private static Channel channel(Candidate input, ShipStrategy ship, List<String> keyFields) {
            return new Channel(input.node().operator(), ship, keyFields);
        }

        /** Forward where the parallelism is the same, else round-robin. */
        private static Channel passOn(Candidate input, int parallelism) {
            return channel(
                    input, input.parallelism() == parallelism ? ShipStrategy.FORWARD : ShipStrategy.REBALANCE, null);
        }

        private Costs shipped(Operator<?> input, Channel channel, int parallelism) {
            return switch (channel.ship()) {
                case FORWARD -> Costs.ZERO;
                case BROADCAST -> Costs.network(bytes(input) * parallelism);
                default -> Costs.network(bytes(input));
            };
        }

        private List<Candidate> enumerate(Operator<?> operator) {
            OperatorSpec spec = operator.spec();
            List<Candidate> result = new ArrayList<>();
            if (spec instanceof OperatorSpec.Source) {
                int parallelism = resolve(operator, defaultParallelism);
                result.add(candidate(
                        operator,
                        Strategy.SOURCE,
                        List.of(),
                        List.of(),
                        false,
                        parallelism,
                        Costs.ZERO,
                        Partitioning.any(parallelism),
                        null));
            } else if (spec instanceof OperatorSpec.Map
                    || spec instanceof OperatorSpec.FlatMap
                    || spec instanceof OperatorSpec.Filter
                    || spec instanceof OperatorSpec.SortPartition
                    || spec instanceof OperatorSpec.Sink
                    || (spec instanceof OperatorSpec.GroupCombine combine && combine.keys() != null)) {
                Strategy strategy = spec instanceof OperatorSpec.Sink
                        ? Strategy.SINK
                        : spec instanceof OperatorSpec.GroupCombine ? Strategy.SORT_GROUP_COMBINE : Strategy.CHAINED;
                for (Candidate input : options(operator.input(0))) {
                    int parallelism = operator.parallelism() == Operator.DEFAULT_PARALLELISM
                            ? input.parallelism()
                            : resolve(operator, input.parallelism());
                    Costs own = spec instanceof OperatorSpec.SortPartition
                            ? Costs.cpu(sortCost(operator.input(0)))
                                    .plus(spill(bytes(operator.input(0)) / parallelism, bytes(operator.input(0))))
                            : Costs.ZERO;
                    result.add(passedOn(operator, strategy, input, parallelism, own));
                }
            } else if (spec instanceof OperatorSpec.MapPartition || spec instanceof OperatorSpec.GroupCombine) {
                for (Candidate input : options(operator.input(0))) {
                    int parallelism = resolve(operator, input.parallelism());
                    result.add(passedOn(operator, Strategy.MAP_PARTITION, input, parallelism, Costs.ZERO));
                }
            } else if (spec instanceof OperatorSpec.Partition partition) {
                enumeratePartition(operator, partition, result);
            } else if (spec instanceof OperatorSpec.Reduce reduce) {
                enumerateGrouping(
                        operator,
                        reduce.keys(),
                        reduce.combineHint() != OperatorSpec.CombineHint.NONE,
                        true,
                        true,
                        result);
            } else if (spec instanceof OperatorSpec.Distinct distinct) {
                enumerateGrouping(operator, distinct.keys(), true, true, true, result);
            } else if (spec instanceof OperatorSpec.GroupReduce groupReduce) {
                enumerateGrouping(
                        operator,
                        groupReduce.keys(),
                        groupReduce.combiner() != null,
                        false,
                        groupReduce.groupOrder() == null,
                        result);
            } else if (spec instanceof OperatorSpec.FirstN first) {
                if (first.keys() == null) {
                    for (Candidate input : options(operator.input(0))) {
                        Channel channel = input.parallelism() == 1
                                ? channel(input, ShipStrategy.FORWARD, null)
                                : channel(input, ShipStrategy.REBALANCE, null);
                        result.add(candidate(
                                operator,
                                Strategy.LIMIT,
                                List.of(input),
                                List.of(channel),
                                input.parallelism() > 1,
                                1,
                                Costs.ZERO,
                                Partitioning.any(1),
                                null));
                    }
                } else {
                    enumerateGrouping(
                            operator, first.keys(), first.order() == null, false, first.order() == null, result);
                }
            } else if (spec instanceof OperatorSpec.Join join) {
                enumerateJoin(operator, join, result);
            } else if (spec instanceof OperatorSpec.CoGroup coGroup) {
                enumerateCoGroup(operator, coGroup, result);
            } else if (spec instanceof OperatorSpec.Cross cross) {
                enumerateCross(operator, cross, result);
            } else if (spec instanceof OperatorSpec.Union) {
                enumerateUnion(operator, result);
            } else {
                enumerateIteration(operator, result);
            }
            return result;
        }

        /** An operator that takes its input as it is partitioned (forward, or round-robin to another parallelism). */
        private Candidate passedOn(
                Operator<?> operator, Strategy strategy, Candidate input, int parallelism, Costs own) {
            Channel channel = passOn(input, parallelism);
            Partitioning output = channel.ship() == ShipStrategy.FORWARD
                    ? FieldForwarding.of(operator, 0).map(input.partitioning(), parallelism)
                    : Partitioning.any(parallelism);
            return candidate(
                    operator,
                    strategy,
                    List.of(input),
                    List.of(channel),
                    false,
                    parallelism,
                    own.plus(shipped(operator.input(0), channel, parallelism)),
                    output,
                    null);
        }

        private void enumeratePartition(
                Operator<?> operator, OperatorSpec.Partition partition, List<Candidate> result) {
            Operator<?> in = operator.input(0);
            List<String> keys = partition.keys() == null
                    ? null
                    : FieldForwarding.keyFields(operator, partition.keys(), in.outputType());
            for (Candidate input : options(in)) {
                int parallelism = resolve(operator, input.parallelism());
                Channel channel;
                Partitioning output;
                String reason = null;
                switch (partition.method()) {
                    case HASH -> {
                        // (one instance to one instance: every partitioning holds)
                        boolean already = (parallelism == 1 && input.parallelism() == 1)
                                || (keys != null
                                        && input.partitioning().kind() == Partitioning.Kind.HASH
                                        && input.partitioning().fields().equals(keys)
                                        && input.parallelism() == parallelism);
                        channel = channel(input, already ? ShipStrategy.FORWARD : ShipStrategy.HASH, keys);
                        output = Partitioning.hash(keys, parallelism);
                        reason = !already
                                ? null
                                : parallelism == 1
                                        ? "one instance feeds one instance"
                                        : "the input is already hash-partitioned on the keys";
                    }
                    case RANGE -> {
                        channel = channel(input, ShipStrategy.CUSTOM, keys);
                        output = keys == null
                                ? Partitioning.any(parallelism)
                                : new Partitioning(Partitioning.Kind.KEYED, keys, parallelism);
                    }
                    case CUSTOM -> {
                        channel = channel(input, ShipStrategy.CUSTOM, keys);
                        output = keys == null
                                ? Partitioning.any(parallelism)
                                : new Partitioning(Partitioning.Kind.KEYED, keys, parallelism);
                    }
                    default -> {
                        channel = channel(input, ShipStrategy.REBALANCE, null);
                        output = Partitioning.any(parallelism);
                    }
                }
                Costs own = shipped(in, channel, parallelism);
                if (partition.method() == OperatorSpec.PartitionMethod.RANGE) {
                    own = own.plus(Costs.network(bytes(in))); // (the router's blocking exchange)
                }
                result.add(candidate(
                        operator,
                        Strategy.PARTITION,
                        List.of(input),
                        List.of(channel),
                        false,
                        parallelism,
                        own,
                        output,
                        reason));
            }
        }

        /**
         * A reduce, distinct, group reduce or first(n) per group: behind the input when it is already
         * partitioned on some of the keys at the operator's parallelism, else a hash exchange (after a
         * combiner when the operator can combine); without keys, one instance.
         */
        private void enumerateGrouping(
                Operator<?> operator,
                io.weir.core.types.Keys<?> keys,
                boolean combinable,
                boolean hash,
                boolean anyOrderWithinGroups,
                List<Candidate> result) {
            Operator<?> in = operator.input(0);
            FieldForwarding forwarding = FieldForwarding.of(operator, 0);
            boolean withBroadcastSets = !operator.broadcastInputs().isEmpty();
            double work = hash ? 2 * bytes(in) : sortCost(in);
            for (Candidate input : options(in)) {
                if (keys == null) {
                    boolean combine = combinable && hash && !withBroadcastSets;
                    result.add(candidate(
                            operator,
                            hash ? Strategy.REDUCE_ALL : Strategy.GROUP_REDUCE_ALL,
                            List.of(input),
                            List.of(channel(input, ShipStrategy.REBALANCE, null)),
                            combine,
                            1,
                            Costs.network(bytes(in)).plus(Costs.cpu(combine ? 2 * work : work)),
                            Partitioning.any(1),
                            null));
                    continue;
                }
                int parallelism = resolve(operator, input.parallelism());
                List<String> keyFields = FieldForwarding.keyFields(operator, keys, in.outputType());
                Strategy strategy = hash ? Strategy.HASH_REDUCE : Strategy.SORT_GROUP_REDUCE;
                if (input.partitioning().groups(keyFields, parallelism)
                        && anyOrderWithinGroups
                        && input.node().groupedOn(keyFields)) {
                    result.add(candidate(
                            operator,
                            hash ? Strategy.GROUPED_REDUCE : Strategy.GROUPED_GROUP_REDUCE,
                            List.of(input),
                            List.of(channel(input, ShipStrategy.FORWARD, null)),
                            false,
                            parallelism,
                            Costs.cpu(0.5 * bytes(in)),
                            forwarding.map(input.partitioning(), parallelism),
                            "the input is already partitioned on "
                                    + input.partitioning().fields() + " and sorted on "
                                    + input.node().order() + ": no exchange, no sort, no table"));
                    continue;
                }
                if (input.partitioning().groups(keyFields, parallelism)) {
                    result.add(candidate(
                            operator,
                            strategy,
                            List.of(input),
                            List.of(channel(input, ShipStrategy.FORWARD, null)),
                            false,
                            parallelism,
                            Costs.cpu(work).plus(spill(bytes(in) / parallelism, bytes(in))),
                            forwarding.map(input.partitioning(), parallelism),
                            "the input is already partitioned on "
                                    + input.partitioning().fields()
                                    + (input.parallelism() == 1 ? " (one instance)" : "")
                                    + ": no exchange, no combiner"));
                    continue;
                }
                boolean combine = combinable && !withBroadcastSets;
                result.add(candidate(
                        operator,
                        strategy,
                        List.of(input),
                        List.of(channel(input, ShipStrategy.HASH, keyFields)),
                        combine,
                        parallelism,
                        Costs.network(bytes(in))
                                .plus(Costs.cpu(combine ? 2 * work : work))
                                .plus(spill(bytes(in) / parallelism, bytes(in))),
                        forwarding.map(Partitioning.hash(keyFields, parallelism), parallelism),
                        null));
            }
        }

        /**
         * How two inputs become co-partitioned on their keys at {@code parallelism}: forwarded where an
         * input is already hash-partitioned on (some of) its keys and the other matches or is
         * hash-partitioned on the same key positions; else both hash-partitioned on the whole key.
         */
        private List<Channel> coPartition(
                Candidate left, Candidate right, List<String> leftKeys, List<String> rightKeys, int parallelism) {
            if (parallelism == 1 && left.parallelism() == 1 && right.parallelism() == 1) {
                return List.of(channel(left, ShipStrategy.FORWARD, null), channel(right, ShipStrategy.FORWARD, null));
            }
            int[] leftPositions = left.partitioning().hashPositionsIn(leftKeys, parallelism);
            int[] rightPositions = right.partitioning().hashPositionsIn(rightKeys, parallelism);
            if (leftPositions != null && Arrays.equals(leftPositions, rightPositions)) {
                return List.of(channel(left, ShipStrategy.FORWARD, null), channel(right, ShipStrategy.FORWARD, null));
            }
            if (leftPositions != null) {
                return List.of(
                        channel(left, ShipStrategy.FORWARD, null),
                        channel(right, ShipStrategy.HASH, pick(rightKeys, leftPositions)));
            }
            if (rightPositions != null) {
                return List.of(
                        channel(left, ShipStrategy.HASH, pick(leftKeys, rightPositions)),
                        channel(right, ShipStrategy.FORWARD, null));
            }
            return List.of(channel(left, ShipStrategy.HASH, leftKeys), channel(right, ShipStrategy.HASH, rightKeys));
        }

        private static List<String> pick(List<String> keys, int[] positions) {
            List<String> picked = new ArrayList<>();
            for (int position : positions) {
                picked.add(keys.get(position));
            }
            return picked;
        }

        /** The partitioning of a co-partitioned operator's output: on the left keys it hashed, else the right's. */
        private static Partitioning coPartitioned(
                Operator<?> operator,
                List<Channel> channels,
                List<String> leftKeys,
                List<String> rightKeys,
                Candidate left,
                int parallelism) {
            if (parallelism == 1) {
                return Partitioning.any(1);
            }
            List<String> leftFields = channels.get(0).ship() == ShipStrategy.HASH
                    ? channels.get(0).keyFields()
                    : left.partitioning().fields();
            if (leftKeys == null || rightKeys == null || leftFields.isEmpty()) {
                return Partitioning.any(parallelism);
            }
            List<String> rightFields = new ArrayList<>();
            for (String field : leftFields) {
                rightFields.add(rightKeys.get(leftKeys.indexOf(field)));
            }
            Partitioning viaLeft =
                    FieldForwarding.of(operator, 0).map(Partitioning.hash(leftFields, parallelism), parallelism);
            if (viaLeft.kind() != Partitioning.Kind.ANY) {
                return viaLeft;
            }
            return FieldForwarding.of(operator, 1).map(Partitioning.hash(rightFields, parallelism), parallelism);
        }

        private void enumerateJoin(Operator<?> operator, OperatorSpec.Join join, List<Candidate> result) {
            Operator<?> leftOp = operator.input(0);
            Operator<?> rightOp = operator.input(1);
            List<String> leftKeys = FieldForwarding.keyFields(operator, join.leftKeys(), leftOp.outputType());
            List<String> rightKeys = FieldForwarding.keyFields(operator, join.rightKeys(), rightOp.outputType());
            OperatorSpec.JoinHint hint = join.hint();
            String hinted = hint == OperatorSpec.JoinHint.OPTIMIZER_CHOOSES ? null : "join hint " + hint;
            for (Candidate left : options(leftOp)) {
                for (Candidate right : options(rightOp)) {
                    int parallelism = resolve(operator, left.parallelism());
                    List<Channel> channels = coPartition(left, right, leftKeys, rightKeys, parallelism);
                    Costs exchange = shipped(leftOp, channels.get(0), parallelism)
                            .plus(shipped(rightOp, channels.get(1), parallelism));
                    Partitioning output = coPartitioned(operator, channels, leftKeys, rightKeys, left, parallelism);
                    List<Candidate> inputs = List.of(left, right);
                    for (int build = 0; build < 2; build++) {
                        OperatorSpec.JoinHint only = build == 0
                                ? OperatorSpec.JoinHint.REPARTITION_HASH_FIRST
                                : OperatorSpec.JoinHint.REPARTITION_HASH_SECOND;
                        if (hint != OperatorSpec.JoinHint.OPTIMIZER_CHOOSES && hint != only) {
                            continue;
                        }
                        double built = bytes(operator.input(build));
                        double probed = bytes(operator.input(1 - build));
                        result.add(candidate(
                                operator,
                                build == 0 ? Strategy.HYBRID_HASH_BUILD_FIRST : Strategy.HYBRID_HASH_BUILD_SECOND,
                                inputs,
                                channels,
                                false,
                                parallelism,
                                exchange.plus(Costs.cpu(2 * built + probed))
                                        .plus(spill(built / parallelism, built + probed)),
                                output,
                                hinted));
                    }
                    if (hint == OperatorSpec.JoinHint.OPTIMIZER_CHOOSES
                            || hint == OperatorSpec.JoinHint.REPARTITION_SORT_MERGE) {
                        result.add(candidate(
                                operator,
                                Strategy.SORT_MERGE_JOIN,
                                inputs,
                                channels,
                                false,
                                parallelism,
                                exchange.plus(Costs.cpu(sortCost(leftOp) + sortCost(rightOp)))
                                        .plus(spill(bytes(leftOp) / parallelism, bytes(leftOp)))
                                        .plus(spill(bytes(rightOp) / parallelism, bytes(rightOp))),
                                output,
                                hinted));
                    }
                    for (int build = 0; build < 2; build++) {
                        boolean allowed = hint
                                        == (build == 0
                                                ? OperatorSpec.JoinHint.BROADCAST_HASH_FIRST
                                                : OperatorSpec.JoinHint.BROADCAST_HASH_SECOND)
                                || (hint == OperatorSpec.JoinHint.OPTIMIZER_CHOOSES
                                        && !(build == 0
                                                ? join.type().keepsLeft()
                                                : join.type().keepsRight()));
                        if (allowed) {
                            result.add(broadcast(
                                    operator,
                                    build == 0
                                            ? Strategy.BROADCAST_HASH_BUILD_FIRST
                                            : Strategy.BROADCAST_HASH_BUILD_SECOND,
                                    inputs,
                                    build,
                                    (sent, streamed, instances) -> Costs.cpu(2 * sent * instances + streamed)
                                            .plus(spill(sent, sent * instances + streamed)),
                                    hinted));
                        }
                    }
                }
            }
        }

        private interface BroadcastWork {
            Costs cpu(double broadcastBytes, double streamedBytes, int instances);
        }

        /** Input {@code sent} whole to every instance, the other as it is partitioned. */
        private Candidate broadcast(
                Operator<?> operator,
                Strategy strategy,
                List<Candidate> inputs,
                int sent,
                BroadcastWork work,
                String reason) {
            Candidate streamed = inputs.get(1 - sent);
            int parallelism = operator.parallelism() == Operator.DEFAULT_PARALLELISM
                    ? streamed.parallelism()
                    : resolve(operator, streamed.parallelism());
            Channel broadcastChannel = channel(inputs.get(sent), ShipStrategy.BROADCAST, null);
            Channel streamedChannel = passOn(streamed, parallelism);
            List<Channel> channels =
                    sent == 0 ? List.of(broadcastChannel, streamedChannel) : List.of(streamedChannel, broadcastChannel);
            Operator<?> sentOp = operator.input(sent);
            Operator<?> streamedOp = operator.input(1 - sent);
            Costs own = shipped(sentOp, broadcastChannel, parallelism)
                    .plus(shipped(streamedOp, streamedChannel, parallelism))
                    .plus(work.cpu(bytes(sentOp), bytes(streamedOp), parallelism));
            Partitioning output = streamedChannel.ship() == ShipStrategy.FORWARD
                    ? FieldForwarding.of(operator, 1 - sent).map(streamed.partitioning(), parallelism)
                    : Partitioning.any(parallelism);
            return candidate(operator, strategy, inputs, channels, false, parallelism, own, output, reason);
        }

        private void enumerateCoGroup(Operator<?> operator, OperatorSpec.CoGroup coGroup, List<Candidate> result) {
            Operator<?> leftOp = operator.input(0);
            Operator<?> rightOp = operator.input(1);
            List<String> leftKeys = FieldForwarding.keyFields(operator, coGroup.leftKeys(), leftOp.outputType());
            List<String> rightKeys = FieldForwarding.keyFields(operator, coGroup.rightKeys(), rightOp.outputType());
            for (Candidate left : options(leftOp)) {
                for (Candidate right : options(rightOp)) {
                    int parallelism = resolve(operator, left.parallelism());
                    List<Channel> channels = coPartition(left, right, leftKeys, rightKeys, parallelism);
                    Costs own = shipped(leftOp, channels.get(0), parallelism)
                            .plus(shipped(rightOp, channels.get(1), parallelism))
                            .plus(Costs.cpu(sortCost(leftOp) + sortCost(rightOp)))
                            .plus(spill(bytes(leftOp) / parallelism, bytes(leftOp)))
                            .plus(spill(bytes(rightOp) / parallelism, bytes(rightOp)));
                    result.add(candidate(
                            operator,
                            Strategy.SORT_MERGE_CO_GROUP,
                            List.of(left, right),
                            channels,
                            false,
                            parallelism,
                            own,
                            coPartitioned(operator, channels, leftKeys, rightKeys, left, parallelism),
                            null));
                }
            }
        }

        private void enumerateCross(Operator<?> operator, OperatorSpec.Cross cross, List<Candidate> result) {
            for (Candidate left : options(operator.input(0))) {
                for (Candidate right : options(operator.input(1))) {
                    for (int small = 0; small < 2; small++) {
                        OperatorSpec.CrossHint only = small == 0
                                ? OperatorSpec.CrossHint.FIRST_IS_SMALL
                                : OperatorSpec.CrossHint.SECOND_IS_SMALL;
                        if (cross.hint() != OperatorSpec.CrossHint.OPTIMIZER_CHOOSES && cross.hint() != only) {
                            continue;
                        }
                        result.add(broadcast(
                                operator,
                                small == 0 ? Strategy.NESTED_LOOP_BLOCK_FIRST : Strategy.NESTED_LOOP_BLOCK_SECOND,
                                List.of(left, right),
                                small,
                                (sent, streamed, instances) -> Costs.cpu(sent * instances + streamed),
                                cross.hint() == OperatorSpec.CrossHint.OPTIMIZER_CHOOSES
                                        ? null
                                        : "cross hint " + cross.hint()));
                    }
                }
            }
            // without a hint and with equal costs, the second input is broadcast (as before the optimizer)
            if (result.size() == 2
                    && result.get(0).cumulative().compareTo(result.get(1).cumulative()) == 0) {
                result.remove(0);
            }
        }

        /** A union: each input's cheapest plan, passed on; it keeps no partitioning. */
        private void enumerateUnion(Operator<?> operator, List<Candidate> result) {
            result.add(cheapestInputs(operator, Strategy.UNION, inputs -> false));
        }

        /**
         * An iteration: its inputs' cheapest plans (a delta iteration's solution set hash-partitioned
         * on its key); the step is planned by the iteration's translation.
         */
        private void enumerateIteration(Operator<?> operator, List<Candidate> result) {
            boolean delta = operator.spec() instanceof OperatorSpec.DeltaIteration;
            Candidate iteration = cheapestInputs(operator, Strategy.ITERATION, input -> delta && input == 0);
            int supersteps = operator.spec() instanceof OperatorSpec.BulkIteration bulk
                    ? bulk.maxIterations()
                    : ((OperatorSpec.DeltaIteration) operator.spec()).maxIterations();
            double perSuperstep = 0;
            for (Operator<?> step : OptimizedPlan.dynamicStep(operator)) {
                perSuperstep += bytes(step);
            }
            PlanNode node = iteration.node();
            Costs steps = Costs.cpu(perSuperstep * supersteps);
            result.add(new Candidate(
                    new PlanNode(
                            operator,
                            node.strategy(),
                            node.inputs(),
                            false,
                            node.parallelism(),
                            node.estimate(),
                            node.costs().plus(steps),
                            node.cumulative().plus(steps),
                            node.partitioning(),
                            node.order(),
                            "at most " + supersteps + " supersteps, each handling about "
                                    + Estimate.size(perSuperstep) + " in the step (its operators' estimated"
                                    + " output; what does not depend on the iteration's state is computed once)",
                            null),
                    iteration.inputs(),
                    iteration.broadcastSets()));
        }

        /** An operator over the cheapest plan of each input, passed on unless {@code hashed} says so. */
        private Candidate cheapestInputs(
                Operator<?> operator, Strategy strategy, java.util.function.IntPredicate hashed) {
            List<Candidate> inputs = new ArrayList<>();
            List<Channel> channels = new ArrayList<>();
            int parallelism = operator.spec() instanceof OperatorSpec.Union
                    ? resolve(operator, cheapest(options(operator.input(0))).parallelism())
                    : resolve(operator, defaultParallelism);
            Costs own = Costs.ZERO;
            for (int i = 0; i < operator.inputs().size(); i++) {
                Candidate input = cheapest(options(operator.input(i)));
                inputs.add(input);
                Channel channel = hashed.test(i) ? channel(input, ShipStrategy.HASH, null) : passOn(input, parallelism);
                channels.add(channel);
                own = own.plus(shipped(operator.input(i), channel, parallelism));
            }
            return candidate(
                    operator, strategy, inputs, channels, false, parallelism, own, Partitioning.any(parallelism), null);
        }
    }
}
