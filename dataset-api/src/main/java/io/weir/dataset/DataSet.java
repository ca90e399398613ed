package io.weir.dataset;

import io.weir.core.accumulators.LongCounter;
import io.weir.core.functions.FilterFunction;
import io.weir.core.functions.FlatMapFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.KeySelector;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.io.CollectOutputFormat;
import io.weir.core.io.CsvOutputFormat;
import io.weir.core.io.OutputFormat;
import io.weir.core.io.TextOutputFormat;
import io.weir.core.io.WriteMode;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.OperatorSpec.CrossHint;
import io.weir.core.plan.OperatorSpec.JoinHint;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.InvalidTypesException;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeHint;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A distributed collection of records of type {@code T}, defined by the operations that produce it.
 * Nothing runs until the environment executes (or {@link #collect}, {@link #count}, {@link #print}
 * is called); each operation returns a new data set, which {@link #name} and {@link
 * #setParallelism} adjust until then.
 */
public class DataSet<T> {

    final ExecutionEnvironment environment;
    private final OperatorSpec spec;
    private final List<DataSet<?>> inputs;
    private final String location;
    private TypeInfo<T> type;
    private InvalidTypesException typeError;
    private String name;
    private int parallelism = Operator.DEFAULT_PARALLELISM;
    private io.weir.core.plan.SizeHints sizeHints = io.weir.core.plan.SizeHints.UNKNOWN;
    private final List<io.weir.core.plan.ForwardedFields> forwardedFields = new ArrayList<>();
    private final List<List<String>> readFields = new ArrayList<>();
    private Operator<T> operator;
    private final java.util.Map<String, DataSet<?>> broadcastSets = new java.util.LinkedHashMap<>();

    DataSet(ExecutionEnvironment environment, OperatorSpec spec, List<DataSet<?>> inputs, TypeInfo<T> type) {
        this.environment = Objects.requireNonNull(environment, "environment is null");
        this.spec = Objects.requireNonNull(spec, "spec is null");
        this.inputs = List.copyOf(inputs);
        this.type = type;
        this.location = callSite();
        for (DataSet<?> input : inputs) {
            if (input.environment != environment) {
                throw new InvalidPlanException(
                        "data sets of different execution environments cannot be combined (" + describe() + ")");
            }
        }
    }

    /** A data set whose output type is extracted from {@code function}, or given later with returns(). */
    @SuppressWarnings("unchecked")
    DataSet(
            ExecutionEnvironment environment,
            OperatorSpec spec,
            List<DataSet<?>> inputs,
            Object function,
            Class<?> functionInterface) {
        this(environment, spec, inputs, (TypeInfo<T>) null);
        List<TypeInfo<?>> inputTypes = new ArrayList<>();
        for (DataSet<?> input : inputs) {
            inputTypes.add(input.getType());
        }
        try {
            this.type = TypeExtractor.outputType(function, functionInterface, inputTypes, describe());
        } catch (InvalidTypesException e) {
            this.typeError = e;
        }
    }

    private static final java.util.Set<String> API_CLASSES = java.util.Set.of(
            "io.weir.dataset.DataSet",
            "io.weir.dataset.ExecutionEnvironment",
            "io.weir.dataset.UnsortedGrouping",
            "io.weir.dataset.JoinOperatorSets",
            "io.weir.dataset.TwoInputKeys",
            "io.weir.dataset.CoGroupOperatorSets",
            "io.weir.dataset.CrossOperator",
            "io.weir.dataset.AggregateOperator",
            "io.weir.dataset.DataSetUtils",
            "io.weir.dataset.IterativeDataSet",
            "io.weir.dataset.DeltaIteration",
            "io.weir.dataset.Groupings",
            "io.weir.dataset.DataSink",
            "io.weir.dataset.CsvReader",
            "io.weir.dataset.SortedPartition",
            "io.weir.dataset.SortedGrouping",
            "io.weir.dataset.Orderings");

    /** Where the program called the API: the first frame outside Weir's API classes and the JDK. */
    static String callSite() {
        for (StackTraceElement element : new Throwable().getStackTrace()) {
            String className = element.getClassName();
            int nested = className.indexOf('$');
            String outer = nested < 0 ? className : className.substring(0, nested);
            if (!API_CLASSES.contains(outer)
                    && !className.startsWith("java.")
                    && !className.startsWith("jdk.")
                    && !className.startsWith("sun.")) {
                return element.getFileName() + ":" + element.getLineNumber();
            }
        }
        return null;
    }

    /** The name given with {@link #name}, or {@code null}. */
    String givenName() {
        return name;
    }

    /** The environment the data set belongs to: its program runs there. */
    public ExecutionEnvironment getExecutionEnvironment() {
        return environment;
    }

    /** The type of the records. */
    public TypeInfo<T> getType() {
        if (type == null) {
            throw new InvalidTypesException(describe() + ": " + typeError.getMessage()
                    + " Or give the result type with .returns(Class) or .returns(new TypeHint<...>() {}).");
        }
        return type;
    }

    /** Gives the result type where it cannot be extracted (a generic lambda result). */
    public DataSet<T> returns(Class<T> resultClass) {
        return returns(Types.of(resultClass));
    }

    public DataSet<T> returns(TypeHint<T> hint) {
        return returns(Types.of(hint));
    }

    public DataSet<T> returns(TypeInfo<T> resultType) {
        checkNotBuilt();
        this.type = Objects.requireNonNull(resultType, "resultType is null");
        return this;
    }

    /** Names the operation, for progress, metrics and error messages. */
    public DataSet<T> name(String newName) {
        checkNotBuilt();
        this.name = Objects.requireNonNull(newName, "name is null");
        return this;
    }

    /** How many parallel instances run this operation (the environment's default otherwise). */
    public DataSet<T> setParallelism(int newParallelism) {
        checkNotBuilt();
        if (newParallelism < 1) {
            throw new IllegalArgumentException(describe() + ": parallelism must be at least 1, not " + newParallelism);
        }
        this.parallelism = newParallelism;
        return this;
    }

    /**
     * How this data set would be computed, without computing it: the optimizer's physical plan (as if
     * its records were discarded by a sink named "explain"), then the job graph. See {@link
     * ExecutionEnvironment#explain()}.
     */
    public String explain() {
        return explain(ExecutionEnvironment.ExplainFormat.TEXT);
    }

    /** {@link #explain()} in the given form. */
    public String explain(ExecutionEnvironment.ExplainFormat format) {
        Operator<T> sink = Operator.builder(
                        new OperatorSpec.Sink(new io.weir.core.io.DiscardingOutputFormat<T>()), getType())
                .input(operator())
                .name("explain")
                .build();
        return environment.explain(new io.weir.core.plan.Plan(environment.defaultJobName(), List.of(sink)), format);
    }

    /**
     * Tells the optimizer how many records this data set has (it estimates otherwise, see the
     * optimizer's README); the explanation marks the figure as a hint.
     */
    public DataSet<T> withCardinalityHint(long records) {
        checkNotBuilt();
        if (records < 0) {
            throw new IllegalArgumentException(describe() + ": a cardinality hint is a count, not " + records);
        }
        this.sizeHints = new io.weir.core.plan.SizeHints(records, sizeHints.bytes());
        return this;
    }

    /** Tells the optimizer how many bytes this data set's records take (serialized). */
    public DataSet<T> withSizeHint(long bytes) {
        checkNotBuilt();
        if (bytes < 0) {
            throw new IllegalArgumentException(describe() + ": a size hint is a count of bytes, not " + bytes);
        }
        this.sizeHints = new io.weir.core.plan.SizeHints(sizeHints.records(), bytes);
        return this;
    }

    /**
     * Declares fields this operation's function copies unchanged from its (first) input to its output,
     * Flink-style: {@code "f0"}, {@code "id->customerId"}, {@code "f0->f1; f2"}. A partitioning on
     * them then survives the function and the optimizer need not shuffle again. A wrong declaration
     * gives wrong results, as in Flink.
     */
    public DataSet<T> withForwardedFields(String... declarations) {
        return forwarded(0, declarations);
    }

    /** Fields copied unchanged from the first input of a two-input operation (join, coGroup, cross). */
    public DataSet<T> withForwardedFieldsFirst(String... declarations) {
        return forwarded(0, declarations);
    }

    /** Fields copied unchanged from the second input of a two-input operation. */
    public DataSet<T> withForwardedFieldsSecond(String... declarations) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(describe() + " has " + inputs.size()
                    + " input(s): forwarded fields of a second input are for joins, coGroups and crosses");
        }
        return forwarded(1, declarations);
    }

    /**
     * Declares the fields this operation's function reads from its (first) input (Flink's read fields,
     * {@code "f0; f2"} or {@code "id; customer.zip"}). With the forwarded fields and the keys, it lets
     * the optimizer have a source skip the fields nothing reads (CSV leaves them unparsed, Parquet
     * unread). A function that reads an undeclared field sees null or zero there.
     */
    public DataSet<T> withReadFields(String... declarations) {
        return read(0, declarations);
    }

    /** The fields read from the first input of a two-input operation. */
    public DataSet<T> withReadFieldsFirst(String... declarations) {
        return read(0, declarations);
    }

    /** The fields read from the second input of a two-input operation. */
    public DataSet<T> withReadFieldsSecond(String... declarations) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException(describe() + " has " + inputs.size()
                    + " input(s): read fields of a second input are for joins, coGroups and crosses");
        }
        return read(1, declarations);
    }

    private DataSet<T> read(int input, String... declarations) {
        List<String> fields = new ArrayList<>();
        for (String declaration : declarations) {
            for (String part : declaration.split(";")) {
                if (!part.isBlank()) {
                    fields.add(part.trim());
                }
            }
        }
        return declare(readFields, input, fields, null, "read");
    }

    private DataSet<T> forwarded(int input, String... declarations) {
        return declare(
                forwardedFields,
                input,
                io.weir.core.plan.ForwardedFields.parse(declarations),
                io.weir.core.plan.ForwardedFields.NONE,
                "forward");
    }

    /** Sets one input's declaration in a per-input list whose other inputs keep {@code none}. */
    private <D> DataSet<T> declare(List<D> perInput, int input, D declaration, D none, String what) {
        checkNotBuilt();
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(describe() + " has no input to " + what + " fields from");
        }
        while (perInput.size() < inputs.size()) {
            perInput.add(none);
        }
        perInput.set(input, declaration);
        return this;
    }

    /**
     * Sends {@code set} whole to every parallel instance of this operation, where its function reads
     * it with {@code getRuntimeContext().getBroadcastVariable(name)} (in {@code open} or per record).
     * Each instance keeps the set in managed memory and spills what does not fit.
     */
    public DataSet<T> withBroadcastSet(DataSet<?> set, String name) {
        checkNotBuilt();
        Objects.requireNonNull(set, "set is null");
        Objects.requireNonNull(name, "name is null");
        OperatorSpec spec = this.spec;
        boolean hasFunction = spec instanceof OperatorSpec.Map
                || spec instanceof OperatorSpec.FlatMap
                || spec instanceof OperatorSpec.Filter
                || spec instanceof OperatorSpec.MapPartition
                || spec instanceof OperatorSpec.Reduce
                || spec instanceof OperatorSpec.GroupReduce
                || spec instanceof OperatorSpec.GroupCombine
                || spec instanceof OperatorSpec.Join
                || spec instanceof OperatorSpec.CoGroup
                || spec instanceof OperatorSpec.Cross;
        if (!hasFunction) {
            throw new InvalidPlanException("withBroadcastSet on " + describe() + ": only an operation with a user"
                    + " function (map, flatMap, filter, mapPartition, reduce, reduceGroup, combineGroup, join,"
                    + " coGroup, cross) can read a broadcast set");
        }
        if (set.environment != environment) {
            throw new InvalidPlanException("withBroadcastSet on " + describe() + ": the broadcast set " + set.describe()
                    + " belongs to another execution environment");
        }
        if (broadcastSets.putIfAbsent(name, set) != null) {
            throw new InvalidPlanException(
                    "withBroadcastSet on " + describe() + ": a broadcast set named '" + name + "' is already set");
        }
        return this;
    }

    public int getParallelism() {
        return parallelism;
    }

    /** Runs this operation with its input's parallelism, its records taken forward (see {@link Operator#INPUT_PARALLELISM}). */
    DataSet<T> keepInputParallelism() {
        checkNotBuilt();
        this.parallelism = Operator.INPUT_PARALLELISM;
        return this;
    }

    private void checkNotBuilt() {
        if (operator != null) {
            throw new IllegalStateException(describe() + " has already been executed and can no longer change");
        }
    }

    String describe() {
        String generated = location == null ? kind() : kind() + " at " + location;
        return name == null ? "'" + generated + "'" : "'" + name + "' (" + generated + ")";
    }

    /** What the operator does, for messages. */
    String kind() {
        return spec.kind();
    }

    /** The spec of the plan node; an iteration's result builds it from its step's nodes. */
    OperatorSpec specForPlan() {
        return spec;
    }

    /** The logical plan node of this data set (built once, when the program first runs). */
    Operator<T> operator() {
        if (operator == null) {
            Operator.Builder<T> builder = Operator.builder(specForPlan(), getType())
                    .name(name)
                    .parallelism(parallelism)
                    .sizeHints(sizeHints)
                    .location(location);
            if (forwardedFields.stream().anyMatch(fields -> !fields.mappings().isEmpty())) {
                builder.forwardedFields(forwardedFields);
            }
            if (readFields.stream().anyMatch(java.util.Objects::nonNull)) {
                builder.readFields(readFields);
            }
            for (DataSet<?> input : inputs) {
                builder.input(input.operator());
            }
            broadcastSets.forEach((variable, set) -> builder.broadcastInput(variable, set.operator()));
            operator = builder.build();
        }
        return operator;
    }

    // ---- record-at-a-time ---------------------------------------------------------------------

    public <R> DataSet<R> map(MapFunction<T, R> mapper) {
        return new DataSet<>(environment, new OperatorSpec.Map(mapper), List.of(this), mapper, MapFunction.class);
    }

    public <R> DataSet<R> flatMap(FlatMapFunction<T, R> flatMapper) {
        return new DataSet<>(
                environment, new OperatorSpec.FlatMap(flatMapper), List.of(this), flatMapper, FlatMapFunction.class);
    }

    public DataSet<T> filter(FilterFunction<T> filter) {
        return new DataSet<>(environment, new OperatorSpec.Filter(filter), List.of(this), getType());
    }

    /**
     * The records {@code predicate} accepts — a declarative filter ({@code
     * filter(col("l_shipdate").le(date))}) that the optimizer can read: it estimates its selectivity
     * and pushes it into a source that can skip data by it (Parquet's row groups).
     *
     * @throws InvalidTypesException if the records have no fields or the predicate names a field they do not have
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public DataSet<T> filter(io.weir.core.predicate.Predicate predicate) {
        if (!(getType() instanceof io.weir.core.types.CompositeTypeInfo composite)) {
            throw new InvalidTypesException(describe() + ": a predicate filter needs records with fields, not "
                    + getType() + "; use filter(FilterFunction)");
        }
        try {
            return new DataSet<>(
                    environment,
                    new OperatorSpec.Filter(new io.weir.core.predicate.PredicateFilter<>(predicate, composite)),
                    List.of(this),
                    getType());
        } catch (InvalidTypesException e) {
            throw new InvalidTypesException("filter " + predicate + " on " + describe() + ": " + e.getMessage());
        }
    }

    /** The function sees all records of a parallel instance at once, as an iterable. */
    public <R> DataSet<R> mapPartition(MapPartitionFunction<T, R> function) {
        return new DataSet<>(
                environment,
                new OperatorSpec.MapPartition(function),
                List.of(this),
                function,
                MapPartitionFunction.class);
    }

    // ---- iterations ---------------------------------------------------------------------------

    /**
     * Starts a bulk iteration with this data set as the initial partial solution, for at most
     * {@code maxIterations} supersteps: build the step on the result and end it with {@link
     * IterativeDataSet#closeWith}.
     */
    public IterativeDataSet<T> iterate(int maxIterations) {
        return new IterativeDataSet<>(this, maxIterations);
    }

    /**
     * Starts a delta iteration with this data set as the initial solution set, keyed by the fields at
     * {@code keyPositions}, and {@code workset} as the initial workset, for at most {@code
     * maxIterations} supersteps: build the step on {@link DeltaIteration#getWorkset()} and {@link
     * DeltaIteration#getSolutionSet()}, and end it with {@link DeltaIteration#closeWith}.
     */
    public <W> DeltaIteration<T, W> iterateDelta(DataSet<W> workset, int maxIterations, int... keyPositions) {
        return new DeltaIteration<>(this, workset, Keys.positions(keyPositions), maxIterations);
    }

    /** A delta iteration whose solution set is keyed by the named fields (see {@link #iterateDelta(DataSet, int, int...)}). */
    public <W> DeltaIteration<T, W> iterateDelta(DataSet<W> workset, int maxIterations, String... keyFields) {
        return new DeltaIteration<>(this, workset, Keys.fields(keyFields), maxIterations);
    }

    // ---- grouping -----------------------------------------------------------------------------

    /** Groups by fields named by expression ("word", "customer.id", "f0", "*"). */
    public UnsortedGrouping<T> groupBy(String... fields) {
        return new UnsortedGrouping<>(this, checkedKeys(Keys.fields(fields)));
    }

    /** Groups by field positions of a tuple, record or POJO. */
    public UnsortedGrouping<T> groupBy(int... fields) {
        return new UnsortedGrouping<>(this, checkedKeys(Keys.positions(fields)));
    }

    /** Groups by the key a selector extracts. */
    public <K> UnsortedGrouping<T> groupBy(KeySelector<T, K> selector) {
        return new UnsortedGrouping<>(this, checkedKeys(selectorKeys(selector)));
    }

    <K> Keys<T> selectorKeys(KeySelector<T, K> selector) {
        TypeInfo<K> keyType =
                TypeExtractor.outputType(selector, KeySelector.class, List.of(getType()), describe() + " key selector");
        return Keys.selector(selector, keyType);
    }

    /** Resolves keys against this data set's type now, so that a wrong field fails before the job runs. */
    Keys<T> checkedKeys(Keys<T> keys) {
        try {
            keys.keyFieldTypes(getType());
        } catch (InvalidTypesException e) {
            throw new InvalidPlanException("key " + keys + " of " + describe() + ": " + e.getMessage(), e);
        }
        return keys;
    }

    /** Reduces all records to one. */
    public DataSet<T> reduce(ReduceFunction<T> reducer) {
        return new DataSet<>(
                environment,
                new OperatorSpec.Reduce(null, reducer, OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                List.of(this),
                getType());
    }

    /** Hands all records to the function as one group. */
    public <R> DataSet<R> reduceGroup(GroupReduceFunction<T, R> reducer) {
        return new DataSet<>(
                environment,
                new OperatorSpec.GroupReduce(null, reducer, null, null),
                List.of(this),
                reducer,
                GroupReduceFunction.class);
    }

    /** The records that differ in at least one field (the whole record for atomic types). */
    public DataSet<T> distinct() {
        return distinctOn(Keys.fields("*"));
    }

    /** One record (an arbitrary one) per distinct value of the named fields. */
    public DataSet<T> distinct(String... fields) {
        return distinctOn(Keys.fields(fields));
    }

    /** One record (an arbitrary one) per distinct value of the fields at these positions. */
    public DataSet<T> distinct(int... fields) {
        return distinctOn(Keys.positions(fields));
    }

    /** One record (an arbitrary one) per distinct key that the selector extracts. */
    public <K> DataSet<T> distinct(KeySelector<T, K> selector) {
        return distinctOn(selectorKeys(selector));
    }

    private DataSet<T> distinctOn(Keys<T> keys) {
        return new DataSet<>(environment, new OperatorSpec.Distinct(checkedKeys(keys)), List.of(this), getType());
    }

    /**
     * The first {@code n} records (any {@code n} unless the input is ordered: after a sort of a
     * partition with parallelism 1, the first {@code n} in that order).
     */
    public DataSet<T> first(int n) {
        return new DataSet<>(environment, new OperatorSpec.FirstN(n, null, null), List.of(this), getType());
    }

    // ---- partitioning and order -----------------------------------------------------------------

    /** Sends each record to the parallel instance its key hashes to. */
    public DataSet<T> partitionByHash(String... fields) {
        return partition(OperatorSpec.PartitionMethod.HASH, checkedKeys(Keys.fields(fields)), null);
    }

    public DataSet<T> partitionByHash(int... fields) {
        return partition(OperatorSpec.PartitionMethod.HASH, checkedKeys(Keys.positions(fields)), null);
    }

    public <K> DataSet<T> partitionByHash(KeySelector<T, K> selector) {
        return partition(OperatorSpec.PartitionMethod.HASH, checkedKeys(selectorKeys(selector)), null);
    }

    /**
     * Sends each record to the parallel instance of its key's range, ascending: instance 0 holds the
     * smallest keys, the last one the largest, so that sorting each partition sorts the whole data
     * set. The ranges are cut from a random sample of the keys taken while the job runs, into parts
     * of about equal size (keys that occur very often can still make one part larger).
     */
    public DataSet<T> partitionByRange(String... fields) {
        return partition(OperatorSpec.PartitionMethod.RANGE, checkedKeys(Keys.fields(fields)), null);
    }

    public DataSet<T> partitionByRange(int... fields) {
        return partition(OperatorSpec.PartitionMethod.RANGE, checkedKeys(Keys.positions(fields)), null);
    }

    public <K> DataSet<T> partitionByRange(KeySelector<T, K> selector) {
        return partition(OperatorSpec.PartitionMethod.RANGE, checkedKeys(selectorKeys(selector)), null);
    }

    /** Spreads the records evenly (round-robin) over the parallel instances of the next operation. */
    public DataSet<T> rebalance() {
        return partition(OperatorSpec.PartitionMethod.REBALANCE, null, null);
    }

    /**
     * Sends each record to the parallel instance that {@code partitioner} picks for its key field. The
     * partitioner must answer from 0 to {@code numPartitions - 1}.
     */
    public <K> DataSet<T> partitionCustom(io.weir.core.functions.Partitioner<K> partitioner, int field) {
        return partition(OperatorSpec.PartitionMethod.CUSTOM, singleField(Keys.positions(field)), partitioner);
    }

    public <K> DataSet<T> partitionCustom(io.weir.core.functions.Partitioner<K> partitioner, String field) {
        return partition(OperatorSpec.PartitionMethod.CUSTOM, singleField(Keys.fields(field)), partitioner);
    }

    public <K> DataSet<T> partitionCustom(
            io.weir.core.functions.Partitioner<K> partitioner, KeySelector<T, K> selector) {
        return partition(OperatorSpec.PartitionMethod.CUSTOM, checkedKeys(selectorKeys(selector)), partitioner);
    }

    private Keys<T> singleField(Keys<T> keys) {
        int fields = checkedKeys(keys).keyFieldTypes(getType()).size();
        if (fields != 1) {
            throw new InvalidPlanException("partitionCustom of " + describe() + ": the key " + keys + " has " + fields
                    + " fields, but a custom partitioner takes one. Partition on a single field, or select the key"
                    + " with a KeySelector.");
        }
        return keys;
    }

    private DataSet<T> partition(
            OperatorSpec.PartitionMethod method, Keys<T> keys, io.weir.core.functions.Partitioner<?> partitioner) {
        return new DataSet<>(
                environment, new OperatorSpec.Partition(method, keys, partitioner), List.of(this), getType());
    }

    /**
     * Sorts the records of each parallel instance on a field; chain further {@code sortPartition}
     * calls for more fields. With parallelism 1 the whole data set is sorted.
     */
    public SortedPartition<T> sortPartition(int field, Order order) {
        return new SortedPartition<>(this, Orderings.of(this, checkedKeys(Keys.positions(field)), order));
    }

    public SortedPartition<T> sortPartition(String field, Order order) {
        return new SortedPartition<>(this, Orderings.of(this, checkedKeys(Keys.fields(field)), order));
    }

    /** Sorts each parallel instance on the key a selector extracts (all its fields, in {@code order}). */
    public <K> SortedPartition<T> sortPartition(KeySelector<T, K> selector, Order order) {
        return new SortedPartition<>(this, Orderings.of(this, checkedKeys(selectorKeys(selector)), order));
    }

    /** Hands the records of each parallel instance to the function as one group, without a shuffle. */
    public <R> DataSet<R> combineGroup(io.weir.core.functions.GroupCombineFunction<T, R> combiner) {
        return Groupings.combineGroup(this, null, null, combiner);
    }

    // ---- aggregations and projection -----------------------------------------------------------

    /** Aggregates a field over all records, into one record of this type; {@code .and(...)} for more. */
    public AggregateOperator<T> aggregate(Aggregations function, int field) {
        return new AggregateOperator<>(this, null, List.of(FieldAggregation.step(this, function, field)));
    }

    public AggregateOperator<T> aggregate(Aggregations function, String field) {
        return new AggregateOperator<>(this, null, List.of(FieldAggregation.step(this, function, field)));
    }

    /** The sum of a field over all records (see {@link Aggregations}). */
    public AggregateOperator<T> sum(int field) {
        return aggregate(Aggregations.SUM, field);
    }

    public AggregateOperator<T> min(int field) {
        return aggregate(Aggregations.MIN, field);
    }

    public AggregateOperator<T> max(int field) {
        return aggregate(Aggregations.MAX, field);
    }

    /** The record whose fields, compared in the order given, are least (the first such on ties). */
    public DataSet<T> minBy(int... fields) {
        return selectBy(null, fields, true);
    }

    /** The record whose fields, compared in the order given, are greatest (the first such on ties). */
    public DataSet<T> maxBy(int... fields) {
        return selectBy(null, fields, false);
    }

    DataSet<T> selectBy(Keys<T> keys, int[] fields, boolean least) {
        String what = (least ? "minBy" : "maxBy") + java.util.Arrays.toString(fields);
        CompositeTypeInfo<T> type = FieldAggregation.composite(this, what);
        for (int field : fields) {
            FieldAggregation.step(this, least ? Aggregations.MIN : Aggregations.MAX, field);
        }
        if (fields.length == 0) {
            throw new InvalidPlanException(what + " of " + describe() + ": give at least one field");
        }
        return new DataSet<>(
                environment,
                new OperatorSpec.Reduce(
                        keys,
                        new FieldAggregation.SelectBy<>(type.access(), fields.clone(), least),
                        OperatorSpec.CombineHint.OPTIMIZER_CHOOSES),
                List.of(this),
                getType());
    }

    /** The fields at the given positions, as tuples ({@code Tuple2} for two fields, ...). */
    public <R extends io.weir.core.tuple.Tuple> DataSet<R> project(int... fields) {
        return project((Object[]) java.util.Arrays.stream(fields).boxed().toArray(Integer[]::new));
    }

    /** The fields with the given names, as tuples. */
    public <R extends io.weir.core.tuple.Tuple> DataSet<R> project(String... fields) {
        return project((Object[]) fields);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <R extends io.weir.core.tuple.Tuple> DataSet<R> project(Object[] fields) {
        String what = "project" + java.util.Arrays.toString(fields);
        CompositeTypeInfo<T> type = FieldAggregation.composite(this, what);
        if (fields.length == 0 || fields.length > io.weir.core.tuple.Tuple.MAX_ARITY) {
            throw new InvalidPlanException(
                    what + " of " + describe() + ": give 1 to " + io.weir.core.tuple.Tuple.MAX_ARITY + " fields");
        }
        int[] positions = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            positions[i] = FieldAggregation.position(this, type, fields[i], what);
        }
        DataSet<R> projected = new DataSet<>(
                environment,
                new OperatorSpec.Map(new FieldAggregation.Projection<>(type.access(), positions)),
                List.of(this),
                (TypeInfo) FieldAggregation.projectedType(type, positions));
        // what the projection reads and where each field goes: for the optimizer's pushdown and properties
        List<String> read = new ArrayList<>();
        StringBuilder forwarded = new StringBuilder();
        for (int i = 0; i < positions.length; i++) {
            String name = type.field(positions[i]).name();
            read.add(name);
            forwarded.append(i == 0 ? "" : "; ").append(name).append("->f").append(i);
        }
        projected.readFields.add(read);
        return projected.withForwardedFields(forwarded.toString());
    }

    // ---- two inputs ---------------------------------------------------------------------------

    /** Starts an inner equi-join: {@code join(other).where(...).equalTo(...).with(...)}. */
    public <R> JoinOperatorSets<T, R> join(DataSet<R> other) {
        return join(other, JoinHint.OPTIMIZER_CHOOSES);
    }

    /** An inner equi-join run as the hint says (broadcast, repartition with a hash or sort-merge join). */
    public <R> JoinOperatorSets<T, R> join(DataSet<R> other, JoinHint hint) {
        return new JoinOperatorSets<>(this, other, hint);
    }

    /** An inner join with a small data set, which is sent whole to every instance of the join. */
    public <R> JoinOperatorSets<T, R> joinWithTiny(DataSet<R> other) {
        return join(other, JoinHint.BROADCAST_HASH_SECOND);
    }

    /** An inner join of this small data set, sent whole to every instance, with a large one. */
    public <R> JoinOperatorSets<T, R> joinWithHuge(DataSet<R> other) {
        return join(other, JoinHint.BROADCAST_HASH_FIRST);
    }

    /** A left outer join: records of this data set without a match are joined with {@code null}. */
    public <R> JoinOperatorSets.Outer<T, R> leftOuterJoin(DataSet<R> other) {
        return leftOuterJoin(other, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> JoinOperatorSets.Outer<T, R> leftOuterJoin(DataSet<R> other, JoinHint hint) {
        return new JoinOperatorSets.Outer<>(this, other, OperatorSpec.JoinType.LEFT_OUTER, hint);
    }

    /** A right outer join: records of {@code other} without a match are joined with {@code null}. */
    public <R> JoinOperatorSets.Outer<T, R> rightOuterJoin(DataSet<R> other) {
        return rightOuterJoin(other, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> JoinOperatorSets.Outer<T, R> rightOuterJoin(DataSet<R> other, JoinHint hint) {
        return new JoinOperatorSets.Outer<>(this, other, OperatorSpec.JoinType.RIGHT_OUTER, hint);
    }

    /** A full outer join: records of either side without a match are joined with {@code null}. */
    public <R> JoinOperatorSets.Outer<T, R> fullOuterJoin(DataSet<R> other) {
        return fullOuterJoin(other, JoinHint.OPTIMIZER_CHOOSES);
    }

    public <R> JoinOperatorSets.Outer<T, R> fullOuterJoin(DataSet<R> other, JoinHint hint) {
        return new JoinOperatorSets.Outer<>(this, other, OperatorSpec.JoinType.FULL_OUTER, hint);
    }

    /** Starts a coGroup: {@code coGroup(other).where(...).equalTo(...).with(function)}. */
    public <R> CoGroupOperatorSets<T, R> coGroup(DataSet<R> other) {
        return new CoGroupOperatorSets<>(this, other);
    }

    /** The cartesian product with {@code other}: every pair, or {@code .with(function)} of every pair. */
    public <R> CrossOperator<T, R> cross(DataSet<R> other) {
        return new CrossOperator<>(this, other, CrossHint.OPTIMIZER_CHOOSES);
    }

    /** The cartesian product with a small data set, which is sent whole to every instance. */
    public <R> CrossOperator<T, R> crossWithTiny(DataSet<R> other) {
        return new CrossOperator<>(this, other, CrossHint.SECOND_IS_SMALL);
    }

    /** The cartesian product of this small data set, sent whole to every instance, with a large one. */
    public <R> CrossOperator<T, R> crossWithHuge(DataSet<R> other) {
        return new CrossOperator<>(this, other, CrossHint.FIRST_IS_SMALL);
    }

    /** The records of this data set and of {@code other}, which must be of the same type. */
    public DataSet<T> union(DataSet<T> other) {
        if (!getType().equals(other.getType())) {
            throw new InvalidPlanException("union of " + describe() + " (" + getType() + ") with " + other.describe()
                    + " (" + other.getType() + "): a union needs inputs of the same type");
        }
        return new DataSet<>(environment, new OperatorSpec.Union(), List.of(this, other), getType());
    }

    // ---- sinks ----------------------------------------------------------------------------------

    /** Writes records through a format; runs when the environment executes. */
    public DataSink<T> output(OutputFormat<T> format) {
        return environment.addSink(new DataSink<>(this, format));
    }

    /** Writes each record's {@code toString()} as a line, into part files in directory {@code path}. */
    public DataSink<T> writeAsText(String path) {
        return writeAsText(path, WriteMode.NO_OVERWRITE);
    }

    public DataSink<T> writeAsText(String path, WriteMode writeMode) {
        return output(new TextOutputFormat<>(path, writeMode));
    }

    /**
     * Writes the line {@code formatter} makes of each record (UTF-8, one per line), into part files in
     * directory {@code path}.
     */
    public DataSink<T> writeAsFormattedText(String path, TextOutputFormat.TextFormatter<T> formatter) {
        return writeAsFormattedText(path, WriteMode.NO_OVERWRITE, formatter);
    }

    public DataSink<T> writeAsFormattedText(
            String path, WriteMode writeMode, TextOutputFormat.TextFormatter<T> formatter) {
        return output(new TextOutputFormat<>(path, writeMode, formatter));
    }

    /** Writes records as CSV lines separated by commas, into part files in directory {@code path}. */
    public DataSink<T> writeAsCsv(String path) {
        return writeAsCsv(path, ",", WriteMode.NO_OVERWRITE);
    }

    public DataSink<T> writeAsCsv(String path, WriteMode writeMode) {
        return writeAsCsv(path, ",", writeMode);
    }

    public DataSink<T> writeAsCsv(String path, String fieldDelimiter, WriteMode writeMode) {
        TypeInfo<T> recordType = getType();
        return output(new CsvOutputFormat<>(
                path,
                writeMode,
                recordType instanceof CompositeTypeInfo<T> composite ? composite.access() : null,
                fieldDelimiter,
                null));
    }

    /**
     * Writes records as CSV lines separated by commas, each part file starting with a header line of
     * the field names (so with parallelism 1, one file with one header).
     */
    public DataSink<T> writeAsCsvWithHeader(String path, WriteMode writeMode) {
        if (!(getType() instanceof CompositeTypeInfo<T> composite)) {
            throw new InvalidPlanException("writeAsCsvWithHeader of " + describe() + ": " + getType()
                    + " has no fields to name in a header; use writeAsCsv");
        }
        return output(new CsvOutputFormat<>(
                path, writeMode, composite.access(), ",", String.join(",", composite.fieldNames())));
    }

    /** Runs the program now and returns this data set's records (which must fit on the heap). */
    public List<T> collect() {
        String accumulator = "collect-" + java.util.UUID.randomUUID();
        output(new CollectOutputFormat<>(getType().createSerializer(environment.serializerConfig()), accumulator))
                .name("collect()");
        JobExecutionResult result = environment.execute(environment.defaultJobName());
        java.util.ArrayList<byte[]> chunks = result.getAccumulatorResult(accumulator);
        List<T> records = new ArrayList<>();
        if (chunks != null) {
            io.weir.core.serialization.TypeSerializer<T> serializer =
                    getType().createSerializer(environment.serializerConfig());
            try {
                for (byte[] chunk : chunks) {
                    io.weir.memory.view.ByteArrayInputView in = new io.weir.memory.view.ByteArrayInputView(chunk);
                    while (in.available() > 0) {
                        records.add(serializer.deserialize(in));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return records;
    }

    /** Runs the program now and returns the number of records. */
    public long count() {
        String accumulator = "count-" + java.util.UUID.randomUUID();
        output(new CountingOutputFormat<>(accumulator)).name("count()");
        JobExecutionResult result = environment.execute(environment.defaultJobName());
        Long count = result.getAccumulatorResult(accumulator);
        return count == null ? 0 : count;
    }

    /** Runs the program now and prints the records to standard output, one per line. */
    public void print() {
        for (T record : collect()) {
            System.out.println(record);
        }
    }

    /** Runs the program now and prints the records to standard error, one per line. */
    public void printToErr() {
        for (T record : collect()) {
            System.err.println(record);
        }
    }

    /** Counts records into a {@link LongCounter}. */
    private static final class CountingOutputFormat<T> implements OutputFormat<T> {
        private final String accumulatorName;
        private transient io.weir.core.functions.RuntimeContext context;
        private transient LongCounter counter;

        CountingOutputFormat(String accumulatorName) {
            this.accumulatorName = accumulatorName;
        }

        @Override
        public void setRuntimeContext(io.weir.core.functions.RuntimeContext newContext) {
            this.context = newContext;
        }

        @Override
        public void open(int taskNumber, int numTasks) {
            counter = new LongCounter();
            context.addAccumulator(accumulatorName, counter);
        }

        @Override
        public void writeRecord(T record) {
            counter.add(1L);
        }

        @Override
        public void close() {}

        @Override
        public String description() {
            return "count()";
        }
    }
}
