package io.weir.runtime.task;

import io.weir.core.aggregators.Aggregator;
import io.weir.core.functions.CoGroupFunction;
import io.weir.core.functions.Collector;
import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.functions.MapPartitionFunction;
import io.weir.core.functions.RuntimeContext;
import io.weir.core.io.InputFormat;
import io.weir.core.io.InputSplit;
import io.weir.core.serialization.PairComparator;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.runtime.exchange.BufferPool;
import io.weir.runtime.exchange.InputGate;
import io.weir.runtime.exchange.RecordWriter;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.RangePartitioner;
import io.weir.runtime.jobgraph.Stage;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.RecordIterator;
import io.weir.runtime.operators.buffer.SpillableRecordBuffer;
import io.weir.runtime.operators.hash.HybridHashJoin;
import io.weir.runtime.operators.hash.SolutionSet;
import io.weir.runtime.operators.join.BlockNestedLoopCross;
import io.weir.runtime.operators.join.FlatPairFunction;
import io.weir.runtime.operators.join.SortMergeCoGroup;
import io.weir.runtime.operators.join.SortMergeJoin;
import io.weir.runtime.operators.sort.ExternalSorter;
import io.weir.runtime.operators.sort.GroupIterator;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parallel instance of a vertex, run by one thread: it reads its input gates (or its source's
 * splits), pushes the records through the vertex's chain of stages as objects, and writes what the
 * last stage emits to every outgoing edge. On success it finishes its stages in order (a sorting or
 * hashing stage emits then) and marks the end of its outputs; whatever happens, it releases its
 * stages' memory and files and its buffer pools.
 */
public final class Task implements Runnable {

    private final JobVertex vertex;
    private final int subtask;
    private final List<InputGate<?>> inputs;
    private final List<RecordWriter<?>> writers;
    private final List<BufferPool> pools;
    private final List<StageMetrics> metrics;
    private final TaskEnvironment environment;
    private final List<StageRunner<?>> runners = new ArrayList<>();
    private final List<OperatorResources> resources = new ArrayList<>();
    private final List<UserFunction> headFunctions = new ArrayList<>();
    private final BroadcastSets broadcastSets;
    /** The stage a failure is blamed on when it is not a {@link StageException}. */
    private String failedIn;
    /** The current superstep inside an iteration; 0 outside. */
    private int superstep;
    /** Per input gate of a step vertex: the records of an input from outside the loop, read once. */
    private SpillableRecordBuffer<?>[] cachedInputs;
    /** A hash join's table of its static input, kept for all supersteps, and its memory. */
    private HybridHashJoin<?, ?, ?> keptJoin;

    private OperatorResources keptJoinResources;
    /** The static input of the hash join did not fit in memory: it is joined anew each superstep. */
    private boolean keepFailed;
    /** In a vertex of an iteration's step that runs user functions: its aggregators, by name. */
    private Map<String, Aggregator<?>> aggregators;

    /**
     * @param vertex this instance's own copy of the vertex (its user functions are not shared)
     * @param inputs one gate per input of the head stage
     * @param writers one writer per edge leaving the vertex
     * @param pools the writers' buffer pools, destroyed when the task ends
     * @param metrics one per stage, read by the job while the task runs
     */
    public Task(
            JobVertex vertex,
            int subtask,
            List<InputGate<?>> inputs,
            List<RecordWriter<?>> writers,
            List<BufferPool> pools,
            List<StageMetrics> metrics,
            TaskEnvironment environment) {
        this.vertex = Objects.requireNonNull(vertex, "vertex is null");
        this.subtask = subtask;
        this.inputs = List.copyOf(inputs);
        this.writers = List.copyOf(writers);
        this.pools = List.copyOf(pools);
        this.metrics = List.copyOf(metrics);
        this.environment = Objects.requireNonNull(environment, "environment is null");
        this.broadcastSets = new BroadcastSets(vertex.head().name());
    }

    /** "'name' (2/4)": how messages name this instance. */
    public String describe() {
        return "'" + vertex.name() + "' (" + (subtask + 1) + "/" + vertex.parallelism() + ")";
    }

