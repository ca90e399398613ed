package io.weir.examples.tpch;

import io.weir.core.io.WriteMode;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.dataset.Order;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * TPC-H Query 1, the pricing summary report, with DELTA = 90 days:
 *
 * <pre>
 * select l_returnflag, l_linestatus, sum(l_quantity) as sum_qty,
 *        sum(l_extendedprice) as sum_base_price,
 *        sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
 *        sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
 *        avg(l_quantity) as avg_qty, avg(l_extendedprice) as avg_price,
 *        avg(l_discount) as avg_disc, count(*) as count_order
 * from lineitem where l_shipdate &lt;= date '1998-12-01' - interval '90' day
 * group by l_returnflag, l_linestatus order by l_returnflag, l_linestatus
 * </pre>
 *
 * Money is exact: the sums are fixed-point longs (scale 2 for quantities, prices and discounts, 4
 * for the discounted price, 6 for the charge), which overflow — and then fail the job, never wrap —
 * only beyond scale factor 100; averages are the exact quotients rounded half-even to {@value
 * #AVERAGE_SCALE} decimals. Plan: read the columns it needs → filter by date → map to one row of
 * sums per line → combine and reduce by (flag, status) in hash tables → averages → sort with
 * parallelism 1 → one CSV file with a header.
 */
public final class TpchQ1 {

    /** Decimals of the averages. */
    public static final int AVERAGE_SCALE = 8;

    /** The last ship date counted: 1998-12-01 minus 90 days. */
    public static final LocalDate SHIP_DATE_LIMIT = LocalDate.of(1998, 12, 1).minusDays(90);

    private TpchQ1() {}

    /** The columns of {@code lineitem} that Q1 reads. */
    public record LineItem(
            String returnFlag,
            String lineStatus,
            BigDecimal quantity,
            BigDecimal extendedPrice,
            BigDecimal discount,
            BigDecimal tax,
            LocalDate shipDate) {}

    /** The sums of one (flag, status) group, in fixed point. */
    public record Sums(
            String returnFlag,
            String lineStatus,
            long quantity,
            long basePrice,
            long discountedPrice,
            long charge,
            long discount,
            long count) {

        static Sums of(LineItem line) {
            long price = Fixed.unscaled(line.extendedPrice(), 2);
            long discount = Fixed.unscaled(line.discount(), 2);
            long discounted = price * (100 - discount);
            return new Sums(
                    line.returnFlag(),
                    line.lineStatus(),
                    Fixed.unscaled(line.quantity(), 2),
                    price,
                    discounted,
                    discounted * (100 + Fixed.unscaled(line.tax(), 2)),
                    discount,
                    1);
        }

        Sums plus(Sums other) {
            return new Sums(
                    returnFlag,
                    lineStatus,
                    Math.addExact(quantity, other.quantity),
                    Math.addExact(basePrice, other.basePrice),
                    Math.addExact(discountedPrice, other.discountedPrice),
                    Math.addExact(charge, other.charge),
                    Math.addExact(discount, other.discount),
                    count + other.count);
        }
    }

    /** A row of the result, columns in the query's SELECT order. */
    public record Row(
            String l_returnflag,
            String l_linestatus,
            BigDecimal sum_qty,
            BigDecimal sum_base_price,
            BigDecimal sum_disc_price,
            BigDecimal sum_charge,
            BigDecimal avg_qty,
            BigDecimal avg_price,
            BigDecimal avg_disc,
            long count_order) {

        static Row of(Sums sums) {
            BigDecimal count = BigDecimal.valueOf(sums.count());
            return new Row(
                    sums.returnFlag(),
                    sums.lineStatus(),
                    BigDecimal.valueOf(sums.quantity(), 2),
                    BigDecimal.valueOf(sums.basePrice(), 2),
                    BigDecimal.valueOf(sums.discountedPrice(), 4),
                    BigDecimal.valueOf(sums.charge(), 6),
                    BigDecimal.valueOf(sums.quantity(), 2).divide(count, AVERAGE_SCALE, RoundingMode.HALF_EVEN),
                    BigDecimal.valueOf(sums.basePrice(), 2).divide(count, AVERAGE_SCALE, RoundingMode.HALF_EVEN),
                    BigDecimal.valueOf(sums.discount(), 2).divide(count, AVERAGE_SCALE, RoundingMode.HALF_EVEN),
                    sums.count());
        }
    }

    /** The query over the {@code lineitem.tbl} of {@code tpchDirectory}, rows in ORDER BY order. */
    public static DataSet<Row> query(ExecutionEnvironment env, String tpchDirectory) {
        return query(env, TpchSource.tbl(tpchDirectory));
    }

    /** The query over the tables of {@code source}, rows in ORDER BY order. */
    public static DataSet<Row> query(ExecutionEnvironment env, TpchSource source) {
        return source.filter(
                        source.read(env, "lineitem", LineItem.class, 8, 9, 4, 5, 6, 7, 10),
                        io.weir.core.predicate.Predicate.col("shipDate").le(SHIP_DATE_LIMIT),
                        line -> !line.shipDate().isAfter(SHIP_DATE_LIMIT))
                .name("l_shipdate <= " + SHIP_DATE_LIMIT)
                .map(Sums::of)
                .name("line sums")
                .groupBy("returnFlag", "lineStatus")
                .reduce(Sums::plus)
                .name("sum by flag and status")
                .map(Row::of)
                .name("averages")
                .sortPartition("l_returnflag", Order.ASCENDING)
                .sortPartition("l_linestatus", Order.ASCENDING)
                .setParallelism(1)
                .name("order by flag, status");
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
        return env.execute("tpch-q1");
    }

    /** {@code TpchQ1 TPCH_DIRECTORY OUTPUT}: for {@code weir run}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TpchQ1 TPCH_DIRECTORY OUTPUT");
            System.exit(2);
        }
        System.out.println(run(ExecutionEnvironment.getExecutionEnvironment(), args[0], args[1], false));
    }
}
