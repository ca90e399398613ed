package io.weir.examples.etl;

import static io.weir.core.predicate.Predicate.col;

import io.weir.core.fs.FileSystem;
import io.weir.core.io.WriteMode;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.formats.parquet.Parquet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.time.LocalDate;

/**
 * An ETL job over TPC-H tables: converts the {@code customer}, {@code orders} and {@code lineitem}
 * {@code .tbl} files to Parquet (one job), then reads that Parquet — with the filters and the
 * fields the program uses pushed into the reader — cleans, joins and aggregates it, and writes the
 * result as Parquet (a second job):
 *
 * <pre>
 * select c_mktsegment, year(o_orderdate), count(distinct o_orderkey), count(*),
 *        sum(l_extendedprice * (1 - l_discount))
 * from customer, orders, lineitem
 * where c_custkey = o_custkey and l_orderkey = o_orderkey
 *   and l_shipdate &gt;= date '1995-01-01' and l_returnflag != 'R' and l_quantity &gt; 0
 * group by c_mktsegment, year(o_orderdate)
 * </pre>
 *
 * Every path may be local or any file system Weir reads ({@code hdfs://...}). Money is exact
 * ({@code BigDecimal}, DECIMAL(15, 2) in Parquet; revenue DECIMAL(20, 4)).
 */
public final class TpchEtl {

    /** Line items shipped from this day on are counted. */
    public static final LocalDate SINCE = LocalDate.of(1995, 1, 1);

    private TpchEtl() {}

    public record Customer(long custKey, String name, long nationKey, BigDecimal acctBal, String mktSegment) {}

    public record Order(
            long orderKey,
            long custKey,
            String orderStatus,
            BigDecimal totalPrice,
            LocalDate orderDate,
            String orderPriority,
            int shipPriority) {}

    public record LineItem(
            long orderKey,
            long partKey,
            long suppKey,
            int lineNumber,
            BigDecimal quantity,
            BigDecimal extendedPrice,
            BigDecimal discount,
            BigDecimal tax,
            String returnFlag,
            String lineStatus,
            LocalDate shipDate,
            LocalDate commitDate,
            LocalDate receiptDate,
            String shipMode) {}

    /** A line's revenue with its order, before the customer's segment is known. */
    public record OrderLine(long orderKey, long custKey, int year, BigDecimal revenue) {}

    /** A row of the result. */
    public record SegmentRevenue(String mktSegment, int year, long orders, long lines, BigDecimal revenue) {
        SegmentRevenue plus(SegmentRevenue other) {
            return new SegmentRevenue(
                    mktSegment, year, orders + other.orders, lines + other.lines, revenue.add(other.revenue));
        }
    }

    /** Revenue of one order, for counting orders once. */
    public record OrderRevenue(long orderKey, long custKey, int year, long lines, BigDecimal revenue) {
        OrderRevenue plus(OrderRevenue other) {
            return new OrderRevenue(orderKey, custKey, year, lines + other.lines, revenue.add(other.revenue));
        }
    }

    /** Converts the three {@code .tbl} tables of {@code tpchDirectory} to Parquet directories under {@code tables}. */
    public static JobExecutionResult convert(ExecutionEnvironment env, String tpchDirectory, String tables) {
        Parquet.Writer money = Parquet.writer().decimal(15, 2);
        money.write(
                read(env, tpchDirectory, "customer", Customer.class, 0, 1, 3, 5, 6),
                table(tables, "customer"),
                WriteMode.OVERWRITE);
        money.write(
                read(env, tpchDirectory, "orders", Order.class, 0, 1, 2, 3, 4, 5, 7),
                table(tables, "orders"),
                WriteMode.OVERWRITE);
        money.write(
                read(env, tpchDirectory, "lineitem", LineItem.class, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14),
                table(tables, "lineitem"),
                WriteMode.OVERWRITE);
        return env.execute("tpch to parquet");
    }

    private static <T> DataSet<T> read(
            ExecutionEnvironment env, String directory, String table, Class<T> type, int... columns) {
        return env.readCsvFile(tbl(directory, table))
                .fieldDelimiter('|')
                .noQuoting()
                .columns(columns)
                .as(type)
                .name("read " + table + ".tbl");
    }

