package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.functions.FlatJoinFunction;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeHint;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Delta iterations run in the engine, checked against the same computations in plain Java. */
class DeltaIterationTest {

    static final TypeHint<Tuple2<Long, Long>> PAIR = new TypeHint<>() {};

    /** Random undirected edges (listed both ways) between {@code vertices} vertices, vertex ids spread out. */
    static List<Tuple2<Long, Long>> undirectedEdges(long seed, int vertices, int edges) {
        Random random = new Random(seed);
        List<Tuple2<Long, Long>> result = new ArrayList<>();
        for (int i = 0; i < edges; i++) {
            long a = id(random.nextInt(vertices));
            long b = id(random.nextInt(vertices));
            result.add(Tuple2.of(a, b));
            result.add(Tuple2.of(b, a));
        }
        return result;
    }

    /** Vertex ids that are neither dense nor small. */
    static long id(long index) {
        return index * 1_000_003L + (1L << 40);
    }

    /** The smallest vertex id of each vertex's component, by union-find. */
    static Map<Long, Long> components(int vertices, List<Tuple2<Long, Long>> edges) {
        Map<Long, Long> parent = new HashMap<>();
        for (long v = 0; v < vertices; v++) {
            parent.put(id(v), id(v));
        }
        for (Tuple2<Long, Long> edge : edges) {
            long a = root(parent, edge.f0);
            long b = root(parent, edge.f1);
            parent.put(Math.max(a, b), Math.min(a, b));
        }
        Map<Long, Long> result = new HashMap<>();
        for (long v : parent.keySet()) {
            result.put(v, root(parent, v));
        }
        return result;
    }

    private static long root(Map<Long, Long> parent, long v) {
        while (parent.get(v) != v) {
            v = parent.get(v);
        }
        return v;
    }

    /** Vertices with their own ids as labels. */
    static DataSet<Tuple2<Long, Long>> vertices(ExecutionEnvironment env, int vertexCount) {
        return env.fromCollection(
                LongStream.range(0, vertexCount)
                        .mapToObj(v -> Tuple2.of(id(v), id(v)))
                        .toList(),
                Types.of(PAIR));
    }

