package io.weir.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.functions.MapFunction;
import io.weir.core.functions.ReduceFunction;
import io.weir.core.io.CollectionInputFormat;
import io.weir.core.io.OutputFormat;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.tuple.Tuple2;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.runtime.jobgraph.DriverSpec;
import io.weir.runtime.jobgraph.JobEdge;
import io.weir.runtime.jobgraph.JobGraph;
import io.weir.runtime.jobgraph.JobVertex;
import io.weir.runtime.jobgraph.ResultType;
import io.weir.runtime.jobgraph.ShipStrategy;
import io.weir.runtime.jobgraph.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MiniClusterTest {

    /** Output formats of this test write here, by a name given to each job. */
    static final Map<String, List<Object>> OUTPUTS = new ConcurrentHashMap<>();

    record ListOutput<T>(String key) implements OutputFormat<T> {
        @Override
        public void open(int taskNumber, int numTasks) {}

        @Override
        public void writeRecord(T record) {
            OUTPUTS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(record);
        }

        @Override
        public void close() {}
    }

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    private static final TypeInfo<Tuple2<Long, Long>> PAIR = Types.TUPLE(Types.LONG, Types.LONG);

    private static Configuration memory(String size) {
        return new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(size))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
    }

    /** The numbers 0 to 4,999. */
    private static List<Long> numbers() {
        List<Long> input = new ArrayList<>();
        for (long i = 0; i < 5_000; i++) {
            input.add(i);
        }
        return input;
    }

    /**
     * Source "numbers" (parallelism 2, its records straight into the exchange) → {@code strategy}
     * ({@code key} for a hash exchange) → sink "out" of {@code sinkParallelism}, collecting into
     * {@code OUTPUTS.get(output)}.
     */
    private static JobGraph sourceToSink(
            List<Long> input, ShipStrategy strategy, TypeComparator<Long> key, int sinkParallelism, String output) {
        TypeSerializer<Long> serializer = Types.LONG.createSerializer(SerializerConfig.DEFAULT);
        return new JobGraph(
                output,
                List.of(
                        new JobVertex(
                                1,
                                "numbers",
                                2,
                                List.of(new Stage(
                                        "numbers",
                                        1,
                                        new DriverSpec.Source(new CollectionInputFormat<>(input, serializer))))),
                        new JobVertex(
                                2,
                                "out",
                                sinkParallelism,
                                List.of(new Stage("out", 2, new DriverSpec.Sink(new ListOutput<>(output)))))),
                List.of(new JobEdge(1, 1, 2, 0, strategy, key, ResultType.PIPELINED, serializer)));
    }

    /** A source alone in its task (its records go straight to an exchange) counts each record it sends once. */
    @Test
    void aSourceAloneInItsTaskCountsEachRecordOnce() {
        List<Long> input = numbers();
        TypeComparator<Long> key = Keys.<Long>fields("*").createComparator(Types.LONG, SerializerConfig.DEFAULT);
        JobGraph graph = sourceToSink(input, ShipStrategy.HASH, key, 2, "alone");

        JobResult result = new MiniCluster(memory("16m")).execute(graph, JobListener.NONE);

        assertThat(OUTPUTS.remove("alone")).containsExactlyInAnyOrderElementsOf(input);
        assertThat(result.operator("numbers").recordsOut()).isEqualTo(input.size());
        assertThat(result.operator("out").recordsIn()).isEqualTo(input.size());
    }

    /** source → map to (key, 1) ⇒ hash ⇒ sum by key → sink, against a HashMap. */
    @ParameterizedTest(name = "parallelism {0}, {1} memory, {2}")
    @CsvSource({"1, 64m, PIPELINED", "4, 64m, PIPELINED", "4, 1m, PIPELINED", "4, 1m, BLOCKING", "3, 2m, BLOCKING"})
    void aShuffledHashReduceCountsLikeAHashMap(int parallelism, String memory, ResultType resultType) {
        Random random = new Random(parallelism);
        List<Long> input = new ArrayList<>();
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < 60_000; i++) {
            long key = random.nextInt(20_000);
            input.add(key);
            expected.merge(key, 1L, Long::sum);
        }
        SerializerConfig config = SerializerConfig.DEFAULT;
        TypeSerializer<Tuple2<Long, Long>> serializer = PAIR.createSerializer(config);
        TypeComparator<Tuple2<Long, Long>> key =
                Keys.<Tuple2<Long, Long>>positions(0).createComparator(PAIR, config);
        MapFunction<Long, Tuple2<Long, Long>> pair = value -> Tuple2.of(value, 1L);
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> Tuple2.of(a.f0, a.f1 + b.f1);
        String output = "reduce-" + parallelism + memory + resultType;
        JobGraph graph = new JobGraph(
                "count",
                List.of(
                        new JobVertex(
                                1,
                                "numbers",
                                parallelism,
                                List.of(
                                        new Stage(
                                                "numbers",
                                                1,
                                                new DriverSpec.Source(new CollectionInputFormat<>(
                                                        input, Types.LONG.createSerializer(config)))),
                                        new Stage("pair", 2, new DriverSpec.Map(pair)),
                                        new Stage(
                                                "combine", 3, new DriverSpec.HashReduce(serializer, key, sum, true)))),
                        new JobVertex(
                                2,
                                "sum",
                                parallelism,
                                List.of(
                                        new Stage("sum", 3, new DriverSpec.HashReduce(serializer, key, sum, false)),
                                        new Stage("out", 4, new DriverSpec.Sink(new ListOutput<>(output)))))),
                List.of(new JobEdge(1, 1, 2, 0, ShipStrategy.HASH, key, resultType, serializer)));

        JobResult result = new MiniCluster(memory(memory)).execute(graph, JobListener.NONE);

        Map<Long, Long> actual = new HashMap<>();
        for (Object record : OUTPUTS.remove(output)) {
            @SuppressWarnings("unchecked")
            Tuple2<Long, Long> counted = (Tuple2<Long, Long>) record;
            assertThat(actual.put(counted.f0, counted.f1))
                    .as("key %s twice", counted.f0)
                    .isNull();
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(result.operator("numbers").recordsOut()).isEqualTo(input.size());
        assertThat(result.operator("pair").recordsIn()).isEqualTo(input.size());
        assertThat(result.operator("out").recordsIn()).isEqualTo(expected.size());
        if (resultType == ResultType.BLOCKING && memory.equals("1m")) {
            assertThat(result.exchangeBytesSpilled()).isPositive();
        }
    }

    @Test
    void aBroadcastEdgeSendsEveryRecordToEveryInstance() {
        List<Long> input = numbers();
        JobGraph graph = sourceToSink(input, ShipStrategy.BROADCAST, null, 3, "broadcast");

        new MiniCluster(memory("4m")).execute(graph, JobListener.NONE);

        Map<Object, Long> copies = new HashMap<>();
        OUTPUTS.remove("broadcast").forEach(record -> copies.merge(record, 1L, Long::sum));
        assertThat(copies).hasSize(input.size());
        assertThat(copies.values()).containsOnly(3L);
    }

    @Test
    void aFunctionCapturingSomethingNotSerializableFailsAtStartNamingIt() {
        Thread notSerializable = new Thread(() -> {});
        MapFunction<Long, Long> capturing = value -> notSerializable.getName().length() + value;
        JobGraph graph = new JobGraph(
                "captures",
                List.of(new JobVertex(
                        1,
                        "numbers",
                        1,
                        List.of(
                                new Stage(
                                        "numbers",
                                        1,
                                        new DriverSpec.Source(new CollectionInputFormat<>(
                                                List.of(1L), Types.LONG.createSerializer(SerializerConfig.DEFAULT)))),
                                new Stage("capture", 2, new DriverSpec.Map(capturing)),
                                new Stage("out", 3, new DriverSpec.Sink(new ListOutput<>("captures")))))),
                List.of());

        assertThatThrownBy(() -> new MiniCluster(memory("4m")).execute(graph, JobListener.NONE))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("is not serializable")
                .hasMessageContaining("java.lang.Thread");
    }

    @Test
    void aRunningJobReportsItsOperatorsProgress() {
        List<Long> input = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            input.add(i);
        }
        MapFunction<Long, Long> slow = value -> {
            if (value % 1_000 == 0) {
                Thread.sleep(5);
            }
            return value;
        };
        JobGraph graph = new JobGraph(
                "progress",
                List.of(new JobVertex(
                        1,
                        "numbers",
                        1,
                        List.of(
                                new Stage(
                                        "numbers",
                                        1,
                                        new DriverSpec.Source(new CollectionInputFormat<>(
                                                input, Types.LONG.createSerializer(SerializerConfig.DEFAULT)))),
                                new Stage("slow", 2, new DriverSpec.Map(slow)),
                                new Stage("out", 3, new DriverSpec.Sink(new ListOutput<>("progress")))))),
                List.of());
        List<List<OperatorStats>> reports = new CopyOnWriteArrayList<>();
        Configuration configuration = memory("4m").set(RuntimeOptions.PROGRESS_INTERVAL, Duration.ofMillis(10));

        JobResult result =
                new MiniCluster(configuration).execute(graph, (job, elapsed, operators) -> reports.add(operators));

        OUTPUTS.remove("progress");
        assertThat(reports).isNotEmpty();
        for (List<OperatorStats> report : reports) {
            assertThat(report).extracting(OperatorStats::name).containsExactly("numbers", "slow", "out");
            assertThat(report.get(1).recordsIn()).isBetween(0L, (long) input.size());
        }
        assertThat(result.operator("slow").recordsIn()).isEqualTo(input.size());
    }

    @Test
    void aFailingFunctionFailsTheJobNamingItsOperatorAndCause() {
        MapFunction<Long, Long> failing = value -> {
            if (value == 777) {
                throw new IllegalStateException("no sevens here");
            }
            return value;
        };
        List<Long> input = new ArrayList<>();
        for (long i = 0; i < 10_000; i++) {
            input.add(i);
        }
        JobGraph graph = new JobGraph(
                "failing",
                List.of(
                        new JobVertex(
                                1,
                                "numbers",
                                2,
                                List.of(new Stage(
                                        "numbers",
                                        1,
                                        new DriverSpec.Source(new CollectionInputFormat<>(
                                                input, Types.LONG.createSerializer(SerializerConfig.DEFAULT)))))),
                        new JobVertex(
                                2,
                                "check sevens",
                                2,
                                List.of(
                                        new Stage("check sevens", 2, new DriverSpec.Map(failing)),
                                        new Stage("out", 3, new DriverSpec.Sink(new ListOutput<>("failing")))))),
                List.of(new JobEdge(
                        1,
                        1,
                        2,
                        0,
                        ShipStrategy.REBALANCE,
                        null,
                        ResultType.PIPELINED,
                        Types.LONG.createSerializer(SerializerConfig.DEFAULT))));

        assertThatThrownBy(() -> new MiniCluster(memory("4m")).execute(graph, JobListener.NONE))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("job 'failing' failed in operator 'check sevens'")
                .hasMessageContaining("IllegalStateException: no sevens here")
                .satisfies(failure -> assertThat(failure.getSuppressed())
                        .as("pages or files left behind")
                        .isEmpty());
        OUTPUTS.remove("failing");
    }

    @Test
    void aJobWithoutProgressFailsWithAThreadDumpOfItsTasks() {
        MapFunction<Long, Long> stuck = value -> {
            NEVER.await();
            return value;
        };
        JobGraph graph = new JobGraph(
                "stuck",
                List.of(new JobVertex(
                        1,
                        "numbers",
                        1,
                        List.of(
                                new Stage(
                                        "numbers",
                                        1,
                                        new DriverSpec.Source(new CollectionInputFormat<>(
                                                List.of(1L, 2L),
                                                Types.LONG.createSerializer(SerializerConfig.DEFAULT)))),
                                new Stage("wait forever", 2, new DriverSpec.Map(stuck)),
                                new Stage("out", 3, new DriverSpec.Sink(new ListOutput<>("stuck")))))),
                List.of());
        Configuration configuration = memory("4m").set(RuntimeOptions.NO_PROGRESS_TIMEOUT, Duration.ofMillis(500));

        assertThatThrownBy(() -> new MiniCluster(configuration).execute(graph, JobListener.NONE))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("no task read or wrote a record")
                .hasMessageContaining("weir task 'numbers' (1/1)")
                .hasMessageContaining("CountDownLatch.await");
    }

    @Test
    void aBudgetTooSmallFailsAtStartNamingTheOption() {
        TypeSerializer<Tuple2<Long, Long>> serializer = PAIR.createSerializer(SerializerConfig.DEFAULT);
        TypeComparator<Tuple2<Long, Long>> key =
                Keys.<Tuple2<Long, Long>>positions(0).createComparator(PAIR, SerializerConfig.DEFAULT);
        ReduceFunction<Tuple2<Long, Long>> sum = (a, b) -> a;
        JobGraph graph = new JobGraph(
                "too big",
                List.of(
                        new JobVertex(
                                1,
                                "pairs",
                                8,
                                List.of(new Stage(
                                        "pairs",
                                        1,
                                        new DriverSpec.Source(
                                                new CollectionInputFormat<>(List.of(Tuple2.of(1L, 1L)), serializer))))),
                        new JobVertex(
                                2,
                                "sum",
                                8,
                                List.of(
                                        new Stage("sum", 2, new DriverSpec.HashReduce(serializer, key, sum, false)),
                                        new Stage("out", 3, new DriverSpec.Sink(new ListOutput<>("big")))))),
                List.of(new JobEdge(1, 1, 2, 0, ShipStrategy.HASH, key, ResultType.PIPELINED, serializer)));

        assertThatThrownBy(() -> new MiniCluster(memory("256k")).execute(graph, JobListener.NONE))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("cannot start")
                .hasMessageContaining(MemoryOptions.MANAGED_MEMORY_SIZE.key())
                .hasMessageContaining("--memory");
    }
}
