package io.weir.examples.tpch;

import static io.weir.core.predicate.Predicate.col;

import io.weir.core.io.WriteMode;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.dataset.Order;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * TPC-H Query 3, the shipping priority query, with segment BUILDING and date 1995-03-15:
 *
 * <pre>
 * select l_orderkey, sum(l_extendedprice * (1 - l_discount)) as revenue, o_orderdate, o_shippriority
 * from customer, orders, lineitem
 * where c_mktsegment = 'BUILDING' and c_custkey = o_custkey and l_orderkey = o_orderkey
 *   and o_orderdate &lt; date '1995-03-15' and l_shipdate &gt; date '1995-03-15'
 * group by l_orderkey, o_orderdate, o_shippriority
 * order by revenue desc, o_orderdate
 * limit 10
 * </pre>
 *
 * Revenue is exact (fixed point, scale 4). Rows of equal revenue and date are ordered by order key,
 * so that the ten rows are always the same. The optimizer plans it (no hints; its README shows the
 * plan at scale factor 1): read and filter the three tables → join customers with orders → join
 * with line items on the order key → reduce the revenue by order in hash tables (behind the join,
 * without a second exchange, because the join forwards the order key) → sort with parallelism 1 →
 * first 10 → CSV with a header.
 */
public final class TpchQ3 {

    public static final String SEGMENT = "BUILDING";
    public static final LocalDate DATE = LocalDate.of(1995, 3, 15);
    public static final int LIMIT = 10;

    private TpchQ3() {}

    public record Customer(long custKey, String mktSegment) {}

    public record Orders(long orderKey, long custKey, LocalDate orderDate, int shipPriority) {}

    public record LineItem(long orderKey, BigDecimal extendedPrice, BigDecimal discount, LocalDate shipDate) {}

    /** An order of a customer in the segment. */
    public record CustomerOrder(long orderKey, LocalDate orderDate, int shipPriority) {}

    /** Revenue (scale 4) of an order, summed over its line items. */
    public record Revenue(long orderKey, LocalDate orderDate, int shipPriority, long revenue) {

        static Revenue of(CustomerOrder order, LineItem line) {
            long price = Fixed.unscaled(line.extendedPrice(), 2);
            long discount = Fixed.unscaled(line.discount(), 2);
            return new Revenue(order.orderKey(), order.orderDate(), order.shipPriority(), price * (100 - discount));
        }

        Revenue plus(Revenue other) {
            return new Revenue(orderKey, orderDate, shipPriority, Math.addExact(revenue, other.revenue));
        }
    }

    /** A row of the result, columns in the query's SELECT order. */
    public record Row(long l_orderkey, BigDecimal revenue, LocalDate o_orderdate, int o_shippriority) {
        static Row of(Revenue revenue) {
            return new Row(
                    revenue.orderKey(),
                    BigDecimal.valueOf(revenue.revenue(), 4),
                    revenue.orderDate(),
                    revenue.shipPriority());
        }
    }

    /** The query over the tables of {@code tpchDirectory}, rows in ORDER BY order. */
    public static DataSet<Row> query(ExecutionEnvironment env, String tpchDirectory) {
        return query(env, TpchSource.tbl(tpchDirectory));
    }

    /** The query over the tables of {@code source}, rows in ORDER BY order. */
    public static DataSet<Row> query(ExecutionEnvironment env, TpchSource source) {
        DataSet<Customer> customers = source.filter(
                        source.read(env, "customer", Customer.class, 0, 6),
                        col("mktSegment").eq(SEGMENT),
                        customer -> customer.mktSegment().equals(SEGMENT))
                .name("c_mktsegment = " + SEGMENT);
        DataSet<Orders> orders = source.filter(
                        source.read(env, "orders", Orders.class, 0, 1, 4, 7),
                        col("orderDate").lt(DATE),
                        order -> order.orderDate().isBefore(DATE))
                .name("o_orderdate < " + DATE);
        DataSet<LineItem> lineItems = source.filter(
                        source.read(env, "lineitem", LineItem.class, 0, 5, 6, 10),
                        col("shipDate").gt(DATE),
                        line -> line.shipDate().isAfter(DATE))
                .name("l_shipdate > " + DATE);
        return customers
                .join(orders)
                .where("custKey")
                .equalTo("custKey")
                .with((customer, order) -> new CustomerOrder(order.orderKey(), order.orderDate(), order.shipPriority()))
                .name("customer ⋈ orders")
                .join(lineItems)
                .where("orderKey")
                .equalTo("orderKey")
                .with(Revenue::of)
                .withForwardedFieldsFirst("orderKey; orderDate; shipPriority")
                .name("⋈ lineitem")
                .groupBy("orderKey", "orderDate", "shipPriority")
                .reduce(Revenue::plus)
                .name("revenue by order")
                .sortPartition("revenue", Order.DESCENDING)
                .sortPartition("orderDate", Order.ASCENDING)
                .sortPartition("orderKey", Order.ASCENDING)
                .setParallelism(1)
                .name("order by revenue desc, o_orderdate")
                .first(LIMIT)
                .name("limit " + LIMIT)
                .map(Row::of)
                .name("result row");
    }

    /** Runs the query and writes its CSV (with a header) into directory {@code output}. */
    public static JobExecutionResult run(
            ExecutionEnvironment env, String tpchDirectory, String output, boolean overwrite) {
        return run(env, TpchSource.tbl(tpchDirectory), output, overwrite);
    }

    /** Runs the query over the tables of {@code source} and writes its CSV into {@code output}. */
    public static JobExecutionResult run(
            ExecutionEnvironment env, TpchSource source, String output, boolean overwrite) {
        query(env, source)
                .writeAsCsvWithHeader(output, overwrite ? WriteMode.OVERWRITE : WriteMode.NO_OVERWRITE)
                .name("write " + output);
        return env.execute("tpch-q3");
    }

    /** {@code TpchQ3 TPCH_DIRECTORY OUTPUT}: for {@code weir run}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TpchQ3 TPCH_DIRECTORY OUTPUT");
            System.exit(2);
        }
        System.out.println(run(ExecutionEnvironment.getExecutionEnvironment(), args[0], args[1], false));
    }
}
