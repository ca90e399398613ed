package io.weir.runtime.cluster;

import io.weir.core.accumulators.Accumulator;
import io.weir.core.cache.DistributedCache;
import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.io.InputFormat;
import io.weir.core.io.InputSplit;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.exchange.BlockingChannel;
import io.weir.runtime.exchange.BufferPool;
import io.weir.runtime.exchange.Channel;
import io.weir.runtime.exchange.Exchange;
import io.weir.runtime.exchange.InputGate;
import io.weir.runtime.exchange.LocalExchange;
import io.weir.runtime.exchange.RecordWriter;
import io.weir.runtime.exchange.SubpartitionWriter;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.RecordPartitioner;
import io.weir.runtime.jobgraph.ResultType;
import io.weir.runtime.jobgraph.Stage;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.task.IterationSync;
import io.weir.runtime.task.StageException;
import io.weir.runtime.task.StageMetrics;
import io.weir.runtime.task.Task;
import io.weir.runtime.task.TaskEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a job graph on the embedded engine, from the memory plan to the committed output.
 *
 * <ol>
 *   <li>Plan memory: every exchange gets a buffer pool per producer instance (two pages per
 *       channel and one more), every blocking channel a page to read its spill file back; what is
 *       left is shared by the memory-holding stages and the blocking pools by weight. A budget too
 *       small for that fails here, naming the option.
 *   <li>Prepare: sources divide their input into splits, sinks check their targets — both before
 *       any task runs, so that a missing input or an existing output fails at once.
 *   <li>Deploy: every vertex instance gets its own copy of the vertex (user functions are not
 *       shared between threads), its gates, writers and pools, and a thread.
 *   <li>Watch: report progress; fail a job that stops making progress, with a thread dump.
 *   <li>Finish: release every channel and pool, commit the sinks (or discard their staged output),
 *       merge accumulators, and check that no page or spill file is left.
 * </ol>
 */
final class JobExecution implements TaskEnvironment {

    private final JobGraph graph;
    /** Per iteration (by id): what its heads, tails, termination criteria and solution-set deltas share. */
    private final Map<Integer, IterationSync> iterations = new HashMap<>();

    private final Configuration configuration;
    private final MemoryManager memoryManager;
    private final IOManager ioManager;
    private final JobListener listener;
    private final Exchange exchange;
    private final ClassLoader userClassLoader;

    private volatile boolean cancelled;
    private final AtomicReference<Failure> failure = new AtomicReference<>();

    private final Map<Integer, SplitAssigner> splits = new HashMap<>();
    private final Map<String, Map<String, Accumulator<?, ? extends Serializable>>> accumulators =
            new ConcurrentHashMap<>();
    private final Map<Integer, int[]> stagePages = new HashMap<>();
    /** The pages of each broadcast set's buffer in each instance that reads it. */
    private int broadcastPages;

    private final Map<Integer, List<List<StageMetrics>>> metrics = new LinkedHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<BlockingChannel> blockingChannels = new ArrayList<>();
    private final List<BufferPool> pools = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Task> tasks = new ArrayList<>();

    private record Failure(int vertexId, int subtask, String operator, Throwable cause) {}

    JobExecution(
            JobGraph graph,
            Configuration configuration,
            MemoryManager memoryManager,
            IOManager ioManager,
            JobListener listener) {
        this.graph = graph;
        for (JobVertex vertex : graph.vertices()) {
            if (vertex.head().driver() instanceof DriverSpec.IterationHead head) {
                iterations.put(
                        head.iteration(),
                        new IterationSync(
                                vertex.parallelism(),
                                head.maxIterations(),
                                head.hasCriterion(),
                                head.isDelta(),
                                head.aggregators(),
                                () -> cancelled));
            }
        }
        this.configuration = configuration;
        this.memoryManager = memoryManager;
        this.ioManager = ioManager;
        this.listener = listener == null ? JobListener.NONE : listener;
        this.exchange = new LocalExchange(memoryManager, ioManager);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.userClassLoader = context != null ? context : JobExecution.class.getClassLoader();
    }

