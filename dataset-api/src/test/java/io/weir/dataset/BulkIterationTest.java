package io.weir.dataset;

import static io.weir.dataset.DataSetOperatorsTest.environment;
import static io.weir.dataset.DataSetOperatorsTest.multiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.weir.core.functions.OpenContext;
import io.weir.core.functions.RichJoinFunction;
import io.weir.core.functions.RichMapFunction;
import io.weir.core.tuple.Tuple2;
import io.weir.core.tuple.Tuple3;
import io.weir.core.types.TypeHint;
import io.weir.core.types.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bulk iterations run in the engine, checked against the same loops in plain Java. */
class BulkIterationTest {

    record Approximation(double square, double root) {
        Approximation step() {
            return new Approximation(square, (root + square / root) / 2);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void newtonsSquareRootsMatchTheSameLoopInJava(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Approximation> start = LongStream.rangeClosed(1, 5_000)
                .mapToObj(i -> new Approximation(i, 1.0))
                .toList();

        IterativeDataSet<Approximation> loop = env.fromCollection(start).iterate(12);
        List<Approximation> result =
                loop.closeWith(loop.map(Approximation::step)).collect();

        List<Approximation> expected = new ArrayList<>();
        for (Approximation a : start) {
            for (int i = 0; i < 12; i++) {
                a = a.step();
            }
            expected.add(a);
        }
        assertThat(multiset(result)).isEqualTo(multiset(expected));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aPartialSolutionLargerThanMemorySpillsAndIsReleased(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "1m");
        List<Approximation> start = LongStream.rangeClosed(1, 150_000)
                .mapToObj(i -> new Approximation(i, 1.0))
                .toList();

        IterativeDataSet<Approximation> loop = env.fromCollection(start).iterate(5);
        List<Approximation> result =
                loop.closeWith(loop.map(Approximation::step)).collect();

        assertThat(env.getLastJobExecutionResult().getBytesSpilled()).isPositive();
        assertThat(result).hasSize(start.size());
        Map<Double, Double> roots =
                result.stream().collect(Collectors.toMap(Approximation::square, Approximation::root));
        for (Approximation a : start.subList(0, 1_000)) {
            Approximation expected = a;
            for (int i = 0; i < 5; i++) {
                expected = expected.step();
            }
            assertThat(roots.get(a.square())).isEqualTo(expected.root());
        }
    }

    /** Adds the superstep number to each value. */
    static final class AddSuperstep extends RichMapFunction<Long, Long> {
        @Override
        public Long map(Long value) {
            return value + getRuntimeContext().getSuperstepNumber();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void functionsInTheStepSeeTheSuperstepNumber(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");

        IterativeDataSet<Long> loop = env.generateSequence(0, 99).iterate(10).name("add supersteps");
        List<Long> result = loop.closeWith(loop.map(new AddSuperstep())).collect();

        // 1 + 2 + ... + 10 added to each
        assertThat(multiset(result))
                .isEqualTo(multiset(
                        LongStream.range(0, 100).map(x -> x + 55).boxed().toList()));
        // the name given to the iteration names it in the job's metrics
        assertThat(env.getLastJobExecutionResult()
                        .getOperatorMetrics("add supersteps")
                        .recordsOut())
                .isEqualTo(100);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void anEmptyTerminationCriterionEndsTheIterationEarly(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "64m");
        List<Long> start = new Random(3).longs(2_000, 1, 1L << 40).boxed().toList();

        IterativeDataSet<Long> loop = env.fromCollection(start).iterate(1_000);
        DataSet<Long> halved = loop.map(x -> x > 1 ? x / 2 : x);
        List<Long> result = loop.closeWith(halved, halved.filter(x -> x > 1)).collect();

        List<Long> expected = new ArrayList<>(start);
        do {
            expected.replaceAll(x -> x > 1 ? x / 2 : x);
        } while (expected.stream().anyMatch(x -> x > 1));
        assertThat(multiset(result)).isEqualTo(multiset(expected));
        assertThat(result).hasSize(start.size());
    }

    // ---- k-means: a step that reads the partial solution as a broadcast set --------------------

    record Point(long x, long y) {}

    record Centroid(int id, long x, long y) {}

    record Assigned(int centroid, long x, long y, long count) {}

    static int nearest(Point p, List<Centroid> centroids) {
        Centroid best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Centroid c : centroids) {
            long dx = p.x() - c.x();
            long dy = p.y() - c.y();
            long distance = dx * dx + dy * dy;
            if (distance < bestDistance || (distance == bestDistance && c.id() < best.id())) {
                best = c;
                bestDistance = distance;
            }
        }
        return best.id();
    }

    static final class SelectNearest extends RichMapFunction<Point, Assigned> {
        private List<Centroid> centroids;

        @Override
        public void open(OpenContext context) {
            centroids = getRuntimeContext().getBroadcastVariable("centroids");
        }

        @Override
        public Assigned map(Point p) {
            return new Assigned(nearest(p, centroids), p.x(), p.y(), 1);
        }
    }

    static List<Centroid> kMeansInJava(List<Point> points, List<Centroid> centroids, int iterations) {
        for (int i = 0; i < iterations; i++) {
            Map<Integer, long[]> sums = new TreeMap<>();
            for (Point p : points) {
                long[] sum = sums.computeIfAbsent(nearest(p, centroids), id -> new long[3]);
                sum[0] += p.x();
                sum[1] += p.y();
                sum[2]++;
            }
            List<Centroid> next = new ArrayList<>();
            sums.forEach((id, sum) ->
                    next.add(new Centroid(id, Math.floorDiv(sum[0], sum[2]), Math.floorDiv(sum[1], sum[2]))));
            centroids = next;
        }
        return centroids;
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void kMeansWithTheCentroidsBroadcastEachSuperstepMatchesJava(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        Random random = new Random(11);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            int cluster = random.nextInt(5);
            points.add(new Point(cluster * 1_000 + random.nextInt(700), cluster * 500 + random.nextInt(900)));
        }
        List<Centroid> initial = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            initial.add(new Centroid(c, random.nextInt(5_000), random.nextInt(3_000)));
        }

        DataSet<Point> pointSet = env.fromCollection(points);
        IterativeDataSet<Centroid> loop = env.fromCollection(initial).iterate(8);
        DataSet<Centroid> next = pointSet.map(new SelectNearest())
                .withBroadcastSet(loop, "centroids")
                .groupBy("centroid")
                .reduce((a, b) -> new Assigned(a.centroid(), a.x() + b.x(), a.y() + b.y(), a.count() + b.count()))
                .map(s -> new Centroid(s.centroid(), Math.floorDiv(s.x(), s.count()), Math.floorDiv(s.y(), s.count())));
        List<Centroid> result = loop.closeWith(next).collect();

        assertThat(multiset(result)).isEqualTo(multiset(kMeansInJava(points, initial, 8)));
        if (memory.equals("1m") || memory.equals("2m")) {
            assertThat(env.getLastJobExecutionResult().getBytesSpilled())
                    .as("the points, cached for every superstep, spill")
                    .isPositive();
        }
    }

    // ---- label propagation: a step joined with data from outside the loop ---------------------

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "4, 2m"})
    void minimumLabelPropagationFindsTheConnectedComponents(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        Random random = new Random(5);
        int vertexCount = 3_000;
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) { // average degree 0.8: small components, short paths
            long a = random.nextInt(vertexCount);
            long b = random.nextInt(vertexCount);
            edges.add(Tuple2.of(a, b));
            edges.add(Tuple2.of(b, a));
        }
        List<Tuple2<Long, Long>> vertices =
                LongStream.range(0, vertexCount).mapToObj(v -> Tuple2.of(v, v)).toList();