    @Override
    public void run() {
        failedIn = vertex.head().name();
        try {
            if (vertex.head().driver() instanceof DriverSpec.IterationHead head) {
                runIterationHead(head);
            } else if (vertex.iteration() != 0) {
                runStep();
            } else {
                readBroadcastSets(i -> true);
                runStages();
                for (RecordWriter<?> writer : writers) {
                    writer.finish();
                }
            }
        } catch (Throwable failure) {
            String operator = failure instanceof StageException stageFailure ? stageFailure.stageName() : failedIn;
            environment.reportFailure(vertex.id(), subtask, operator, failure);
        } finally {
            release();
        }
    }

    /**
     * Runs the stages once over the inputs: opens them, runs the head, finishes them in order, and
     * leaves {@link #failedIn} at the last stage (to blame for a failure in the writers afterwards).
     */
    private void runStages() throws Exception {
        failedIn = vertex.head().name();
        Collector<Object> tail = new OutputCollector(metrics.get(metrics.size() - 1));
        List<Stage> stages = vertex.stages();
        boolean headIsChained = stages.get(0).driver().chainable();
        Collector<?> next = tail;
        for (int i = stages.size() - 1; i >= (headIsChained ? 0 : 1); i--) {
            StageRunner<?> runner = StageRunners.create(
                    stages.get(i).driver(),
                    stages.get(i).name(),
                    metrics.get(i),
                    context(stages.get(i)),
                    next,
                    resourceFactory(i));
            runners.add(0, runner);
            next = runner;
        }
        for (int i = runners.size() - 1; i >= 0; i--) {
            failedIn = runners.get(i).name;
            runners.get(i).open();
        }
        failedIn = vertex.head().name();
        runHead(next);
        for (StageRunner<?> runner : runners) {
            failedIn = runner.name;
            runner.finish();
        }
        failedIn = vertex.stages().get(stages.size() - 1).name();
    }

    // ---- iterations ---------------------------------------------------------------------------