    /** The revenue by segment and year, from the Parquet tables under {@code tables}. */
    public static DataSet<SegmentRevenue> query(ExecutionEnvironment env, String tables) {
        DataSet<LineItem> lineItems = Parquet.read(env, table(tables, "lineitem"), LineItem.class)
                .name("read lineitem")
                .filter(col("shipDate").ge(SINCE).and(col("returnFlag").notEq("R")))
                .name("shipped since " + SINCE + ", not returned")
                .filter(col("quantity").gt(BigDecimal.ZERO))
                .name("positive quantity");
        DataSet<Order> orders =
                Parquet.read(env, table(tables, "orders"), Order.class).name("read orders");
        DataSet<Customer> customers = Parquet.read(env, table(tables, "customer"), Customer.class)
                .name("read customer")
                .map(customer -> new Customer(
                        customer.custKey(),
                        customer.name().trim(),
                        customer.nationKey(),
                        customer.acctBal(),
                        customer.mktSegment().trim()))
                .withReadFields("custKey; name; nationKey; acctBal; mktSegment")
                .name("clean customer");
        DataSet<OrderRevenue> byOrder = lineItems
                .join(orders)
                .where("orderKey")
                .equalTo("orderKey")
                .with((line, order) -> new OrderRevenue(
                        order.orderKey(), order.custKey(), order.orderDate().getYear(), 1, revenue(line)))
                .withReadFieldsFirst("orderKey; extendedPrice; discount")
                .withReadFieldsSecond("orderKey; custKey; orderDate")
                .withForwardedFieldsFirst("orderKey")
                .name("⋈ orders")
                .groupBy("orderKey")
                .reduce(OrderRevenue::plus)
                .name("revenue by order");
        return byOrder.join(customers)
                .where("custKey")
                .equalTo("custKey")
                .with((order, customer) ->
                        new SegmentRevenue(customer.mktSegment(), order.year(), 1, order.lines(), order.revenue()))
                .name("⋈ customer")
                .groupBy("mktSegment", "year")
                .reduce(SegmentRevenue::plus)
                .name("revenue by segment and year");
    }

    /** l_extendedprice × (1 − l_discount), exact. */
    static BigDecimal revenue(LineItem line) {
        return line.extendedPrice()
                .multiply(BigDecimal.ONE.subtract(line.discount()))
                .setScale(4, RoundingMode.UNNECESSARY);
    }

    /**
     * Converts the tables to Parquet under {@code tables} (when they are not there yet), runs the
     * query and writes its result as Parquet into {@code output}.
     */
    public static JobExecutionResult run(
            ExecutionEnvironment env, String tpchDirectory, String tables, String output, boolean overwrite) {
        convert(env, tpchDirectory, tables);
        Parquet.writer()
                .decimal(20, 4)
                .write(query(env, tables), output, overwrite ? WriteMode.OVERWRITE : WriteMode.NO_OVERWRITE);
        return env.execute("tpch etl");
    }

    /** Where the Parquet table {@code name} goes under {@code tables}. */
    static String table(String tables, String name) {
        return FileSystem.child(FileSystem.toUri(tables), name).toString();
    }

    /** The {@code .tbl} file (or directory of parts) of {@code table} in {@code directory}, on any file system. */
    static String tbl(String directory, String table) {
        URI base = FileSystem.toUri(directory);
        try {
            FileSystem fileSystem = FileSystem.get(base);
            for (String name : new String[] {table + ".tbl", table}) {
                URI candidate = FileSystem.child(base, name);
                if (exists(fileSystem, candidate)) {
                    return candidate.toString();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look into " + directory + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no " + table + ".tbl in " + directory
                + ": give a directory of TPC-H .tbl files (generate one with --scale-factor)");
    }

    private static boolean exists(FileSystem fileSystem, URI path) {
        try {
            fileSystem.status(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code TpchEtl TPCH_DIRECTORY TABLES OUTPUT}: for {@code weir run}. */
    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: TpchEtl TPCH_DIRECTORY PARQUET_TABLES_DIRECTORY OUTPUT");
            System.exit(2);
        }
        System.out.println(run(ExecutionEnvironment.getExecutionEnvironment(), args[0], args[1], args[2], false));
    }
}