        DataSet<Tuple2<Long, Long>> edgeSet = env.fromCollection(edges, Types.TUPLE(Types.LONG, Types.LONG));
        IterativeDataSet<Tuple2<Long, Long>> labels = env.fromCollection(vertices, Types.TUPLE(Types.LONG, Types.LONG))
                .iterate(40);
        DataSet<Tuple2<Long, Long>> toNeighbours = labels.join(edgeSet)
                .where(0)
                .equalTo(0)
                .with((label, edge) -> Tuple2.of(edge.f1, label.f1))
                .returns(new TypeHint<Tuple2<Long, Long>>() {});
        DataSet<Tuple2<Long, Long>> next = toNeighbours.union(labels).groupBy(0).reduce((a, b) -> a.f1 <= b.f1 ? a : b);
        List<Tuple2<Long, Long>> result = labels.closeWith(next).collect();

        // union-find with the smallest vertex as the root
        long[] parent = LongStream.range(0, vertexCount).toArray();
        for (Tuple2<Long, Long> edge : edges) {
            long a = root(parent, edge.f0);
            long b = root(parent, edge.f1);
            parent[(int) Math.max(a, b)] = Math.min(a, b);
        }
        Map<Long, Long> expected = new HashMap<>();
        for (long v = 0; v < vertexCount; v++) {
            expected.put(v, root(parent, v));
        }
        assertThat(result.stream().collect(Collectors.toMap(t -> t.f0, t -> t.f1)))
                .isEqualTo(expected);
    }

    private static long root(long[] parent, long v) {
        while (parent[(int) v] != v) {
            v = parent[(int) v];
        }
        return v;
    }

    /** A vertex's new rank from its incoming sum and the broadcast dangling rank. */
    static final class PageRankUpdate
            extends RichJoinFunction<Tuple2<Long, Double>, Tuple2<Long, Double>, Tuple2<Long, Double>> {
        private final double damping;
        private final int vertexCount;

        PageRankUpdate(double damping, int vertexCount) {
            this.damping = damping;
            this.vertexCount = vertexCount;
        }

        @Override
        public Tuple2<Long, Double> join(Tuple2<Long, Double> rank, Tuple2<Long, Double> sum) {
            List<Double> danglingRank = getRuntimeContext().getBroadcastVariable("dangling");
            double fromDangling = danglingRank.isEmpty() ? 0 : danglingRank.get(0);
            return Tuple2.of(
                    rank.f0,
                    (1 - damping) / vertexCount
                            + damping * (sum == null ? 0 : sum.f1)
                            + damping / vertexCount * fromDangling);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2, 4})
    @org.junit.jupiter.api.Timeout(120)
    void aStepThatCoGroupsThePartialSolutionWithAJoinOfItFinishesWhenTheRecordsOutgrowTheExchangeBuffers(
            int parallelism) {
        // the coGroup reads the partial solution (pipelined) and the join's output (blocking, as they
        // share the iteration head): a step that waited for the join's output before reading the
        // partial solution would hold the head's buffers and never get it. Records of 6 KB, pages of 4 KB.
        ExecutionEnvironment env = environment(parallelism, "16m");
        int n = 64;
        int width = 750;
        List<Tuple2<Integer, long[]>> initial = new ArrayList<>();
        for (int key = 0; key < n; key++) {
            long[] values = new long[width];
            values[0] = key;
            initial.add(Tuple2.of(key, values));
        }
        List<Tuple2<Integer, Integer>> links = new ArrayList<>();
        for (int key = 0; key < n; key++) {
            links.add(Tuple2.of(key, (key * 7 + 3) % n));
            links.add(Tuple2.of(key, (key + 1) % n));
        }
        TypeHint<Tuple2<Integer, long[]>> stateType = new TypeHint<>() {};
        TypeHint<Tuple2<Integer, Long>> offerType = new TypeHint<>() {};
        IterativeDataSet<Tuple2<Integer, long[]>> state =
                env.fromCollection(initial, Types.of(stateType)).iterate(4);
        DataSet<Tuple2<Integer, Long>> offers = state.join(env.fromCollection(links, Types.TUPLE(Types.INT, Types.INT)))
                .where(0)
                .equalTo(0)
                .with((from, link) -> Tuple2.of(link.f1, from.f1[0]))
                .returns(offerType);
        DataSet<Tuple2<Integer, long[]>> next = state.coGroup(offers)
                .where(0)
                .equalTo(0)
                .with((io.weir.core.functions.CoGroupFunction<
                                Tuple2<Integer, long[]>, Tuple2<Integer, Long>, Tuple2<Integer, long[]>>)
                        (own, offered, out) -> {
                            for (Tuple2<Integer, long[]> record : own) {
                                long[] values = record.f1.clone();
                                for (Tuple2<Integer, Long> offer : offered) {
                                    values[0] += offer.f1;
                                }
                                out.collect(Tuple2.of(record.f0, values));
                            }
                        })
                .returns(stateType);
        Map<Integer, Long> result =
                state.closeWith(next).collect().stream().collect(Collectors.toMap(t -> t.f0, t -> t.f1[0]));

        long[] expected = new long[n];
        for (int key = 0; key < n; key++) {
            expected[key] = key;
        }
        for (int superstep = 0; superstep < 4; superstep++) {
            long[] nextValues = expected.clone();
            for (Tuple2<Integer, Integer> link : links) {
                nextValues[link.f1] += expected[link.f0];
            }
            expected = nextValues;
        }
        assertThat(result).hasSize(n);
        for (int key = 0; key < n; key++) {
            assertThat(result.get(key)).as("key %d", key).isEqualTo(expected[key]);
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "4, 8m"})
    void pageRankReadingThePartialSolutionThreeTimesMatchesJava(int parallelism, String memory) {
        // LDBC's PageRank: PR(v) = (1-d)/N + d·Σ PR(u)/out(u) over in-neighbours u + (d/N)·Σ PR(w) over
        // vertices w without out-edges; the step reads the ranks for the contributions, for the
        // dangling sum (a broadcast set) and to keep every vertex (an outer join: a blocking exchange)
        ExecutionEnvironment env = environment(parallelism, memory);
        int vertexCount = 3_000;
        double damping = 0.85;
        Random random = new Random(9);
        List<Tuple2<Long, Long>> edges = new ArrayList<>();
        for (int i = 0; i < 9_000; i++) {
            long source = random.nextInt(vertexCount);
            if (source % 5 != 0) { // every fifth vertex (and some others) without out-edges
                edges.add(Tuple2.of(source, (long) random.nextInt(vertexCount)));
            }
        }
        TypeHint<Tuple2<Long, Double>> rankType = new TypeHint<>() {};
        TypeHint<Tuple3<Long, Long, Long>> edgeWithDegree = new TypeHint<>() {};
        DataSet<Tuple2<Long, Long>> edgeSet = env.fromCollection(edges, Types.TUPLE(Types.LONG, Types.LONG));
        DataSet<Tuple3<Long, Long, Long>> weighted = edgeSet.map(e -> Tuple2.of(e.f0, 1L))
                .returns(new TypeHint<Tuple2<Long, Long>>() {})
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .join(edgeSet)
                .where(0)
                .equalTo(0)
                .with((degree, edge) -> Tuple3.of(edge.f0, edge.f1, degree.f1))
                .returns(edgeWithDegree);
        java.util.Set<Long> sources = new java.util.HashSet<>();
        edges.forEach(e -> sources.add(e.f0));
        DataSet<Long> dangling = env.generateSequence(0, vertexCount - 1).filter(v -> !sources.contains(v));
        IterativeDataSet<Tuple2<Long, Double>> ranks = env.generateSequence(0, vertexCount - 1)
                .map(v -> Tuple2.of(v, 1.0 / vertexCount))
                .returns(rankType)
                .iterate(15);
        DataSet<Tuple2<Long, Double>> sums = ranks.join(weighted)
                .where(0)
                .equalTo(0)
                .with((rank, edge) -> Tuple2.of(edge.f1, rank.f1 / edge.f2))
                .returns(rankType)
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1));
        DataSet<Double> danglingSum = ranks.join(dangling)
                .where(0)
                .equalTo(x -> x)
                .with((rank, v) -> rank.f1)
                .returns(Double.class)
                .reduce(Double::sum);
        DataSet<Tuple2<Long, Double>> next = ranks.leftOuterJoin(sums)
                .where(0)
                .equalTo(0)
                .with(new PageRankUpdate(damping, vertexCount))
                .returns(rankType)
                .withBroadcastSet(danglingSum, "dangling");
        Map<Long, Double> result =
                ranks.closeWith(next).collect().stream().collect(Collectors.toMap(t -> t.f0, t -> t.f1));

        double[] expected = new double[vertexCount];
        java.util.Arrays.fill(expected, 1.0 / vertexCount);
        long[] outDegree = new long[vertexCount];
        edges.forEach(e -> outDegree[(int) (long) e.f0]++);
        for (int superstep = 0; superstep < 15; superstep++) {
            double danglingTotal = 0;
            for (int v = 0; v < vertexCount; v++) {
                danglingTotal += outDegree[v] == 0 ? expected[v] : 0;
            }
            double[] incoming = new double[vertexCount];
            for (Tuple2<Long, Long> e : edges) {
                incoming[(int) (long) e.f1] += expected[(int) (long) e.f0] / outDegree[(int) (long) e.f0];
            }
            for (int v = 0; v < vertexCount; v++) {
                expected[v] =
                        (1 - damping) / vertexCount + damping * incoming[v] + damping / vertexCount * danglingTotal;
            }
        }
        assertThat(result).hasSize(vertexCount);
        for (int v = 0; v < vertexCount; v++) {
            assertThat(result.get((long) v)).as("vertex %d", v).isCloseTo(expected[v], within(1e-12));
        }
    }

    @Test
    void aNonPositiveNumberOfIterationsIsRejected() {
        ExecutionEnvironment env = environment(1, "64m");
        assertThatThrownBy(() -> env.generateSequence(1, 3).iterate(0)).hasMessageContaining("at least 1 superstep");
    }
}
