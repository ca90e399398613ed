package io.weir.dataset;

import io.weir.core.config.Configuration;
import io.weir.core.config.PipelineOptions;
import io.weir.core.io.CollectionInputFormat;
import io.weir.core.io.InputFormat;
import io.weir.core.io.NumberSequenceInputFormat;
import io.weir.core.io.TextInputFormat;
import io.weir.core.plan.Operator;
import io.weir.core.plan.OperatorSpec;
import io.weir.core.plan.Plan;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.types.TypeExtractor;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.optimizer.OptimizedPlan;
import io.weir.optimizer.Optimizer;
import io.weir.runtime.cluster.JobListener;
import io.weir.runtime.cluster.MiniCluster;
import io.weir.runtime.cluster.RuntimeOptions;
import io.weir.runtime.jobgraph.JobGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Where a program defines its data sets and runs them. {@link #getExecutionEnvironment()} gives
 * the embedded engine: all parallel instances run as threads of this process, with the managed
 * memory the configuration gives ({@code taskmanager.memory.managed.size}) and, unless set, as many
 * parallel instances as there are processors.
 */
public class ExecutionEnvironment {

    private static volatile Configuration contextConfiguration = new Configuration();
    private static volatile JobListener contextListener = JobListener.NONE;
    private static volatile ExplainFormat contextExplainFormat;
    private static volatile java.io.PrintStream contextExplainOut;

    private final Configuration configuration;
    private final List<DataSink<?>> sinks = new ArrayList<>();
    private int parallelism;
    private JobListener listener;
    private JobExecutionResult lastResult;
    /** When set, {@link #execute} explains the job in this form on {@link #explainOut} instead of running it. */
    private final ExplainFormat explainFormat;

    private final java.io.PrintStream explainOut;

    protected ExecutionEnvironment(Configuration configuration) {
        this.configuration = new Configuration(Objects.requireNonNull(configuration, "configuration is null"));
        this.parallelism = RuntimeOptions.defaultParallelism(this.configuration);
        this.listener = contextListener;
        this.explainFormat = contextExplainFormat;
        this.explainOut = contextExplainOut;
    }

    /** The environment of the context the program runs in: the embedded engine, as the launcher configured it. */
    public static ExecutionEnvironment getExecutionEnvironment() {
        return new ExecutionEnvironment(contextConfiguration);
    }

    /** An embedded engine with the given configuration. */
    public static ExecutionEnvironment createLocalEnvironment(Configuration configuration) {
        return new ExecutionEnvironment(configuration);
    }

    /**
     * Sets what {@link #getExecutionEnvironment()} gives programs started from now on: the {@code
     * weir} launcher calls this before running a program's main method.
     */
    public static void setContext(Configuration configuration, JobListener listener) {
        contextConfiguration = new Configuration(configuration);
        contextListener = listener == null ? JobListener.NONE : listener;
    }

    /**
     * Makes the environments {@link #getExecutionEnvironment()} gives from now on explain the first
     * job a program executes (on {@code out}, in {@code format}) and then stop the program with a
     * {@link ProgramExplainedException} instead of running it — how {@code weir explain} shows the
     * plan of any program. {@code null} turns it off.
     */
    public static void setExplainContext(ExplainFormat format, java.io.PrintStream out) {
        contextExplainFormat = format;
        contextExplainOut = out;
    }

    public Configuration getConfiguration() {
        return new Configuration(configuration);
    }

    public int getParallelism() {
        return parallelism;
    }

    /** The parallelism of operators that do not set their own. */
    public ExecutionEnvironment setParallelism(int newParallelism) {
        if (newParallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + newParallelism);
        }
        this.parallelism = newParallelism;
        return this;
    }

    /** Told about progress while jobs run (at most once a second). */
    public ExecutionEnvironment setJobListener(JobListener newListener) {
        this.listener = newListener == null ? JobListener.NONE : newListener;
        return this;
    }

    SerializerConfig serializerConfig() {
        return PipelineOptions.serializerConfig(configuration);
    }

    String defaultJobName() {
        return "Weir job";
    }

    // ---- sources ------------------------------------------------------------------------------

    /** A data set of the given records; their type is the first one's class. */
    @SafeVarargs
    public final <T> DataSet<T> fromElements(T... records) {
        if (records.length == 0) {
            throw new IllegalArgumentException("fromElements needs at least one record to know their type;"
                    + " use fromCollection(records, type) for none");
        }
        return fromCollection(Arrays.asList(records));
    }

    /** A data set of the records of a collection, which must not be empty (its type is taken from them). */
    @SuppressWarnings("unchecked")
    public <T> DataSet<T> fromCollection(Collection<T> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException(
                    "fromCollection of an empty collection needs the type:" + " use fromCollection(records, type)");
        }
        return fromCollection(records, (TypeInfo<T>)
                TypeExtractor.of(records.iterator().next().getClass()));
    }

    public <T> DataSet<T> fromCollection(Collection<T> records, TypeInfo<T> type) {
        return createInput(
                new CollectionInputFormat<>(List.copyOf(records), type.createSerializer(serializerConfig())), type);
    }

    /** The numbers {@code from} to {@code to}, both included, read in parallel. */
    public DataSet<Long> generateSequence(long from, long to) {
        return createInput(new NumberSequenceInputFormat(from, to), Types.LONG);
    }

    /** The lines of a text file, or of the files in a directory (UTF-8), read in parallel splits. */
    public DataSet<String> readTextFile(String path) {
        return createInput(new TextInputFormat(path), Types.STRING);
    }

    /**
     * Text files (a file, or the files of a directory) of one value per line, read in parallel splits
     * as values of {@code type}: {@code String} (the line), a number, {@code Boolean}, {@code
     * Character}, {@code BigDecimal}, {@code BigInteger}, a {@code java.time} date or time, or an enum.
     * A line that is not such a value fails the job, naming the file and the line.
     */
    public <T> DataSet<T> readFileOfPrimitives(String path, Class<T> type) {
        io.weir.core.io.PrimitiveInputFormat<T> format = new io.weir.core.io.PrimitiveInputFormat<>(path, type);
        return createInput(format, TypeExtractor.of(format.type()));
    }

    /**
     * CSV files (a file, or the files of a directory), read in parallel splits into records, POJOs or
     * tuples: configure the reader, then finish with {@link CsvReader#as(Class)}, {@link
     * CsvReader#pojoType(Class, String...)} or {@link CsvReader#types(Class...)}.
     */
    public CsvReader readCsvFile(String path) {
        return new CsvReader(this, path);
    }

    /** A data set read by any input format. */
    public <T> DataSet<T> createInput(InputFormat<T, ?> format, TypeInfo<T> type) {
        return new DataSet<>(this, new OperatorSpec.Source(format), List.of(), type);
    }

    // ---- running --------------------------------------------------------------------------------

    <T> DataSink<T> addSink(DataSink<T> sink) {
        sinks.add(sink);
        return sink;
    }

    private final java.util.Map<String, String> cachedFiles = new java.util.LinkedHashMap<>();

    /**
     * Gives every task of the jobs this environment runs the file (or directory) at {@code path} — a
     * local path or a URI of any file system Weir reads — as a local file under {@code name}: read it
     * with {@code getRuntimeContext().getDistributedCache().getFile(name)}, usually in {@code open()}.
     * A file that does not exist fails the job before it starts.
     */
    public void registerCachedFile(String path, String name) {
        java.util.Objects.requireNonNull(path, "path is null");
        java.util.Objects.requireNonNull(name, "name is null");
        if (cachedFiles.putIfAbsent(name, path) != null) {
            throw new IllegalArgumentException("registerCachedFile: a file named '" + name + "' is already registered ("
                    + cachedFiles.get(name) + ")");
        }
    }

    private java.util.Map<String, String> jobParameters = java.util.Map.of();

    /**
     * Makes {@code parameters} available to every function of the jobs this environment runs, through
     * {@code getRuntimeContext().getGlobalJobParameters()}; replaces what an earlier call set.
     */
    public ExecutionEnvironment setGlobalJobParameters(java.util.Map<String, String> parameters) {
        java.util.Objects.requireNonNull(parameters, "parameters is null");
        parameters.forEach((key, value) -> {
            java.util.Objects.requireNonNull(key, "setGlobalJobParameters: a key is null");
            java.util.Objects.requireNonNull(value, "setGlobalJobParameters: the value of '" + key + "' is null");
        });
        jobParameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        return this;
    }

    /** Makes a program's parameters (its command line, say) available to every function. */
    public ExecutionEnvironment setGlobalJobParameters(io.weir.core.util.ParameterTool parameters) {
        return setGlobalJobParameters(parameters.toMap());
    }

    /** The parameters set with {@link #setGlobalJobParameters}, empty if none. */
    public java.util.Map<String, String> getGlobalJobParameters() {
        return jobParameters;
    }

    /** Runs every sink defined since the last run, as one job. */
    public JobExecutionResult execute() {
        return execute(defaultJobName());
    }

    public JobExecutionResult execute(String jobName) {
        Plan plan = new Plan(jobName, pendingPlan().sinks(), cachedFiles, jobParameters);
        sinks.clear();
        if (explainFormat != null) {
            explainOut.println(explain(plan, explainFormat));
            explainOut.flush();
            throw new ProgramExplainedException(jobName);
        }
        Optimizer optimizer = optimizer();
        OptimizedPlan optimized = optimizer.optimize(plan, parallelism);
        JobGraph graph = optimizer.generate(optimized, serializerConfig());
        Configuration jobConfiguration = new Configuration(configuration);
        lastResult = new JobExecutionResult(new MiniCluster(jobConfiguration).execute(graph, listener), optimized);
        return lastResult;
    }

    /** The forms {@link #explain(ExplainFormat)} writes a plan in. */
    public enum ExplainFormat {
        /** The physical plan as text, then the job graph. */
        TEXT,
        /** The physical plan as JSON: nodes with strategies, exchanges, estimates, partitionings, costs. */
        JSON,
        /** The physical plan as a Graphviz digraph. */
        DOT
    }

    /**
     * How the sinks defined since the last run would run, without running them: the physical plan
     * the optimizer chose (each operator's strategy, how its inputs reach it, its estimates, output
     * partitioning and costs, and why where a hint or an existing partitioning decided), then the job
     * graph (tasks, their chained stages and drivers, the exchanges between them; for iterations,
     * their head, step and static inputs).
     */
    public String explain() {
        return explain(ExplainFormat.TEXT);
    }

    /** {@link #explain()} in the given form. */
    public String explain(ExplainFormat format) {
        return explain(pendingPlan(), format);
    }

    String explain(Plan plan, ExplainFormat format) {
        Optimizer optimizer = optimizer();
        OptimizedPlan optimized = optimizer.optimize(plan, parallelism);
        return switch (format) {
            case TEXT ->
                optimized.explain() + "\n"
                        + optimizer.generate(optimized, serializerConfig()).describe();
            case JSON -> optimized.toJson();
            case DOT -> optimized.toDot();
        };
    }

    /** Flink's name for {@code explain(ExplainFormat.JSON)}: the physical plan as JSON; nothing runs. */
    public String getExecutionPlan() {
        return explain(ExplainFormat.JSON);
    }

    /** The physical plan the optimizer chooses for the sinks defined since the last run (nothing runs). */
    public OptimizedPlan optimizedPlan() {
        return optimizer().optimize(pendingPlan(), parallelism);
    }

    private Plan pendingPlan() {
        List<Operator<?>> operators = new ArrayList<>();
        for (DataSink<?> sink : sinks) {
            operators.add(sink.operator());
        }
        return new Plan(defaultJobName(), operators, cachedFiles, jobParameters);
    }

    /** The optimizer, told the managed memory jobs of this environment get. */
    private Optimizer optimizer() {
        return new Optimizer(io.weir.core.config.MemoryOptions.managedMemoryBytes(configuration));
    }

    /** The result of the last job this environment ran, or {@code null}. */
    public JobExecutionResult getLastJobExecutionResult() {
        return lastResult;
    }
}
