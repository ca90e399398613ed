package io.weir.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.core.functions.Collector;
import io.weir.core.functions.GroupCombineFunction;
import io.weir.core.functions.GroupReduceFunction;
import io.weir.core.io.WriteMode;
import io.weir.core.plan.InvalidPlanException;
import io.weir.core.tuple.Tuple2;
import io.weir.runtime.cluster.JobExecutionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator of the core API at parallelism 1 and 4, with ample memory and with memory that forces spilling. */
class DataSetOperatorsTest {

    record Sale(long customer, String product, long cents) {}

    record Customer(long id, String name) {}

    static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("4k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    static List<Sale> sales(int count, int customers) {
        Random random = new Random(count * 31L + customers);
        List<Sale> sales = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sales.add(new Sale(random.nextInt(customers), "p" + random.nextInt(50), random.nextInt(10_000)));
        }
        return sales;
    }

    static <T> Map<T, Long> multiset(List<T> records) {
        return records.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void mapFilterFlatMapAndReduceMatchPlainJava(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Sale> input = sales(40_000, 15_000);

        List<Tuple2<Long, Long>> totals = env.fromCollection(input)
                .filter(sale -> sale.cents() % 7 != 0)
                .flatMap((Sale sale, Collector<Tuple2<Long, Long>> out) -> {
                    out.collect(Tuple2.of(sale.customer(), sale.cents()));
                    if (sale.cents() % 2 == 0) {
                        out.collect(Tuple2.of(sale.customer(), 1L));
                    }
                })
                .returns(new io.weir.core.types.TypeHint<Tuple2<Long, Long>>() {})
                .map(pair -> Tuple2.of(pair.f0, pair.f1 * 2))
                .returns(new io.weir.core.types.TypeHint<Tuple2<Long, Long>>() {})
                .groupBy(0)
                .reduce((a, b) -> Tuple2.of(a.f0, a.f1 + b.f1))
                .collect();

        Map<Long, Long> expected = new HashMap<>();
        for (Sale sale : input) {
            if (sale.cents() % 7 != 0) {
                expected.merge(sale.customer(), sale.cents() * 2, Long::sum);
                if (sale.cents() % 2 == 0) {
                    expected.merge(sale.customer(), 2L, Long::sum);
                }
            }
        }
        Map<Long, Long> actual = new HashMap<>();
        totals.forEach(pair -> assertThat(actual.put(pair.f0, pair.f1)).isNull());
        assertThat(actual).isEqualTo(expected);
    }

    /** Counts per product, combinable: the combiner pre-aggregates; the result is the same. */
    static final class CountProducts
            implements GroupReduceFunction<Tuple2<String, Long>, Tuple2<String, Long>>,
                    GroupCombineFunction<Tuple2<String, Long>, Tuple2<String, Long>> {
        @Override
        public void reduce(Iterable<Tuple2<String, Long>> group, Collector<Tuple2<String, Long>> out) {
            String key = null;
            long sum = 0;
            for (Tuple2<String, Long> record : group) {
                key = record.f0;
                sum += record.f1;
            }
            out.collect(Tuple2.of(key, sum));
        }

        @Override
        public void combine(Iterable<Tuple2<String, Long>> group, Collector<Tuple2<String, Long>> out) {
            reduce(group, out);
        }
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 1m", "4, 2m"})
    void groupReduceWithCombinerAndKeySelectorMatchPlainJava(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Sale> input = sales(30_000, 100);

        List<Tuple2<String, Long>> counts = env.fromCollection(input)
                .map(sale -> Tuple2.of(sale.product() + "/" + sale.customer(), 1L))
                .returns(new io.weir.core.types.TypeHint<Tuple2<String, Long>>() {})
                .groupBy(pair -> pair.f0)
                .reduceGroup(new CountProducts())
                .collect();

        Map<String, Long> expected = input.stream()
                .collect(Collectors.groupingBy(sale -> sale.product() + "/" + sale.customer(), Collectors.counting()));
        Map<String, Long> actual = new HashMap<>();
        counts.forEach(pair -> assertThat(actual.put(pair.f0, pair.f1)).isNull());
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "1, 2m", "4, 4m"})
    void joinMatchesNestedLoopsOverPlainLists(int parallelism, String memory) {
        ExecutionEnvironment env = environment(parallelism, memory);
        List<Sale> salesInput = sales(30_000, 6_000);
        List<Customer> customersInput = new ArrayList<>();
        for (long id = 0; id < 8_000; id += 2) {
            customersInput.add(new Customer(id, "customer " + id));
        }

        List<String> joined = env.fromCollection(salesInput)
                .join(env.fromCollection(customersInput))
                .where("customer")
                .equalTo("id")
                .with((sale, customer) -> customer.name() + " bought " + sale.product())
                .collect();

        Map<Long, Customer> byId = new HashMap<>();
        customersInput.forEach(customer -> byId.put(customer.id(), customer));
        List<String> expected = new ArrayList<>();
        for (Sale sale : salesInput) {
            Customer customer = byId.get(sale.customer());
            if (customer != null) {
                expected.add(customer.name() + " bought " + sale.product());
            }
        }
        assertThat(multiset(joined)).isEqualTo(multiset(expected));
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void aSelfJoinThroughACommonSourceDoesNotDeadlock(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "2m");
        DataSet<Long> numbers = env.generateSequence(1, 50_000);
        DataSet<Tuple2<Long, Long>> pairs = numbers.map(n -> Tuple2.of(n % 1000, n))
                .returns(new io.weir.core.types.TypeHint<Tuple2<Long, Long>>() {});

        long count = pairs.join(pairs).where(0).equalTo(0).count();

        assertThat(count).isEqualTo(1000L * 50 * 50);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void unionMapPartitionAndReduceAllMatchPlainJava(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");
        DataSet<Long> evens = env.generateSequence(0, 9_999).filter(n -> n % 2 == 0);
        DataSet<Long> odds =
                env.generateSequence(0, 9_999).filter(n -> n % 2 == 1).setParallelism(1);

        List<Long> sums = evens.union(odds)
                .mapPartition((Iterable<Long> values, Collector<Long> out) -> {
                    long sum = 0;
                    for (long value : values) {
                        sum += value;
                    }
                    out.collect(sum);
                })
                .returns(Long.class)
                .reduce(Long::sum)
                .collect();

        assertThat(sums).containsExactly(9_999L * 10_000 / 2);
    }

    @Test
    void aFileSinkWritesPartFilesOnlyWhenTheJobSucceeds(@TempDir Path directory) throws IOException {
        ExecutionEnvironment env = environment(3, "8m");
        Path target = directory.resolve("a/b/out");
        env.generateSequence(1, 1000).writeAsText(target.toString());
        env.execute("write");

        try (Stream<Path> files = Files.list(target)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly("part-00000", "part-00001", "part-00002");
        }
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String line : Files.readAllLines(target.resolve("part-0000" + i), StandardCharsets.UTF_8)) {
                written.add(Long.parseLong(line));
            }
        }
        assertThat(written)
                .containsExactlyInAnyOrderElementsOf(
                        Stream.iterate(1L, n -> n + 1).limit(1000).toList());
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            assertThat(siblings).containsExactly(target);
        }

        env.generateSequence(1, 10).writeAsText(target.toString());
        assertThatThrownBy(() -> env.execute("again"))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("exists and is not empty")
                .hasMessageContaining("overwrite");

        env.generateSequence(1, 10).writeAsText(target.toString(), WriteMode.OVERWRITE);
        env.execute("overwrite");
        List<String> replaced = new ArrayList<>();
        try (Stream<Path> parts = Files.list(target)) {
            for (Path part : parts.toList()) {
                replaced.addAll(Files.readAllLines(part));
            }
        }
        assertThat(replaced).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @CsvSource({"1", "4"})
    void reduceGroupWithoutKeysSeesEveryRecordInOneGroup(int parallelism) {
        ExecutionEnvironment env = environment(parallelism, "8m");

        List<Tuple2<Long, Long>> result = env.generateSequence(1, 20_000)
                .reduceGroup((Iterable<Long> values, Collector<Tuple2<Long, Long>> out) -> {
                    long count = 0;
                    long sum = 0;
                    for (long value : values) {
                        count++;
                        sum += value;
                    }
                    out.collect(Tuple2.of(count, sum));
                })
                .returns(new io.weir.core.types.TypeHint<Tuple2<Long, Long>>() {})
                .collect();

        assertThat(result).containsExactly(Tuple2.of(20_000L, 20_000L * 20_001 / 2));
    }

    @Test
    void aSinkWhoseTargetIsTakenFailsTheJobBeforeOtherSinksLeaveStagingBehind(@TempDir Path directory)
            throws IOException {
        ExecutionEnvironment env = environment(2, "8m");
        Files.createDirectories(directory.resolve("taken"));
        Files.writeString(directory.resolve("taken/part-00000"), "old\n");
        DataSet<Long> numbers = env.generateSequence(1, 100);
        numbers.writeAsText(directory.resolve("fresh").toString());
        numbers.writeAsText(directory.resolve("taken").toString());

        assertThatThrownBy(() -> env.execute("two sinks"))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("exists and is not empty");
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).containsExactly(directory.resolve("taken"));
        }
        assertThat(Files.readString(directory.resolve("taken/part-00000"))).isEqualTo("old\n");
    }

    @Test
    void aFailedJobLeavesNothingAtTheTarget(@TempDir Path directory) throws IOException {
        ExecutionEnvironment env = environment(2, "8m");
        Path target = directory.resolve("out");
        env.generateSequence(1, 10_000)
                .map(n -> {
                    if (n == 9_000) {
                        throw new IllegalArgumentException("bad number " + n);
                    }
                    return n;
                })
                .name("check numbers")
                .writeAsText(target.toString());

        assertThatThrownBy(() -> env.execute("fails"))
                .isInstanceOf(JobExecutionException.class)
                .hasMessageContaining("'check numbers'")
                .hasMessageContaining("bad number 9000");
        try (Stream<Path> left = Files.list(directory)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aKeyThatIsNotAFieldFailsBeforeTheJobNamingTheOperator() {
        ExecutionEnvironment env = environment(1, "8m");
        DataSet<Sale> sales = env.fromCollection(sales(10, 3)).name("sales");

        assertThatThrownBy(() -> sales.groupBy("customr"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("customr")
                .hasMessageContaining("'sales'");
        assertThatThrownBy(() -> sales.join(sales).where("customer").equalTo("product"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("do not match");
    }

    @Test
    void textFilesAreReadInSplitsEachLineOnce(@TempDir Path directory) throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> lines = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 60_000; i++) {
            String line = "line " + i + " " + "x".repeat(random.nextInt(80));
            lines.add(line);
            text.append(line).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        Files.writeString(directory.resolve("input.txt"), text.toString());
        Files.writeString(directory.resolve(".hidden"), "not read\n");

        List<String> read =
                environment(4, "8m").readTextFile(directory.toString()).collect();

        assertThat(multiset(read)).isEqualTo(multiset(lines));
    }
}