    JobResult run() {
        long start = System.nanoTime();
        MemoryPlan plan = planMemory();
        prepareSources();
        try {
            prepareCachedFiles();
            prepareSinks();
            deploy(plan);
            threads.forEach(Thread::start);
            watch(start);
            Failure first = failure.get();
            if (first != null) {
                throw jobFailed(first);
            }
        } catch (RuntimeException | Error failed) {
            cancelled = true;
            releaseExchanges();
            finishSinks(false);
            // what the failure left behind would be a second bug: report it with the first
            leak().ifPresent(failed::addSuppressed);
            throw failed;
        } finally {
            deleteCachedCopies();
        }
        cancelled = true;
        releaseExchanges();
        finishSinks(true);
        leak().ifPresent(leak -> {
            throw leak;
        });
        return new JobResult(
                graph.jobName(),
                Duration.ofNanos(System.nanoTime() - start),
                mergeAccumulators(),
                stats(),
                blockingChannels.stream()
                        .mapToLong(BlockingChannel::spilledBytes)
                        .sum());
    }

    // ---- memory -------------------------------------------------------------------------------

    private record MemoryPlan(Map<Integer, Integer> poolCapacity, int pagesPerWeight) {}

    private MemoryPlan planMemory() {
        long exchangePages = 0;
        long weights = 0;
        int neededPerWeight = 0;
        Map<Integer, Integer> basePool = new HashMap<>();
        for (JobEdge edge : graph.edges()) {
            int producers = graph.vertex(edge.source()).parallelism();
            int consumers = graph.vertex(edge.target()).parallelism();
            int subpartitions = edge.shipStrategy().isAllToAll() ? consumers : 1;
            int pool = 2 * subpartitions + 1;
            basePool.put(edge.id(), pool);
            exchangePages += (long) producers * pool;
            if (edge.resultType() == ResultType.BLOCKING) {
                exchangePages += (long) producers * subpartitions; // one read page per channel
                weights += producers;
            }
        }
        for (JobVertex vertex : graph.vertices()) {
            int[] weightsOfStages = new int[vertex.stages().size()];
            for (int i = 0; i < weightsOfStages.length; i++) {
                DriverSpec driver = vertex.stages().get(i).driver();
                int weight = driver.memoryWeight();
                weightsOfStages[i] = weight;
                if (weight > 0) {
                    weights += (long) weight * vertex.parallelism();
                    neededPerWeight = Math.max(neededPerWeight, (driver.minPages() + weight - 1) / weight);
                }
            }
            stagePages.put(vertex.id(), weightsOfStages);
            int broadcastSets = vertex.head().broadcastSets().size() + cachedInputs(vertex);
            if (broadcastSets > 0) {
                // each instance keeps each broadcast set (and, in an iteration's step, each input from
                // outside the loop) in a spillable buffer of one weight
                weights += (long) broadcastSets * vertex.parallelism();
                neededPerWeight = Math.max(neededPerWeight, SpillableRecordBuffer.MIN_PAGES);
            }
        }
        long available = memoryManager.totalPages() - exchangePages;
        long required = exchangePages + weights * neededPerWeight;
        if (available < 0 || (weights > 0 && available / weights < neededPerWeight)) {
            long pageSize = memoryManager.pageSize();
            throw new JobExecutionException(
                    "job '" + graph.jobName() + "' cannot start: it needs at least "
                            + MemoryManager.describeBytes(required * pageSize) + " of managed memory ("
                            + required + " pages of " + MemoryManager.describeBytes(pageSize) + ": "
                            + exchangePages + " for exchanges between tasks, the rest for sorting, hashing and"
                            + " blocking exchanges) but has " + MemoryManager.describeBytes(memoryManager.budgetBytes())
                            + ". Give it more with " + MemoryOptions.MANAGED_MEMORY_SIZE.key()
                            + " (the --memory option of the weir command), or lower the parallelism.",
                    null,
                    null);
        }
        int perWeight = weights == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, available / weights);
        broadcastPages = perWeight;
        for (int[] stages : stagePages.values()) {
            for (int i = 0; i < stages.length; i++) {
                stages[i] *= perWeight;
            }
        }
        Map<Integer, Integer> capacities = new HashMap<>();
        for (JobEdge edge : graph.edges()) {
            int extra = edge.resultType() == ResultType.BLOCKING ? perWeight : 0;
            capacities.put(edge.id(), basePool.get(edge.id()) + extra);
        }
        return new MemoryPlan(capacities, perWeight);
    }

    /** The driver inputs of a vertex in an iteration's step that come from outside the loop: cached. */
    private int cachedInputs(JobVertex vertex) {
        if (vertex.iteration() == 0 || vertex.head().driver() instanceof DriverSpec.IterationHead) {
            return 0;
        }
        int cached = 0;
        for (int input = 0; input < vertex.head().driver().inputCount(); input++) {
            boolean fromLoop = false;
            for (JobEdge edge : graph.inputEdges(vertex.id(), input)) {
                fromLoop |= graph.vertex(edge.source()).iteration() == vertex.iteration();
            }
            cached += fromLoop ? 0 : 1;
        }
        return cached;
    }

    @Override
    public int broadcastPages() {
        return broadcastPages;
    }

    @Override
    public int pagesFor(int vertexId, int stageIndex) {
        return stagePages.get(vertexId)[stageIndex];
    }

    // ---- preparation ------------------------------------------------------------------------------

    private void prepareSources() {
        for (JobVertex vertex : graph.vertices()) {
            if (vertex.head().driver() instanceof DriverSpec.Source source) {
                InputFormat<?, ?> format = source.format();
                try {
                    format.configure(configuration);
                    InputSplit[] created = format.createInputSplits(vertex.parallelism());
                    splits.put(vertex.id(), new SplitAssigner(created, SplitAssigner::hostKey));
                } catch (IOException | RuntimeException e) {
                    throw new JobExecutionException(
                            "job '" + graph.jobName() + "' cannot start: source '"
                                    + vertex.head().name() + "' (" + format.description() + "): "
                                    + StageException.describe(e),
                            vertex.head().name(),
                            e);
                }
            }
        }
    }

    /** The job's cached files, as local files: local ones where they are, others copied once. */
    private DistributedCache distributedCache = DistributedCache.EMPTY;
    /** Where files of other file systems were copied to, deleted when the job ends; or null. */
    private Path cacheDirectory;

    private void prepareCachedFiles() {
        Map<String, File> files = new HashMap<>();
        graph.cachedFiles().forEach((name, location) -> {
            try {
                URI uri = location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") ? URI.create(location) : null;
                if (uri == null || "file".equals(uri.getScheme())) {
                    File file = uri == null ? new File(location) : new File(uri);
                    if (!file.exists()) {
                        throw new java.io.FileNotFoundException("there is no file " + file.getAbsolutePath());
                    }
                    files.put(name, file.getAbsoluteFile());
                    return;
                }
                if (cacheDirectory == null) {
                    cacheDirectory = Files.createTempDirectory("weir-cached-files-");
                }
                Path copy = cacheDirectory.resolve(
                        files.size() + "-" + Path.of(uri.getPath()).getFileName());
                try (InputStream in = io.weir.core.fs.FileSystem.get(uri).open(uri)) {
                    Files.copy(in, copy);
                }
                files.put(name, copy.toFile());
            } catch (IOException | RuntimeException e) {
                throw new JobExecutionException(
                        "job '" + graph.jobName() + "' cannot start: the cached file '" + name + "' (" + location
                                + "): " + StageException.describe(e) + ". Register an existing file with"
                                + " registerCachedFile(path, name).",
                        "registerCachedFile",
                        e);
            }
        });
        distributedCache = new DistributedCache(files);
    }

    private void deleteCachedCopies() {
        if (cacheDirectory == null) {
            return;
        }
        try {
            io.weir.core.fs.FileSystem.get(cacheDirectory.toUri()).delete(cacheDirectory.toUri());
        } catch (IOException e) {
            // a copy left in the temporary directory does no harm
        }
    }

    @Override
    public DistributedCache distributedCache() {
        return distributedCache;
    }

    private void prepareSinks() {
        for (JobVertex vertex : graph.vertices()) {
            for (Stage stage : vertex.stages()) {
                if (stage.driver() instanceof DriverSpec.Sink sink) {
                    try {
                        sink.format().configure(configuration);
                        sink.format().initializeGlobal(vertex.parallelism());
                    } catch (IOException | RuntimeException e) {
                        throw new JobExecutionException(
                                "job '" + graph.jobName() + "' cannot start: sink '" + stage.name() + "' ("
                                        + sink.format().description() + "): " + StageException.describe(e),
                                stage.name(),
                                e);
                    }
                }
            }
        }
    }

    private void finishSinks(boolean succeeded) {
        RuntimeException commitFailure = null;
        for (JobVertex vertex : graph.vertices()) {
            for (Stage stage : vertex.stages()) {
                if (stage.driver() instanceof DriverSpec.Sink sink) {
                    try {
                        if (succeeded && commitFailure == null) {
                            sink.format().commit(vertex.parallelism());
                        } else {
                            sink.format().abortGlobal(vertex.parallelism());
                        }
                    } catch (IOException | RuntimeException e) {
                        if (commitFailure == null) {
                            commitFailure = new JobExecutionException(
                                    "job '" + graph.jobName() + "': sink '" + stage.name() + "' could not "
                                            + (succeeded ? "commit" : "discard") + " its output: "
                                            + StageException.describe(e),
                                    stage.name(),
                                    e);
                        }
                    }
                }
            }
        }
        if (commitFailure != null && succeeded) {
            throw commitFailure;
        }
    }

    // ---- deployment -----------------------------------------------------------------------------

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deploy(MemoryPlan plan) {
        Map<Integer, List<List<RecordWriter<?>>>> writers = new HashMap<>();
        Map<Integer, List<List<BufferPool>>> taskPools = new HashMap<>();
        Map<Integer, List<List<List<Channel>>>> inputChannels = new HashMap<>();
        for (JobVertex vertex : graph.vertices()) {
            writers.put(vertex.id(), lists(vertex.parallelism()));
            taskPools.put(vertex.id(), lists(vertex.parallelism()));
            List<List<List<Channel>>> perSubtask = new ArrayList<>();
            for (int i = 0; i < vertex.parallelism(); i++) {
                perSubtask.add(lists(vertex.gateCount()));
            }
            inputChannels.put(vertex.id(), perSubtask);
        }
        for (JobEdge edge : graph.edges()) {
            JobVertex producer = graph.vertex(edge.source());
            JobVertex consumer = graph.vertex(edge.target());
            int subpartitions = edge.shipStrategy().isAllToAll() ? consumer.parallelism() : 1;
            for (int p = 0; p < producer.parallelism(); p++) {
                String name = "output of '" + producer.name() + "' (" + (p + 1) + "/" + producer.parallelism()
                        + ") to '" + consumer.name() + "'";
                BufferPool pool =
                        new BufferPool(memoryManager, name, plan.poolCapacity().get(edge.id()), () -> cancelled);
                pools.add(pool);
                taskPools.get(producer.id()).get(p).add(pool);
                List<SubpartitionWriter> targets = new ArrayList<>();
                for (int s = 0; s < subpartitions; s++) {
                    int c = edge.shipStrategy().isAllToAll() ? s : p;
                    Exchange.Connection connection = exchange.connect(edge, p, c, pool, subpartitions + 1);
                    targets.add(connection.producerEnd());
                    channels.add(connection.consumerEnd());
                    if (connection.consumerEnd() instanceof BlockingChannel blocking) {
                        blockingChannels.add(blocking);
                    }
                    inputChannels
                            .get(consumer.id())
                            .get(c)
                            .get(edge.targetInput())
                            .add(connection.consumerEnd());
                }
                TypeComparator<?> key =
                        edge.partitionKey() == null ? null : edge.partitionKey().duplicate();
                writers.get(producer.id())
                        .get(p)
                        .add(new RecordWriter(
                                edge.serializer().duplicate(),
                                edge.shipStrategy(),
                                key,
                                edge.partitioner() == null ? null : copyOf(edge.partitioner(), producer),
                                targets,
                                pool,
                                p));
            }
        }
        for (JobVertex vertex : graph.vertices()) {
            byte[] shipped = serialize(vertex);
            List<List<StageMetrics>> vertexMetrics = new ArrayList<>();
            metrics.put(vertex.id(), vertexMetrics);
            for (int i = 0; i < vertex.parallelism(); i++) {
                JobVertex copy = deserialize(shipped, vertex);
                List<InputGate<?>> gates = new ArrayList<>();
                List<List<Channel>> inputs = inputChannels.get(vertex.id()).get(i);
                for (int input = 0; input < inputs.size(); input++) {
                    TypeSerializer<?> serializer = graph.inputEdges(vertex.id(), input)
                            .get(0)
                            .serializer()
                            .duplicate();
                    gates.add(new InputGate<>(
                            serializer,
                            inputs.get(input),
                            () -> cancelled,
                            "input " + (input + 1) + " of '" + vertex.name() + "' (" + (i + 1) + "/"
                                    + vertex.parallelism() + ")"));
                }
                List<StageMetrics> stageMetrics = new ArrayList<>();
                for (int s = 0; s < vertex.stages().size(); s++) {
                    stageMetrics.add(new StageMetrics());
                }
                vertexMetrics.add(stageMetrics);
                Task task = new Task(
                        copy,
                        i,
                        gates,
                        writers.get(vertex.id()).get(i),
                        taskPools.get(vertex.id()).get(i),
                        stageMetrics,
                        this);
                tasks.add(task);
                Thread thread = new Thread(task, "weir task " + task.describe());
                thread.setDaemon(true);
                thread.setContextClassLoader(userClassLoader);
                threads.add(thread);
            }
        }
    }

    private static <T> List<List<T>> lists(int count) {
        List<List<T>> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(new ArrayList<>());
        }
        return result;
    }

    /** A producer instance's own copy of an edge's partitioner (which may keep state, such as key ranges). */
    private RecordPartitioner<?> copyOf(RecordPartitioner<?> partitioner, JobVertex producer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(partitioner);
            }
            try (ObjectInputStream in =
                    new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()), userClassLoader)) {
                return (RecordPartitioner<?>) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new JobExecutionException(
                    "job '" + graph.jobName() + "' cannot start: the partitioner of the output of '" + producer.name()
                            + "' cannot be copied to its tasks: " + StageException.describe(e)
                            + ". Make the partitioner and what it holds serializable.",
                    producer.head().name(),
                    e);
        }
    }

    private byte[] serialize(JobVertex vertex) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(vertex);
        } catch (NotSerializableException e) {
            throw new JobExecutionException(
                    "job '" + graph.jobName() + "' cannot start: the code of '" + vertex.name()
                            + "' is not serializable: it holds a " + e.getMessage()
                            + ", which cannot be shipped to the tasks. Make the function's fields (and what"
                            + " a lambda captures) serializable, or create them in open().",
                    vertex.head().name(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private JobVertex deserialize(byte[] bytes, JobVertex vertex) {
        try (ObjectInputStream in =
                new ClassLoaderObjectInputStream(new ByteArrayInputStream(bytes), userClassLoader)) {
            return (JobVertex) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new JobExecutionException(
                    "job '" + graph.jobName() + "' cannot start: the code of '" + vertex.name()
                            + "' could not be copied to its tasks: " + StageException.describe(e),
                    vertex.head().name(),
                    e);
        }
    }

    private static final class ClassLoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader classLoader;

        ClassLoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
            super(in);
            this.classLoader = classLoader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }

    // ---- running ----------------------------------------------------------------------------------

    private void watch(long start) {
        Duration interval = configuration.get(RuntimeOptions.PROGRESS_INTERVAL);
        long timeoutNanos =
                configuration.get(RuntimeOptions.NO_PROGRESS_TIMEOUT).toNanos();
        long lastReport = System.nanoTime();
        long lastProgress = -1;
        long lastChange = System.nanoTime();
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join(Math.max(1, Math.min(interval.toMillis(), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    reportFailure(-1, -1, null, new InterruptedException("the job's caller was interrupted"));
                    awaitTasks();
                    return;
                }
                long now = System.nanoTime();
                if (now - lastReport >= interval.toNanos()) {
                    lastReport = now;
                    try {
                        listener.progress(graph.jobName(), Duration.ofNanos(now - start), stats());
                    } catch (RuntimeException e) {
                        // a listener's failure is not the job's
                    }
                }
                long progress = progress();
                if (progress != lastProgress) {
                    lastProgress = progress;
                    lastChange = now;
                } else if (!cancelled && now - lastChange > timeoutNanos) {
                    reportFailure(-1, -1, null, new NoProgressException(noProgressMessage(now - lastChange)));
                }
            }
        }
    }

    private void awaitTasks() {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private long progress() {
        long sum = 0;
        for (List<List<StageMetrics>> vertex : metrics.values()) {
            for (List<StageMetrics> subtask : vertex) {
                for (StageMetrics stage : subtask) {
                    sum += stage.recordsIn().get() + stage.recordsOut().get() + stage.bytesSpilled();
                }
            }
        }
        return sum;
    }

    private String noProgressMessage(long nanos) {
        StringBuilder message = new StringBuilder("no task read or wrote a record for ")
                .append(Duration.ofNanos(nanos).toSeconds())
                .append(" s (")
                .append(RuntimeOptions.NO_PROGRESS_TIMEOUT.key())
                .append(" = ")
                .append(configuration.get(RuntimeOptions.NO_PROGRESS_TIMEOUT))
                .append("): the plan may be deadlocked, or a user function may not return. The tasks:\n");
        for (Thread thread : threads) {
            if (!thread.isAlive()) {
                continue;
            }
            message.append('"')
                    .append(thread.getName())
                    .append("\" ")
                    .append(thread.getState())
                    .append('\n');
            for (StackTraceElement element : thread.getStackTrace()) {
                message.append("    at ").append(element).append('\n');
            }
        }
        return message.toString();
    }

    /** A job that stopped making progress. */
    static final class NoProgressException extends RuntimeException {
        NoProgressException(String message) {
            super(message);
        }
    }

    @Override
    public void reportFailure(int vertexId, int subtask, String operator, Throwable cause) {
        if (failure.compareAndSet(null, new Failure(vertexId, subtask, operator, cause))) {
            cancelled = true;
            for (Thread thread : threads) {
                if (thread != Thread.currentThread()) {
                    thread.interrupt();
                }
            }
        }
    }

    private JobExecutionException jobFailed(Failure first) {
        Throwable cause = first.cause();
        while ((cause instanceof StageException || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String where = "";
        if (first.operator() != null) {
            JobVertex vertex = graph.vertex(first.vertexId());
            where = " in operator '" + first.operator() + "' (instance " + (first.subtask() + 1) + " of "
                    + vertex.parallelism() + ")";
        }
        return new JobExecutionException(
                "job '" + graph.jobName() + "' failed" + where + ": " + StageException.describe(cause),
                first.operator(),
                first.cause());
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public MemoryManager memoryManager() {
        return memoryManager;
    }

    @Override
    public IOManager ioManager() {
        return ioManager;
    }

    @Override
    public InputSplit nextSplit(int vertexId, int subtask) {
        // every instance of the embedded engine runs on this machine
        return splits.get(vertexId).next(SplitAssigner.THIS_MACHINE);
    }

    @Override
    public Map<String, Accumulator<?, ? extends Serializable>> accumulators(int vertexId, int subtask) {
        return accumulators.computeIfAbsent(vertexId + "/" + subtask, key -> new ConcurrentHashMap<>());
    }

    @Override
    public JobGraph graph() {
        return graph;
    }

    @Override
    public IterationSync iteration(int iteration) {
        IterationSync sync = iterations.get(iteration);
        if (sync == null) {
            throw new IllegalStateException("the job graph has no iteration " + iteration);
        }
        return sync;
    }

    @Override
    public ClassLoader userClassLoader() {
        return userClassLoader;
    }

    // ---- the end ------------------------------------------------------------------------------------

    private void releaseExchanges() {
        awaitTasks();
        for (Channel channel : channels) {
            channel.release();
        }
        for (BufferPool pool : pools) {
            pool.releaseAll();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Serializable> mergeAccumulators() {
        Map<String, Accumulator> merged = new LinkedHashMap<>();
        for (Map<String, Accumulator<?, ? extends Serializable>> task : accumulators.values()) {
            for (Map.Entry<String, Accumulator<?, ? extends Serializable>> entry : task.entrySet()) {
                Accumulator existing = merged.get(entry.getKey());
                if (existing == null) {
                    merged.put(entry.getKey(), entry.getValue().clone());
                } else if (existing.getClass() != entry.getValue().getClass()) {
                    throw new JobExecutionException(
                            "job '" + graph.jobName() + "': accumulator '" + entry.getKey() + "' was registered as "
                                    + existing.getClass().getName() + " and as "
                                    + entry.getValue().getClass().getName() + "; give them different names",
                            null,
                            null);
                } else {
                    existing.merge(entry.getValue());
                }
            }
        }
        Map<String, Serializable> results = new LinkedHashMap<>();
        merged.forEach((name, accumulator) -> results.put(name, accumulator.getLocalValue()));
        return results;
    }

    private List<OperatorStats> stats() {
        List<OperatorStats> result = new ArrayList<>();
        for (JobVertex vertex : graph.vertices()) {
            List<List<StageMetrics>> subtasks = metrics.get(vertex.id());
            for (int s = 0; s < vertex.stages().size(); s++) {
                long in = 0;
                long out = 0;
                long spilled = 0;
                if (subtasks != null) {
                    for (List<StageMetrics> subtask : subtasks) {
                        StageMetrics stage = subtask.get(s);
                        in += stage.recordsIn().get();
                        spilled += stage.bytesSpilled();
                        out += s + 1 < subtask.size()
                                ? subtask.get(s + 1).recordsIn().get()
                                : stage.recordsOut().get();
                    }
                }
                Stage stage = vertex.stages().get(s);
                result.add(new OperatorStats(
                        stage.name(),
                        stage.operatorId(),
                        stage.driver().describe(),
                        vertex.parallelism(),
                        in,
                        out,
                        spilled));
            }
        }
        return result;
    }

    /** The pages and spill files the job did not release, as an error; empty if there are none. */
    private java.util.Optional<IllegalStateException> leak() {
        if (memoryManager.pagesInUse() == 0 && ioManager.spillFileCount() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new IllegalStateException("job '" + graph.jobName()
                + "' left managed memory or spill files behind (a bug in Weir): pages held by "
                + memoryManager.owners() + ", spill files " + ioManager.filesOnDisk()));
    }
}