    /** Whether input gate {@code gate} is fed by vertices of this vertex's iteration (else it comes from outside). */
    private boolean insideLoop(int gate) {
        for (JobEdge edge : environment.graph().inputEdges(vertex.id(), gate)) {
            if (environment.graph().vertex(edge.source()).iteration() == vertex.iteration()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A vertex of an iteration's step: inputs from outside the loop are read whole once, before the
     * first superstep, into spillable buffers (also broadcast sets); then, once per superstep, the
     * broadcast sets from inside the loop are read, the stages run over the superstep's records
     * (opened and finished each time, as Flink does), and every output gets the end-of-superstep
     * event — until the inputs from inside the loop end.
     */
    private void runStep() throws Exception {
        int driverInputs = vertex.head().driver().inputCount();
        cachedInputs = new SpillableRecordBuffer<?>[driverInputs];
        List<InputGate<?>> loopGates = new ArrayList<>();
        for (int i = 0; i < driverInputs; i++) {
            if (insideLoop(i)) {
                loopGates.add(inputs.get(i));
            } else {
                cachedInputs[i] = cache(inputs.get(i), "cached input " + (i + 1));
            }
        }
        readBroadcastSets(i -> !insideLoop(driverInputs + i));
        for (int i = 0; i < vertex.head().broadcastSets().size(); i++) {
            if (insideLoop(driverInputs + i)) {
                loopGates.add(inputs.get(driverInputs + i));
            }
        }
        if (loopGates.isEmpty()) {
            throw new IllegalStateException(describe() + " runs in an iteration but reads nothing from its step");
        }
        IterationSync sync = environment.iteration(vertex.iteration());
        DriverSpec driver = vertex.head().driver();
        boolean endsTheStep = driver instanceof DriverSpec.IterationTail
                || driver instanceof DriverSpec.TerminationCriterion
                || driver instanceof DriverSpec.SolutionSetDelta;
        if (!endsTheStep) {
            aggregators = sync.newAggregators();
        }
        while (awaitSuperstep(loopGates)) {
            superstep++;
            int resourcesBefore = resources.size();
            if (aggregators != null) {
                aggregators.values().forEach(Aggregator::reset);
            }
            readBroadcastSets(i -> insideLoop(driverInputs + i));
            runStages();
            if (aggregators != null) {
                // before the end of the superstep reaches the tails, whose arrival completes it
                sync.addAggregates(superstep, aggregators);
            }
            for (StageRunner<?> runner : runners) {
                runner.dispose();
            }
            runners.clear();
            headFunctions.clear();
            List<OperatorResources> used = resources.subList(resourcesBefore, resources.size());
            for (OperatorResources operatorResources : used) {
                operatorResources.close();
            }
            used.clear();
            for (RecordWriter<?> writer : writers) {
                writer.endSuperstep();
            }
            for (InputGate<?> gate : loopGates) {
                gate.startNextSuperstep();
            }
        }
        for (RecordWriter<?> writer : writers) {
            writer.finish();
        }
    }

    /**
     * Waits until the next superstep has started on any of the step's inputs from inside the loop
     * (true), or the iteration has ended on all of them (false). Not input after input: an input may
     * start only once the drivers have read another (a blocking exchange fed by the same producer as
     * a pipelined one), so waiting on it first would never end.
     */
    private boolean awaitSuperstep(List<InputGate<?>> loopGates) throws IOException {
        if (loopGates.size() == 1) {
            return loopGates.get(0).awaitSuperstep();
        }
        while (true) {
            boolean ended = true;
            for (InputGate<?> gate : loopGates) {
                Boolean started = gate.pollSuperstep();
                if (started == Boolean.TRUE) {
                    return true;
                }
                ended &= started != null;
            }
            if (ended) {
                return false;
            }
            checkCancelled();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(describe() + ": interrupted while waiting for a superstep");
            }
        }
    }

    /** Reads {@code gate} whole into a spillable buffer of this task. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private SpillableRecordBuffer<?> cache(InputGate gate, String what) throws IOException {
        SpillableRecordBuffer records = buffer(gate.serializer(), what, environment.broadcastPages());
        for (Object record; (record = gate.next()) != null; ) {
            records.add(record);
        }
        records.finishWriting();
        return records;
    }

    /**
     * A spillable buffer with {@code pages} of managed memory of its own, released with the task;
     * its spilling is reported as the head stage's.
     */
    private <T> SpillableRecordBuffer<T> buffer(TypeSerializer<T> serializer, String what, int pages) {
        return new SpillableRecordBuffer<>(serializer, taskResources(what, pages));
    }

    /** Managed memory of the task's own, released with the task; its spilling is reported as the head stage's. */
    private OperatorResources taskResources(String what, int pages) {
        OperatorResources owned = newResources(what, vertex.head(), pages);
        resources.add(owned);
        metrics.get(0).attach(owned.metrics());
        return owned;
    }

    /**
     * The head of an iteration (see {@link DriverSpec.IterationHead}): edges into vertices of the
     * iteration carry the partial solution (or workset) each superstep, the others the final result
     * (the last partial solution, or the solution set).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runIterationHead(DriverSpec.IterationHead head) throws Exception {
        IterationSync sync = environment.iteration(head.iteration());
        List<RecordWriter<Object>> step = new ArrayList<>();
        List<RecordWriter<Object>> result = new ArrayList<>();
        int w = 0;
        for (JobEdge edge : environment.graph().edges()) {
            if (edge.source() == vertex.id()) {
                boolean inStep = environment.graph().vertex(edge.target()).iteration() == head.iteration();
                (inStep ? step : result).add((RecordWriter<Object>) writers.get(w++));
            }
        }
        int pages = Math.max(head.minPages(), environment.pagesFor(vertex.id(), 0));
        SolutionSet solutionSet = null;
        int feedbackPages = pages / 2;
        if (head.isDelta()) {
            // a quarter to build the solution set (then unused), an eighth for each workset buffer
            int working = Math.max(SolutionSet.MIN_WORKING_PAGES, pages / 4);
            feedbackPages = Math.max(SpillableRecordBuffer.MIN_PAGES, pages / 8);
            solutionSet = new SolutionSet(
                    head.solutionSet().serializer(),
                    head.solutionSet().key(),
                    taskResources(
                            "solution set", Math.max(SolutionSet.MIN_PAGES, pages - working - 2 * feedbackPages)));
            solutionSet.update(counted(inputs.get(0), metrics.get(0)), taskResources("initial solution set", working));
            sync.registerSolutionSet(subtask, solutionSet);
        }
        String what = head.isDelta() ? "workset " : "partial solution ";
        SpillableRecordBuffer[] buffers = {
            buffer(head.serializer(), what + 1, feedbackPages), buffer(head.serializer(), what + 2, feedbackPages)
        };
        sync.registerFeedback(subtask, buffers[0], buffers[1]);
        RecordIterator<?> initial = counted(inputs.get(head.inputCount() - 1), metrics.get(0));
        for (Object record; (record = initial.next()) != null; ) {
            buffers[0].add(record);
        }
        buffers[0].finishWriting();
        Counter out = metrics.get(0).recordsOut();
        for (superstep = 1; ; superstep++) {
            SpillableRecordBuffer partial = buffers[(superstep - 1) % 2];
            RecordIterator<?> records = partial.read();
            for (Object record; (record = records.next()) != null; ) {
                for (RecordWriter<Object> writer : step) {
                    writer.emit(record);
                }
            }
            for (RecordWriter<Object> writer : step) {
                writer.endSuperstep();
            }
            boolean ended = sync.awaitEndOf(superstep);
            partial.reset();
            if (ended) {
                RecordIterator<?> last = head.isDelta() ? solutionSet.readAll() : buffers[superstep % 2].read();
                for (Object record; (record = last.next()) != null; ) {
                    out.increment();
                    for (RecordWriter<Object> writer : result) {
                        writer.emit(record);
                    }
                }
                break;
            }
        }
        for (RecordWriter<?> writer : writers) {
            writer.finish();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runHead(Collector<?> next) throws Exception {
        Stage head = vertex.head();
        Collector out = next;
        DriverSpec driver = head.driver();
        if (driver instanceof DriverSpec.Source source) {
            readSource((InputFormat) source.format(), out);
        } else if (driver instanceof DriverSpec.MapPartition mapPartition) {
            MapPartitionFunction function = mapPartition.function();
            openHeadFunction(function, head);
            function.mapPartition(iterable(counted(input(0), metrics.get(0))), out);
        } else if (driver instanceof DriverSpec.AllGroupReduce reduce) {
            GroupReduceFunction function = reduce.function();
            openHeadFunction(function, head);
            function.reduce(iterable(counted(input(0), metrics.get(0))), out);
        } else if (driver instanceof DriverSpec.HashJoin join) {
            runJoin(join, head, out);
        } else if (driver instanceof DriverSpec.SortMergeJoin join) {
            openHeadFunction(join.function(), head);
            new SortMergeJoin(
                            join.leftSerializer(),
                            join.rightSerializer(),
                            new PairComparator(join.leftKey(), join.rightKey()),
                            join.type(),
                            headResources("sort-merge join"))
                    .sortAndRun(
                            counted(input(0), metrics.get(0)), counted(input(1), metrics.get(0)), join.function(), out);
        } else if (driver instanceof DriverSpec.CoGroup coGroup) {
            openHeadFunction(coGroup.function(), head);
            new SortMergeCoGroup(new PairComparator(coGroup.leftKey(), coGroup.rightKey()), headResources("coGroup"))
                    .sortAndRun(
                            coGroup.leftSerializer(),
                            coGroup.leftSortKey(),
                            counted(input(0), metrics.get(0)),
                            coGroup.rightSerializer(),
                            coGroup.rightSortKey(),
                            counted(input(1), metrics.get(0)),
                            coGroup.function(),
                            out);
        } else if (driver instanceof DriverSpec.Cross cross) {
            openHeadFunction(cross.function(), head);
            boolean blockLeft = cross.blockInput() == 0;
            new BlockNestedLoopCross(
                            blockLeft ? cross.leftSerializer() : cross.rightSerializer(),
                            blockLeft ? cross.rightSerializer() : cross.leftSerializer(),
                            headResources("cross"))
                    .run(
                            counted(input(blockLeft ? 0 : 1), metrics.get(0)),
                            counted(input(blockLeft ? 1 : 0), metrics.get(0)),
                            blockLeft
                                    ? BlockNestedLoopCross.blockFirst(cross.function())
                                    : BlockNestedLoopCross.blockSecond(cross.function()),
                            out);
        } else if (driver instanceof DriverSpec.IterationTail tail) {
            IterationSync sync = environment.iteration(tail.iteration());
            SpillableRecordBuffer feedback = sync.feedback(subtask, superstep);
            RecordIterator<?> records = counted(input(0), metrics.get(0));
            for (Object record; (record = records.next()) != null; ) {
                feedback.add(record);
            }
            feedback.finishWriting();
            sync.tailDone(superstep, feedback.size());
        } else if (driver instanceof DriverSpec.SolutionSetDelta delta) {
            updateSolutionSet(delta);
        } else if (driver instanceof DriverSpec.SolutionSetJoin join) {
            runSolutionSetJoin(join, head, out);
        } else if (driver instanceof DriverSpec.SolutionSetCoGroup coGroup) {
            runSolutionSetCoGroup(coGroup, head, out);
        } else if (driver instanceof DriverSpec.TerminationCriterion criterion) {
            RecordIterator<?> records = counted(input(0), metrics.get(0));
            long count = 0;
            while (records.next() != null) {
                count++;
            }
            environment.iteration(criterion.iteration()).criterionDone(superstep, count);
        } else if (driver instanceof DriverSpec.RangeRoute) {
            List<Object> boundaries = new ArrayList<>();
            RecordIterator<?> boundaryInput = input(1);
            for (Object boundary; (boundary = boundaryInput.next()) != null; ) {
                boundaries.add(boundary);
            }
            for (RecordWriter<?> writer : writers) {
                if (writer.partitioner() instanceof RangePartitioner<?> range) {
                    range.setBoundaries(boundaries);
                }
            }
            RecordIterator<?> records = counted(input(0), metrics.get(0));
            for (Object record; (record = records.next()) != null; ) {
                out.collect(record);
            }
        } else {
            Collector<Object> first = (Collector<Object>) next;
            RecordIterator<?> gate = input(0);
            for (Object record; (record = gate.next()) != null; ) {
                first.collect(record);
            }
        }
        closeHeadFunctions();
    }

    private <T> void readSource(InputFormat<T, InputSplit> format, Collector<T> out) throws IOException {
        // a source alone in its task has its records counted as they leave it (OutputCollector)
        Counter produced = metrics.size() > 1 ? metrics.get(0).recordsOut() : new Counter();
        format.setRuntimeContext(context(vertex.head()));
        InputSplit split;
        long read = 0;
        while ((split = environment.nextSplit(vertex.id(), subtask)) != null) {
            format.open(split);
            try {
                while (!format.reachedEnd()) {
                    T record = format.nextRecord();
                    if (record == null) {
                        continue;
                    }
                    produced.increment();
                    if ((++read & 0x3FF) == 0) {
                        checkCancelled();
                    }
                    out.collect(record);
                }
            } finally {
                format.close();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runJoin(DriverSpec.HashJoin join, Stage head, Collector out) throws Exception {
        FlatJoinFunction function = join.function();
        openHeadFunction(function, head);
        if (joinWithKeptTable(join, out)) {
            return;
        }
        OperatorResources operatorResources = headResources("hash join");
        boolean buildLeft = join.buildInput() == 0;
        RecordIterator left = counted(input(0), metrics.get(0));
        RecordIterator right = counted(input(1), metrics.get(0));
        HybridHashJoin hashJoin = new HybridHashJoin(
                buildLeft ? join.leftSerializer() : join.rightSerializer(),
                buildLeft ? join.rightSerializer() : join.leftSerializer(),
                (TypeComparator) (buildLeft ? join.leftKey() : join.rightKey()),
                (TypeComparator) (buildLeft ? join.rightKey() : join.leftKey()),
                buildLeft ? join.type().keepsLeft() : join.type().keepsRight(),
                buildLeft ? join.type().keepsRight() : join.type().keepsLeft(),
                operatorResources);
        FlatPairFunction pairs =
                buildLeft ? FlatPairFunction.leftFirst(function) : FlatPairFunction.leftSecond(function);
        hashJoin.run(buildLeft ? left : right, buildLeft ? right : left, pairs, out);
    }

    /**
     * Buffers this instance's part of the superstep's solution-set delta, and once every task of the
     * step is done with the superstep, merges it into the instance's solution set.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void updateSolutionSet(DriverSpec.SolutionSetDelta delta) throws IOException {
        IterationSync sync = environment.iteration(delta.iteration());
        SolutionSet solutionSet = sync.solutionSet(subtask);
        OperatorResources own = headResources("solution set update");
        int working = Math.max(SolutionSet.MIN_WORKING_PAGES, own.pages() / 2);
        SpillableRecordBuffer buffered = new SpillableRecordBuffer(
                inputs.get(0).serializer(),
                own.split("delta", Math.max(SpillableRecordBuffer.MIN_PAGES, own.pages() - working)));
        RecordIterator<?> records = counted(input(0), metrics.get(0));
        for (Object record; (record = records.next()) != null; ) {
            buffered.add(record);
        }
        buffered.finishWriting();
        sync.awaitUpdate(superstep);
        solutionSet.update(buffered.read(), own.split("merge", working));
        buffered.close();
        sync.deltaApplied(superstep);
    }

    /**
     * Looks up each record's key in this instance's solution set; records whose key is in a spilled
     * partition are buffered and joined at the end with the spilled records by a hybrid hash join.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runSolutionSetJoin(DriverSpec.SolutionSetJoin join, Stage head, Collector out) throws Exception {
        openHeadFunction(join.function(), head);
        SolutionSet solutionSet = environment.iteration(join.iteration()).solutionSet(subtask);
        SolutionSet.Probe probe = solutionSet.probe(join.key());
        FlatPairFunction pairs = join.solutionInput() == 0
                ? FlatPairFunction.leftFirst(join.function())
                : FlatPairFunction.leftSecond(join.function());
        OperatorResources own = headResources("join with the solution set");
        int deferredPages = Math.max(
                SpillableRecordBuffer.MIN_PAGES,
                Math.min((own.pages() - 1) / 2, own.pages() - 1 - HybridHashJoin.MIN_PAGES));
        SpillableRecordBuffer deferred = null;
        RecordIterator<?> records = counted(input(0), metrics.get(0));
        for (Object record; (record = records.next()) != null; ) {
            if (probe.onDisk(record)) {
                if (deferred == null) {
                    deferred = new SpillableRecordBuffer(
                            join.serializer(), own.split("records of spilled keys", deferredPages));
                }
                deferred.add(record);
            } else {
                Object match = probe.get(record);
                if (match != null || join.keepUnmatched()) {
                    pairs.join(match, record, out);
                }
            }
        }
        if (deferred != null) {
            deferred.finishWriting();
            try (SolutionSet.SpilledReader spilled = solutionSet.readSpilled(
                    own.split("reading spilled keys", 1).budget(1).take(1))) {
                new HybridHashJoin(
                                solutionSet.serializer(),
                                join.serializer(),
                                solutionSet.comparator(),
                                join.key(),
                                false,
                                join.keepUnmatched(),
                                own.split("join with spilled keys", own.pages() - 1 - deferredPages))
                        .run(spilled, deferred.read(), pairs, out);
            }
        }
    }

    /**
     * Sorts the input into groups and coGroups each with its key's record of this instance's solution
     * set; groups whose key is in a spilled partition are buffered and coGrouped at the end with the
     * spilled records by a sort-merge coGroup that visits only the input's keys.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runSolutionSetCoGroup(DriverSpec.SolutionSetCoGroup coGroup, Stage head, Collector out)
            throws Exception {
        CoGroupFunction function = coGroup.function();
        openHeadFunction(function, head);
        SolutionSet solutionSet = environment.iteration(coGroup.iteration()).solutionSet(subtask);
        SolutionSet.Probe probe = solutionSet.probe(coGroup.key());
        boolean solutionFirst = coGroup.solutionInput() == 0;
        OperatorResources own = headResources("coGroup with the solution set");
        int half = Math.max(2 * ExternalSorter.MIN_PAGES, own.pages() / 2);
        SpillableRecordBuffer deferred = null;
        try (ExternalSorter sorter =
                new ExternalSorter(coGroup.serializer(), coGroup.sortKey(), own.split("sorter", half))) {
            RecordIterator<?> records = counted(input(0), metrics.get(0));
            for (Object record; (record = records.next()) != null; ) {
                sorter.add(record);
            }
            GroupIterator groups = new GroupIterator(sorter.finish(), coGroup.key());
            while (groups.nextGroup()) {
                Object first = groups.first();
                if (probe.onDisk(first)) {
                    if (deferred == null) {
                        deferred = new SpillableRecordBuffer(
                                coGroup.serializer(),
                                own.split(
                                        "groups of spilled keys",
                                        Math.max(SpillableRecordBuffer.MIN_PAGES, own.pages() / 4)));
                    }
                    for (Object record : (Iterable<Object>) groups) {
                        deferred.add(record);
                    }
                    continue;
                }
                Object match = probe.get(first);
                List<Object> solution = match == null ? List.of() : List.of(match);
                if (solutionFirst) {
                    function.coGroup(solution, groups, out);
                } else {
                    function.coGroup(groups, solution, out);
                }
                groups.skipRest();
            }
        }
        if (deferred != null) {
            deferred.finishWriting();
            OperatorResources merge = own.split("coGroup of spilled keys", half);
            try (SolutionSet.SpilledReader spilled = solutionSet.readSpilled(
                    own.split("reading spilled keys", 1).budget(1).take(1))) {
                if (solutionFirst) {
                    new SortMergeCoGroup(new PairComparator(solutionSet.comparator(), coGroup.key()), merge)
                            .onlyKeysOf(1)
                            .sortAndRun(
                                    solutionSet.serializer(),
                                    solutionSet.comparator(),
                                    spilled,
                                    coGroup.serializer(),
                                    coGroup.sortKey(),
                                    deferred.read(),
                                    function,
                                    out);
                } else {
                    new SortMergeCoGroup(new PairComparator(coGroup.key(), solutionSet.comparator()), merge)
                            .onlyKeysOf(0)
                            .sortAndRun(
                                    coGroup.serializer(),
                                    coGroup.sortKey(),
                                    deferred.read(),
                                    solutionSet.serializer(),
                                    solutionSet.comparator(),
                                    spilled,
                                    function,
                                    out);
                }
            }
        }
    }

    /**
     * In an iteration's step, a hash join of an input from inside the loop with one from outside (the
     * static input, cached) builds its table on the static input once, if it fits in the join's
     * memory, and probes it with the other input every superstep — whatever side the plan named as
     * the build side, unless the join keeps the static side's unmatched records. False when the
     * table cannot be kept: the join then runs as planned.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean joinWithKeptTable(DriverSpec.HashJoin join, Collector out) throws Exception {
        if (cachedInputs == null || keepFailed) {
            return false;
        }
        int staticInput = cachedInputs[0] != null && cachedInputs[1] == null
                ? 0
                : cachedInputs[1] != null && cachedInputs[0] == null ? 1 : -1;
        if (staticInput < 0
                || (staticInput == 0 ? join.type().keepsLeft() : join.type().keepsRight())) {
            keepFailed = true;
            return false;
        }
        boolean staticLeft = staticInput == 0;
        if (keptJoin == null) {
            if (cachedInputs[staticInput].isSpilled()) {
                keepFailed = true;
                return false;
            }
            keptJoinResources = newResources(
                    "hash table of the static input",
                    vertex.head(),
                    Math.max(HybridHashJoin.MIN_PAGES, environment.pagesFor(vertex.id(), 0)));
            metrics.get(0).attach(keptJoinResources.metrics());
            HybridHashJoin candidate = new HybridHashJoin(
                    staticLeft ? join.leftSerializer() : join.rightSerializer(),
                    staticLeft ? join.rightSerializer() : join.leftSerializer(),
                    (TypeComparator) (staticLeft ? join.leftKey() : join.rightKey()),
                    (TypeComparator) (staticLeft ? join.rightKey() : join.leftKey()),
                    false,
                    staticLeft ? join.type().keepsRight() : join.type().keepsLeft(),
                    keptJoinResources);
            if (!candidate.keep(cachedInputs[staticInput].read())) {
                keepFailed = true;
                return false;
            }
            keptJoin = candidate;
            cachedInputs[staticInput].close(); // the table holds the records now
        }
        FlatPairFunction pairs =
                staticLeft ? FlatPairFunction.leftFirst(join.function()) : FlatPairFunction.leftSecond(join.function());
        ((HybridHashJoin) keptJoin).probeKept(counted(input(1 - staticInput), metrics.get(0)), pairs, out);
        return true;
    }

    /** The managed memory of the head stage's operator, its metrics reported as the stage's. */
    private OperatorResources headResources(String purpose) {
        OperatorResources operatorResources = resourceFactory(0).create(purpose);
        metrics.get(0).attach(operatorResources.metrics());
        return operatorResources;
    }

    private void openHeadFunction(Object function, Stage head) throws Exception {
        UserFunction user = new UserFunction(function);
        headFunctions.add(user);
        user.open(context(head));
    }

    private void closeHeadFunctions() throws Exception {
        for (UserFunction function : headFunctions) {
            function.close();
        }
    }

    private void checkCancelled() throws InterruptedIOException {
        if (environment.isCancelled() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException(describe() + " was cancelled");
        }
    }

    private RuntimeContext context(Stage stage) {
        return new StageContext(
                stage.name(),
                vertex.parallelism(),
                subtask,
                environment.userClassLoader(),
                environment.accumulators(vertex.id(), subtask),
                stage == vertex.head() ? broadcastSets : new BroadcastSets(stage.name()),
                () -> superstep,
                vertex.iteration() == 0 ? null : new StepAggregation(),
                environment.distributedCache(),
                environment.graph().jobParameters());
    }

    /**
     * Reads the head stage's broadcast sets whole, each into a spillable buffer, from the gates after
     * the driver's inputs: before the stage opens, since its function may read them in open().
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void readBroadcastSets(java.util.function.IntPredicate which) throws IOException {
        Stage head = vertex.head();
        int first = head.driver().inputCount();
        for (int i = 0; i < head.broadcastSets().size(); i++) {
            if (!which.test(i)) {
                continue;
            }
            String name = head.broadcastSets().get(i);
            broadcastSets.add(name, cache(inputs.get(first + i), "broadcast set '" + name + "'"));
        }
    }

    private StageRunners.ResourceFactory resourceFactory(int stageIndex) {
        Stage stage = vertex.stages().get(stageIndex);
        return purpose -> {
            OperatorResources created =
                    newResources(purpose, stage, Math.max(1, environment.pagesFor(vertex.id(), stageIndex)));
            resources.add(created);
            return created;
        };
    }

    /** Memory and files for {@code what} of {@code stage} in this instance, named so in messages. */
    private OperatorResources newResources(String what, Stage stage, int pages) {
        return new OperatorResources(
                environment.memoryManager(),
                environment.ioManager(),
                what + " of '" + stage.name() + "' (" + (subtask + 1) + "/" + vertex.parallelism() + ")",
                pages);
    }

    /** Input {@code k} of the head driver: its gate, or in an iteration's step the records cached from outside the loop. */
    private RecordIterator<?> input(int k) throws IOException {
        if (cachedInputs != null && cachedInputs[k] != null) {
            return cachedInputs[k].read();
        }
        return inputs.get(k);
    }

    private static <T> RecordIterator<T> counted(RecordIterator<T> gate, StageMetrics stageMetrics) {
        Counter in = stageMetrics.recordsIn();
        return () -> {
            T record = gate.next();
            if (record != null) {
                in.increment();
            }
            return record;
        };
    }

    /** The input as a single-pass iterable for functions that take an {@code Iterable}. */
    private static <T> Iterable<T> iterable(RecordIterator<T> input) {
        return input::asIterator;
    }

    private void release() {
        for (UserFunction function : headFunctions) {
            function.closeQuietly();
        }
        if (keptJoinResources != null) {
            keptJoinResources.cancel();
            keptJoinResources.close();
        }
        for (StageRunner<?> runner : runners) {
            runner.dispose();
        }
        for (OperatorResources operatorResources : resources) {
            operatorResources.cancel();
            operatorResources.close();
        }
        for (InputGate<?> gate : inputs) {
            gate.close();
        }
        for (BufferPool pool : pools) {
            pool.destroy();
        }
    }

    /** The aggregators of a task of an iteration's step, for its functions. */
    private final class StepAggregation implements StageContext.IterationAggregation {
        @Override
        public Aggregator<?> aggregator(String name) {
            // (a vertex that ends the step has no aggregators, but runs no user function either)
            Aggregator<?> aggregator = aggregators == null ? null : aggregators.get(name);
            if (aggregator == null) {
                throw environment.iteration(vertex.iteration()).noSuchAggregator(name);
            }
            return aggregator;
        }

        @Override
        public java.io.Serializable previousAggregate(String name) {
            return environment.iteration(vertex.iteration()).previousAggregate(name);
        }
    }

    /** The end of the chain: sends every record to every outgoing edge. */
    private final class OutputCollector implements Collector<Object> {
        private final Counter out;
        private final RecordWriter<Object>[] targets;

        @SuppressWarnings("unchecked")
        OutputCollector(StageMetrics lastStage) {
            this.out = lastStage.recordsOut();
            this.targets = writers.toArray(new RecordWriter[0]);
        }

        @Override
        public void collect(Object record) {
            out.increment();
            try {
                for (RecordWriter<Object> writer : targets) {
                    writer.emit(record);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
