package io.weir.benchmarks.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.weir.core.serialization.KryoSerializer;
import io.weir.core.serialization.SerializerConfig;
import io.weir.core.serialization.TypeSerializer;
import io.weir.core.types.Types;
import io.weir.memory.MemorySegment;
import io.weir.memory.view.PageSource;
import io.weir.memory.view.RandomAccessInputView;
import io.weir.memory.view.RandomAccessOutputView;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serializing and deserializing a record of (long, int, String, double), 1000 records per
 * invocation, reported per record: Weir's record serializer into off-heap pages (how Weir moves
 * records), plain Kryo into a byte array with the class registered (Kryo at its best), and Weir's
 * Kryo fallback into pages (what an unknown type costs). Also a record of money: (long, two
 * {@code BigDecimal}s of scale 2), as TPC-H line items carry it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx1g", "-XX:MaxDirectMemorySize=512m"})
public class SerializerThroughputBenchmark {

    /** The benchmark record. */
    public record Trade(long id, int quantity, String symbol, double price) {}

    /** A line item's money: price and discount, exact. */
    public record Money(long orderKey, BigDecimal price, BigDecimal discount) {}

    private static final int RECORDS = 1000;
    private static final int PAGE = 32 * 1024;

    private List<Trade> trades;
    private List<Money> money;
    private TypeSerializer<Money> weirMoney;
    private TypeSerializer<Trade> weir;
    private TypeSerializer<Trade> weirKryo;
    private List<MemorySegment> pages;
    private RandomAccessOutputView out;
    private RandomAccessInputView in;
    private Kryo kryo;
    private Output kryoOutput;
    private Input kryoInput;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        String[] symbols = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA", "BRK.B", "JPM", "XOM", "UNH", "V"};
        trades = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            trades.add(new Trade(
                    random.nextLong(),
                    random.nextInt(10_000),
                    symbols[random.nextInt(symbols.length)] + "-" + (i % 97),
                    random.nextDouble() * 1000));
        }
        money = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            money.add(new Money(
                    random.nextInt(6_000_000),
                    BigDecimal.valueOf(90_000 + random.nextInt(10_000_000), 2),
                    BigDecimal.valueOf(random.nextInt(11), 2)));
        }
        weirMoney = Types.of(Money.class).createSerializer(SerializerConfig.DEFAULT);
        weir = Types.of(Trade.class).createSerializer(SerializerConfig.DEFAULT);
        weirKryo = new KryoSerializer<>(Trade.class, SerializerConfig.DEFAULT);
        pages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pages.add(MemorySegment.allocateUnpooled(PAGE));
        }
        out = new RandomAccessOutputView(pages, PageSource.NONE);
        in = new RandomAccessInputView(pages, 0);
        kryo = new Kryo();
        kryo.register(Trade.class);
        kryoOutput = new Output(PAGE * 4);
        kryoInput = new Input();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long weirRecordSerializer() throws IOException {
        return roundTrip(weir, trades, Trade::quantity);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long weirMoneyRecord() throws IOException {
        return roundTrip(weirMoney, money, line -> line.discount().scale());
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long weirKryoFallback() throws IOException {
        return roundTrip(weirKryo, trades, Trade::quantity);
    }

    /** Writes {@code records} into the pages and reads them back, summing a field of each read. */
    private <R> long roundTrip(TypeSerializer<R> serializer, List<R> records, ToIntFunction<R> field)
            throws IOException {
        out.seek(0);
        for (R record : records) {
            serializer.serialize(record, out);
        }
        in.setEnd(out.position());
        in.seek(0);
        long checksum = 0;
        for (int i = 0; i < RECORDS; i++) {
            checksum += field.applyAsInt(serializer.deserialize(in));
        }
        return checksum;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long plainKryo() {
        kryoOutput.reset();
        for (Trade trade : trades) {
            kryo.writeObject(kryoOutput, trade);
        }
        kryoInput.setBuffer(kryoOutput.getBuffer(), 0, kryoOutput.position());
        long checksum = 0;
        for (int i = 0; i < RECORDS; i++) {
            checksum += kryo.readObject(kryoInput, Trade.class).quantity();
        }
        return checksum;
    }
}