    /** Keeps a candidate label that is smaller than the vertex's current one. */
    static final class SmallerLabel
            extends io.weir.core.functions.RichFlatJoinFunction<
                    Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void join(
                Tuple2<Long, Long> candidate,
                Tuple2<Long, Long> current,
                io.weir.core.functions.Collector<Tuple2<Long, Long>> out) {
            if (candidate.f1 < current.f1) {
                out.collect(candidate);
            }
        }
    }

    /**
     * A superstep of connected components: the {@code workset}'s labels sent along {@code edges}
     * ("send labels"), the smallest per vertex, and a lookup in the solution set keeping those that
     * are smaller ("changes", with {@code keepSmaller}).
     */
    static DataSet<Tuple2<Long, Long>> labelChanges(
            DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration,
            DataSet<Tuple2<Long, Long>> workset,
            DataSet<Tuple2<Long, Long>> edges,
            FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> keepSmaller) {
        return workset.join(edges)
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1))
                .returns(PAIR)
                .name("send labels")
                .groupBy(0)
                .reduce((a, b) -> a.f1 <= b.f1 ? a : b)
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with(keepSmaller)
                .returns(PAIR)
                .name("changes");
    }

    /** Flink's connected components: labels travel along edges; a vertex takes a smaller one it hears of. */
    static DataSet<Tuple2<Long, Long>> connectedComponents(
            ExecutionEnvironment env, int vertexCount, List<Tuple2<Long, Long>> edges, int maxIterations) {
        DataSet<Tuple2<Long, Long>> vertices = vertices(env, vertexCount);
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration =
                vertices.iterateDelta(vertices, maxIterations, 0).name("connected components");
        DataSet<Tuple2<Long, Long>> changes = labelChanges(
                iteration, iteration.getWorkset(), env.fromCollection(edges, Types.of(PAIR)), new SmallerLabel());
        return iteration.closeWith(changes, changes);
    }

    static Map<Long, Long> asMap(List<Tuple2<Long, Long>> pairs) {
        Map<Long, Long> map = new HashMap<>();
        for (Tuple2<Long, Long> pair : pairs) {
            assertThat(map.put(pair.f0, pair.f1)).as("one record per key").isNull();
        }
        return map;
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 6m", "4, 12m"})
    void connectedComponentsMatchUnionFind(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        int vertexCount = 60_000;
        List<Tuple2<Long, Long>> edges = undirectedEdges(11, vertexCount, 45_000);

        List<Tuple2<Long, Long>> result =
                connectedComponents(env, vertexCount, edges, 1_000).collect();

        assertThat(asMap(result)).isEqualTo(components(vertexCount, edges));
        if (!memory.equals("64m")) {
            JobExecutionResult job = env.getLastJobExecutionResult();
            assertThat(job.getOperatorMetrics("connected components").bytesSpilled())
                    .as("the solution set does not fit and spills")
                    .isPositive();
            assertThat(job.getOperatorMetrics("changes").bytesSpilled())
                    .as("lookups of spilled keys are joined with the spilled records")
                    .isPositive();
        }
    }

    /** The smallest candidate of a vertex's group, if smaller than its current label. */
    static void smallerLabel(
            Iterable<Tuple2<Long, Long>> candidates,
            Iterable<Tuple2<Long, Long>> current,
            io.weir.core.functions.Collector<Tuple2<Long, Long>> out) {
        Tuple2<Long, Long> vertex = current.iterator().next();
        long smallest = Long.MAX_VALUE;
        for (Tuple2<Long, Long> candidate : candidates) {
            smallest = Math.min(smallest, candidate.f1);
        }
        if (smallest < vertex.f1) {
            out.collect(Tuple2.of(vertex.f0, smallest));
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}, solution set first {2}")
    @CsvSource({"1, 64m, true", "4, 64m, false", "1, 6m, false", "4, 12m, true"})
    void connectedComponentsWithACoGroupOnTheSolutionSetMatchUnionFind(
            int parallelism, String memory, boolean solutionSetFirst) {
        ExecutionEnvironment env = environment(parallelism, memory);
        int vertexCount = 40_000;
        List<Tuple2<Long, Long>> edges = undirectedEdges(23, vertexCount, 30_000);
        DataSet<Tuple2<Long, Long>> vertices = vertices(env, vertexCount);
        DataSet<Tuple2<Long, Long>> edgeSet = env.fromCollection(edges, Types.of(PAIR));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = vertices.iterateDelta(vertices, 1_000, 0);
        DataSet<Tuple2<Long, Long>> messages = iteration
                .getWorkset()
                .join(edgeSet)
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1))
                .returns(PAIR);
        DataSet<Tuple2<Long, Long>> changes = solutionSetFirst
                ? iteration
                        .getSolutionSet()
                        .coGroup(messages)
                        .where(0)
                        .equalTo(0)
                        .with((io.weir.core.functions.CoGroupFunction<
                                        Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>)
                                (current, candidates, out) -> smallerLabel(candidates, current, out))
                        .returns(PAIR)
                        .name("changes")
                : messages.coGroup(iteration.getSolutionSet())
                        .where(0)
                        .equalTo(0)
                        .with((io.weir.core.functions.CoGroupFunction<
                                        Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>)
                                DeltaIterationTest::smallerLabel)
                        .returns(PAIR)
                        .name("changes");

        List<Tuple2<Long, Long>> result = iteration.closeWith(changes, changes).collect();

        assertThat(asMap(result)).isEqualTo(components(vertexCount, edges));
        if (!memory.equals("64m")) {
            assertThat(env.getLastJobExecutionResult()
                            .getOperatorMetrics("changes")
                            .bytesSpilled())
                    .as("groups of spilled keys are coGrouped with the spilled records")
                    .isPositive();
        }
    }

    @Test
    void theStaticPathRunsOnceAndIsCachedForAllSupersteps() {
        ExecutionEnvironment env = environment(4, "64m");
        int vertexCount = 2_000;
        List<Tuple2<Long, Long>> edges = undirectedEdges(3, vertexCount, 1_500);
        DataSet<Tuple2<Long, Long>> vertices = vertices(env, vertexCount);
        DataSet<Tuple2<Long, Long>> prepared = env.fromCollection(edges, Types.of(PAIR))
                .map(e -> Tuple2.of(e.f0, e.f1))
                .returns(PAIR)
                .name("prepare edges");
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = vertices.iterateDelta(vertices, 100, 0);
        DataSet<Tuple2<Long, Long>> changes =
                labelChanges(iteration, iteration.getWorkset(), prepared, new SmallerLabel());

        List<Tuple2<Long, Long>> result = iteration.closeWith(changes, changes).collect();

        assertThat(asMap(result)).isEqualTo(components(vertexCount, edges));
        JobExecutionResult job = env.getLastJobExecutionResult();
        assertThat(job.getOperatorMetrics("changes").recordsIn())
                .as("several supersteps ran")
                .isGreaterThan(2L * vertexCount);
        assertThat(job.getOperatorMetrics("prepare edges").recordsIn())
                .as("the static path ran once")
                .isEqualTo(edges.size());
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 6m"})
    void aJoinWithStaticDataKeepsItsTableForAllSuperstepsWhenItFits(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        int vertexCount = 20_000;
        List<Tuple2<Long, Long>> edges = undirectedEdges(29, vertexCount, 30_000);

        List<Tuple2<Long, Long>> result =
                connectedComponents(env, vertexCount, edges, 1_000).collect();

        assertThat(asMap(result)).isEqualTo(components(vertexCount, edges));
        JobExecutionResult job = env.getLastJobExecutionResult();
        long joinInput = job.getOperatorMetrics("send labels").recordsIn();
        // the worksets of all supersteps: the initial one and each next one (the last is empty)
        long worksets = vertexCount
                + job.getOperatorMetrics("connected components (next workset)").recordsIn();
        if (memory.equals("64m")) {
            assertThat(joinInput)
                    .as("the table is built once from the edges (not counted) and probed by the worksets")
                    .isEqualTo(worksets);
        } else {
            assertThat(joinInput - worksets)
                    .as("the edges do not fit: they are read again in each of several supersteps")
                    .isGreaterThan(2L * edges.size());
            assertThat((joinInput - worksets) % edges.size()).isZero();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void theIterationStopsAfterMaxIterationsWithTheLabelsOfThatSuperstep(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        // a path: the smallest label travels one hop per superstep
        int vertexCount = 50;
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (long v = 0; v + 1 < vertexCount; v++) {
            edges.add(Tuple2.of(id(v), id(v + 1)));
            edges.add(Tuple2.of(id(v + 1), id(v)));
        }

        List<Tuple2<Long, Long>> result =
                connectedComponents(env, vertexCount, edges, 7).collect();

        // the same rounds in Java: each superstep, changed vertices send their label to their neighbours
        Map<Long, Long> labels = new HashMap<>();
        for (long v = 0; v < vertexCount; v++) {
            labels.put(id(v), id(v));
        }
        Map<Long, Long> workset = new HashMap<>(labels);
        for (int superstep = 0; superstep < 7 && !workset.isEmpty(); superstep++) {
            Map<Long, Long> candidates = new HashMap<>();
            for (Tuple2<Long, Long> edge : edges) {
                if (workset.containsKey(edge.f0)) {
                    candidates.merge(edge.f1, workset.get(edge.f0), Math::min);
                }
            }
            Map<Long, Long> changes = new HashMap<>();
            candidates.forEach((v, label) -> {
                if (label < labels.get(v)) {
                    changes.put(v, label);
                }
            });
            labels.putAll(changes);
            workset = changes;
        }
        assertThat(asMap(result)).isEqualTo(labels);
        assertThat(labels.get(id(20)))
                .as("7 supersteps are not enough for the path")
                .isNotEqualTo(id(0));
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "4, 12m"})
    void shortestPathsMatchBellmanFord(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        int vertexCount = 20_000;
        Random random = new Random(17);
        List<Tuple3<Long, Long, Long>> edges = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            edges.add(Tuple3.of(
                    id(random.nextInt(vertexCount)), id(random.nextInt(vertexCount)), 1L + random.nextInt(100)));
        }
        long source = id(0);
        TypeHint<Tuple3<Long, Long, Long>> weighted = new TypeHint<>() {};

        DataSet<Tuple2<Long, Long>> distances = env.fromCollection(
                LongStream.range(0, vertexCount)
                        .mapToObj(v -> Tuple2.of(id(v), id(v) == source ? 0L : Long.MAX_VALUE))
                        .toList(),
                Types.of(PAIR));
        DataSet<Tuple2<Long, Long>> start = env.fromCollection(List.of(Tuple2.of(source, 0L)), Types.of(PAIR));
        DataSet<Tuple3<Long, Long, Long>> edgeSet = env.fromCollection(edges, Types.of(weighted));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration =
                distances.iterateDelta(start, 10_000, "f0").name("shortest paths");
        DataSet<Tuple2<Long, Long>> improved = iteration
                .getWorkset()
                .join(edgeSet)
                .where(0)
                .equalTo(0)
                .with((vertex, edge) -> Tuple2.of(edge.f1, vertex.f1 + edge.f2))
                .returns(PAIR)
                .groupBy(0)
                .reduce((a, b) -> a.f1 <= b.f1 ? a : b)
                .join(iteration.getSolutionSet())
                .where("f0")
                .equalTo("f0")
                .with((FlatJoinFunction<Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>>)
                        (candidate, current, out) -> {
                            if (candidate.f1 < current.f1) {
                                out.collect(candidate);
                            }
                        })
                .returns(PAIR);
        List<Tuple2<Long, Long>> result =
                iteration.closeWith(improved, improved).collect();

        // Bellman-Ford
        Map<Long, Long> expected = new HashMap<>();
        for (long v = 0; v < vertexCount; v++) {
            expected.put(id(v), Long.MAX_VALUE);
        }
        expected.put(source, 0L);
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Tuple3<Long, Long, Long> edge : edges) {
                long via = expected.get(edge.f0);
                if (via != Long.MAX_VALUE && via + edge.f2 < expected.get(edge.f1)) {
                    expected.put(edge.f1, via + edge.f2);
                    changed = true;
                }
            }
        }
        assertThat(asMap(result)).isEqualTo(expected);
    }

    @Test
    void aSolutionSetJoinWithTheSolutionSetFirstAndAWorksetOfAnotherTypeMatchesJava() {
        ExecutionEnvironment env = environment(4, "64m");
        // solution set: (key, sum); workset: keys still to add to, counting down from key % 7
        List<Tuple2<Long, Long>> initial =
                LongStream.range(0, 5_000).mapToObj(k -> Tuple2.of(k, 0L)).toList();
        DataSet<Tuple2<Long, Long>> solution = env.fromCollection(initial, Types.of(PAIR));
        DataSet<Long> work = env.generateSequence(0, 4_999);
        DeltaIteration<Tuple2<Long, Long>, Long> iteration = solution.iterateDelta(work, 100, 0);
        DataSet<Tuple2<Long, Long>> added = iteration
                .getSolutionSet()
                .join(iteration.getWorkset())
                .where(0)
                .equalTo("*")
                .with((current, key) -> Tuple2.of(current.f0, current.f1 + 1))
                .returns(PAIR);
        DataSet<Long> again = added.filter(t -> t.f1 < t.f0 % 7).map(t -> t.f0);
        List<Tuple2<Long, Long>> result = iteration.closeWith(added, again).collect();

        Map<Long, Long> expected = new HashMap<>();
        for (long k = 0; k < 5_000; k++) {
            expected.put(k, Math.max(1, k % 7));
        }
        assertThat(asMap(result)).isEqualTo(expected);
    }

    @Test
    void readingTheSolutionSetOtherThanByAJoinIsRejectedWithAMessage() {
        ExecutionEnvironment env = environment(2, "64m");
        DataSet<Tuple2<Long, Long>> pairs = env.fromCollection(List.of(Tuple2.of(1L, 1L)), Types.of(PAIR));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = pairs.iterateDelta(pairs, 5, 0);
        DataSet<Tuple2<Long, Long>> mapped =
                iteration.getSolutionSet().map(t -> t).returns(PAIR);
        DataSet<Tuple2<Long, Long>> next = iteration
                .getWorkset()
                .join(mapped)
                .where(0)
                .equalTo(0)
                .with((a, b) -> a)
                .returns(PAIR);

        assertThatThrownBy(() -> iteration.closeWith(next, next).collect())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("reads the solution set of a delta iteration directly");
    }

    @Test
    void aJoinWithTheSolutionSetOnAnotherKeyIsRejected() {
        ExecutionEnvironment env = environment(2, "64m");
        DataSet<Tuple2<Long, Long>> pairs = env.fromCollection(List.of(Tuple2.of(1L, 1L)), Types.of(PAIR));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = pairs.iterateDelta(pairs, 5, 0);
        DataSet<Tuple2<Long, Long>> next = iteration
                .getWorkset()
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(1)
                .with((a, b) -> a)
                .returns(PAIR);

        assertThatThrownBy(() -> iteration.closeWith(next, next).collect())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("must use the solution set's key");
    }

    @Test
    void aDeltaOfAnotherTypeThanTheSolutionSetIsRejected() {
        ExecutionEnvironment env = environment(2, "64m");
        DataSet<Tuple2<Long, Long>> pairs = env.fromCollection(List.of(Tuple2.of(1L, 1L)), Types.of(PAIR));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = pairs.iterateDelta(pairs, 5, 0);
        @SuppressWarnings({"unchecked", "rawtypes"})
        DataSet<Tuple2<Long, Long>> wrong = (DataSet) iteration.getWorkset().map(t -> t.f0);

        assertThatThrownBy(
                        () -> iteration.closeWith(wrong, iteration.getWorkset()).collect())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("the delta must have the solution set's type");
    }

    @Test
    void theSolutionSetItselfAsTheDeltaIsRejected() {
        ExecutionEnvironment env = environment(2, "64m");
        DataSet<Tuple2<Long, Long>> pairs = env.fromCollection(List.of(Tuple2.of(1L, 1L)), Types.of(PAIR));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = pairs.iterateDelta(pairs, 5, 0);

        assertThatThrownBy(() -> iteration
                        .closeWith(iteration.getSolutionSet(), iteration.getWorkset())
                        .collect())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("the solution set itself cannot be the delta");
    }

    @Test
    void aNextWorksetThatDoesNotDependOnTheIterationIsRejected() {
        ExecutionEnvironment env = environment(2, "64m");
        DataSet<Tuple2<Long, Long>> pairs = env.fromCollection(List.of(Tuple2.of(1L, 1L)), Types.of(PAIR));
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = pairs.iterateDelta(pairs, 5, 0);
        DataSet<Tuple2<Long, Long>> delta = iteration
                .getWorkset()
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with((a, b) -> a)
                .returns(PAIR);
        DataSet<Tuple2<Long, Long>> constant =
                pairs.map(t -> Tuple2.of(t.f0, t.f1 + 1)).returns(PAIR);

        assertThatThrownBy(() -> iteration.closeWith(delta, constant).collect())
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("the next workset")
                .hasMessageContaining("does not depend on the iteration's workset or solution set");
    }

    /** Counts the records it sees in an accumulator. */
    static final class CountingMap
            extends io.weir.core.functions.RichMapFunction<Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public Tuple2<Long, Long> map(Tuple2<Long, Long> value) {
            getRuntimeContext().getLongCounter("workset records").add(1);
            return value;
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void accumulatorsInTheStepSumOverAllSuperstepsAndTasks(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        int vertexCount = 40;
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (long v = 0; v + 1 < vertexCount; v++) {
            edges.add(Tuple2.of(id(v), id(v + 1)));
            edges.add(Tuple2.of(id(v + 1), id(v)));
        }
        DataSet<Tuple2<Long, Long>> vertices = vertices(env, vertexCount);
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = vertices.iterateDelta(vertices, 100, 0);
        DataSet<Tuple2<Long, Long>> changes = labelChanges(
                iteration,
                iteration.getWorkset().map(new CountingMap()),
                env.fromCollection(edges, Types.of(PAIR)),
                new SmallerLabel());
        iteration.closeWith(changes, changes).collect();

        // on a path, superstep s's workset is the vertices s-1 .. 39 that changed: 40 + 39 + ... + 1
        long expected = (long) vertexCount * (vertexCount + 1) / 2;
        long counted = env.getLastJobExecutionResult().getAccumulatorResult("workset records");
        assertThat(counted).isEqualTo(expected);
    }

    @Test
    void explainShowsTheIterationItsStaticInputsAndTheSolutionSetLookups() {
        ExecutionEnvironment env = environment(2, "64m");
        connectedComponents(env, 100, undirectedEdges(1, 100, 50), 10)
                .output(new io.weir.core.io.DiscardingOutputFormat<>());

        String plan = env.explain();

        assertThat(plan)
                .contains("delta iteration")
                .contains("(head of iteration 1)")
                .contains("(step of iteration 1)")
                .contains("join with the solution set (lookup) 'changes'")
                .contains("solution set update")
                .contains("static: cached before the first superstep");
        // only the edges enter the step from outside
        assertThat(plan.split("static: cached", -1)).hasSize(2);
        // explaining runs nothing: the job then runs as explained
        assertThat(env.getLastJobExecutionResult()).isNull();
        env.execute();
        assertThat(env.getLastJobExecutionResult()).isNotNull();
    }

    @Test
    void theIterationRunsAtItsOwnParallelism() {
        ExecutionEnvironment env = environment(4, "64m");
        int vertexCount = 2_000;
        List<Tuple2<Long, Long>> edges = undirectedEdges(5, vertexCount, 1_500);
        DataSet<Tuple2<Long, Long>> vertices = vertices(env, vertexCount);
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration =
                vertices.iterateDelta(vertices, 100, 0).name("two instances").parallelism(2);
        DataSet<Tuple2<Long, Long>> changes = labelChanges(
                iteration, iteration.getWorkset(), env.fromCollection(edges, Types.of(PAIR)), new SmallerLabel());

        List<Tuple2<Long, Long>> result = iteration.closeWith(changes, changes).collect();

        assertThat(asMap(result)).isEqualTo(components(vertexCount, edges));
        JobExecutionResult job = env.getLastJobExecutionResult();
        assertThat(job.getOperatorMetrics("two instances").parallelism()).isEqualTo(2);
        assertThat(job.getOperatorMetrics("changes").parallelism()).isEqualTo(2);
    }

    /** Fails in superstep 3. */
    static final class FailsInSuperstepThree
            extends io.weir.core.functions.RichFlatJoinFunction<
                    Tuple2<Long, Long>, Tuple2<Long, Long>, Tuple2<Long, Long>> {
        @Override
        public void join(
                Tuple2<Long, Long> candidate,
                Tuple2<Long, Long> current,
                io.weir.core.functions.Collector<Tuple2<Long, Long>> out) {
            if (getRuntimeContext().getSuperstepNumber() == 3) {
                throw new IllegalStateException("the lookup gives up in superstep 3");
            }
            if (candidate.f1 < current.f1) {
                out.collect(candidate);
            }
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 6m", "4, 64m"})
    void aStepThatFailsMidwayFailsTheJobNamingItAndReleasesEverything(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        int vertexCount = 60_000;
        List<Tuple2<Long, Long>> edges = undirectedEdges(11, vertexCount, 45_000);
        DataSet<Tuple2<Long, Long>> vertices = vertices(env, vertexCount);
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = vertices.iterateDelta(vertices, 100, 0);
        DataSet<Tuple2<Long, Long>> changes = labelChanges(
                        iteration,
                        iteration.getWorkset(),
                        env.fromCollection(edges, Types.of(PAIR)),
                        new FailsInSuperstepThree())
                .name("failing lookup");

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> iteration.closeWith(changes, changes).collect());

        assertThat(failure)
                .hasMessageContaining("failing lookup")
                .hasStackTraceContaining("the lookup gives up in superstep 3");
        // the job checks that no page or file is left, and reports any as suppressed
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(cause.getSuppressed()).as("left behind by %s", cause).isEmpty();
        }
    }

    @Test
    void anEmptyInitialWorksetEndsAtOnceWithTheInitialSolutionSet() {
        ExecutionEnvironment env = environment(4, "64m");
        List<Tuple2<Long, Long>> initial =
                LongStream.range(0, 1_000).mapToObj(k -> Tuple2.of(k, -k)).toList();
        DataSet<Tuple2<Long, Long>> solution = env.fromCollection(initial, Types.of(PAIR));
        DataSet<Tuple2<Long, Long>> empty = solution.filter(t -> false);
        DeltaIteration<Tuple2<Long, Long>, Tuple2<Long, Long>> iteration = solution.iterateDelta(empty, 10, 0);
        DataSet<Tuple2<Long, Long>> next = iteration
                .getWorkset()
                .join(iteration.getSolutionSet())
                .where(0)
                .equalTo(0)
                .with((a, b) -> Tuple2.of(a.f0, 42L))
                .returns(PAIR);

        List<Tuple2<Long, Long>> result = iteration.closeWith(next, next).collect();

        assertThat(asMap(result)).isEqualTo(initial.stream().collect(Collectors.toMap(t -> t.f0, t -> t.f1)));
    }
}
