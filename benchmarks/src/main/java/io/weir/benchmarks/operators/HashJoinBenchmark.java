package io.weir.benchmarks.operators;

import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeComparator;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Keys;
import io.weir.core.types.TypeInfo;
import io.weir.core.types.Types;
import io.weir.memory.MemoryManager;
import io.weir.memory.io.IOManager;
import io.weir.runtime.operators.OperatorResources;
import io.weir.runtime.operators.hash.HybridHashJoin;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A hash join of a 1-million-record build side with a 10-million-record probe side, every probe
 * record matching one build record: {@link HybridHashJoin} in memory and with a tenth of the build
 * side's memory (spilling), beside a {@code HashMap} of the build records probed with boxed keys.
 * Records are created as the inputs are read, on both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g", "-XX:MaxDirectMemorySize=2g"})
public class HashJoinBenchmark {

    /** A build record. */
    public record Customer(long id, long region) {}

    /** A probe record. */
    public record Order(long customer, long amount) {}

    private static final int PAGE = 32 * 1024;

    @Param("1000000")
    public int buildRecords;

    @Param("10000000")
    public int probeRecords;

    @Param({"memory", "spilling"})
    public String mode;

    /**
     * "unique": build record i has key i; "hubs": every fifth has one of 10 hub keys (a skewed side,
     * like the edges of a graph keyed by vertex).
     */
    @Param({"unique", "hubs"})
    public String buildKeys;

    private long[] probeKeys;
    private MemoryManager memory;
    private IOManager io;
    private TypeSerializer<Customer> customers;
    private TypeSerializer<Order> orders;
    private TypeComparator<Customer> byId;
    private TypeComparator<Order> byCustomer;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        probeKeys = new long[probeRecords];
        for (int i = 0; i < probeRecords; i++) {
            probeKeys[i] = random.nextInt(buildRecords);
        }
        memory = MemoryManager.create(1536L << 20, PAGE);
        io = new IOManager(List.of(Path.of(System.getProperty("java.io.tmpdir"))));
        TypeInfo<Customer> customerType = Types.of(Customer.class);
        TypeInfo<Order> orderType = Types.of(Order.class);
        customers = customerType.createSerializer(SerializerConfig.DEFAULT);
        orders = orderType.createSerializer(SerializerConfig.DEFAULT);
        byId = Keys.<Customer>fields("id").createComparator(customerType, SerializerConfig.DEFAULT);
        byCustomer = Keys.<Order>fields("customer").createComparator(orderType, SerializerConfig.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        io.close();
        memory.close();
    }

    @Benchmark
    public long hybridHashJoin() throws IOException {
        // a record in its 32-byte slot at half load: 64 bytes; a record in a key's chain, 25 bytes (flag,
        // pointer, record) — and the slack of partitions doubling their slot tables at different times
        long dataPages = (long) buildRecords * 96 / PAGE + 64;
        boolean hubs = "hubs".equals(buildKeys);
        int pages = (int) ("memory".equals(mode) ? dataPages : Math.max(HybridHashJoin.MIN_PAGES, dataPages / 10));
        long[] sum = new long[1];
        int[] nextBuild = {0};
        int[] nextProbe = {0};
        new HybridHashJoin<Customer, Order, Long>(
                        customers,
                        orders,
                        byId,
                        byCustomer,
                        false,
                        false,
                        new OperatorResources(memory, io, "join", pages))
                .run(
                        () -> {
                            if (nextBuild[0] >= buildRecords) {
                                return null;
                            }
                            int i = nextBuild[0]++;
                            return new Customer(hubs && i % 5 == 0 ? (i / 5) % 10 : i, i % 25);
                        },
                        () -> nextProbe[0] < probeRecords ? new Order(probeKeys[nextProbe[0]], nextProbe[0]++) : null,
                        (customer, order, out) -> out.collect(customer.region() + order.amount()),
                        value -> sum[0] += value);
        return sum[0];
    }

    /** The baseline: a HashMap from boxed key to the key's build records, probed with boxed keys. */
    @Benchmark
    public long baselineHashMap() {
        boolean hubs = "hubs".equals(buildKeys);
        Map<Long, List<Customer>> table = new HashMap<>();
        for (int i = 0; i < buildRecords; i++) {
            Customer customer = new Customer(hubs && i % 5 == 0 ? (i / 5) % 10 : i, i % 25);
            table.computeIfAbsent(customer.id(), key -> new ArrayList<>(1)).add(customer);
        }
        long sum = 0;
        for (int i = 0; i < probeRecords; i++) {
            Order order = new Order(probeKeys[i], i);
            List<Customer> matches = table.get(order.customer());
            if (matches != null) {
                for (Customer customer : matches) {
                    sum += customer.region() + order.amount();
                }
            }
        }
        return sum;
    }
}
