package io.weir.benchmarks.workloads;

import io.weir.examples.tpch.TpchData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A TPC-H query over generated {@code .tbl} files ({@code --scale-factor}, default 1): {@code bin/weir
 * example tpch-qN} beside DuckDB running the specification's SQL over the same files. The outputs
 * must have the same rows in the same order; numbers agree when equal as decimals, or, where DuckDB
 * computes an average as a double, to within a millionth of their value.
 */
final class TpchWorkload implements EndToEnd.Workload {

    private static final String LINEITEM_COLUMNS = "{'l_orderkey': 'BIGINT', 'l_partkey': 'BIGINT',"
            + " 'l_suppkey': 'BIGINT', 'l_linenumber': 'INTEGER', 'l_quantity': 'DECIMAL(15,2)',"
            + " 'l_extendedprice': 'DECIMAL(15,2)', 'l_discount': 'DECIMAL(15,2)', 'l_tax': 'DECIMAL(15,2)',"
            + " 'l_returnflag': 'VARCHAR', 'l_linestatus': 'VARCHAR', 'l_shipdate': 'DATE', 'l_commitdate': 'DATE',"
            + " 'l_receiptdate': 'DATE', 'l_shipinstruct': 'VARCHAR', 'l_shipmode': 'VARCHAR',"
            + " 'l_comment': 'VARCHAR', 'l_end': 'VARCHAR'}";
    private static final String ORDERS_COLUMNS = "{'o_orderkey': 'BIGINT', 'o_custkey': 'BIGINT',"
            + " 'o_orderstatus': 'VARCHAR', 'o_totalprice': 'DECIMAL(15,2)', 'o_orderdate': 'DATE',"
            + " 'o_orderpriority': 'VARCHAR', 'o_clerk': 'VARCHAR', 'o_shippriority': 'INTEGER',"
            + " 'o_comment': 'VARCHAR', 'o_end': 'VARCHAR'}";
    private static final String CUSTOMER_COLUMNS = "{'c_custkey': 'BIGINT', 'c_name': 'VARCHAR',"
            + " 'c_address': 'VARCHAR', 'c_nationkey': 'BIGINT', 'c_phone': 'VARCHAR',"
            + " 'c_acctbal': 'DECIMAL(15,2)', 'c_mktsegment': 'VARCHAR', 'c_comment': 'VARCHAR',"
            + " 'c_end': 'VARCHAR'}";

    private final String query;

    TpchWorkload(String query) {
        this.query = query;
    }

    @Override
    public Path prepare(Path dir, Map<String, String> options) throws IOException {
        String scaleFactor = options.getOrDefault("scale-factor", "1");
        Path tables = dir.resolve("tpch-sf" + scaleFactor);
        if (!Files.exists(tables.resolve("lineitem.tbl"))) {
            System.out.println("generating TPC-H tables at scale factor " + scaleFactor + " into " + tables);
            TpchData.generate(tables, Double.parseDouble(scaleFactor), TpchData.EXAMPLE_TABLES);
        }
        return tables;
    }

    @Override
    public List<String> weirArguments(Path input, Path output) {
        return List.of(
                "example",
                "tpch-" + query,
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--overwrite",
                "--quiet");
    }

    /** A {@code .tbl} file as DuckDB reads it: '|'-separated, the trailing '|' as an empty last column. */
    static String table(Path input, String name, String columns) {
        return "read_csv('" + input.resolve(name + ".tbl") + "', delim = '|', header = false, quote = '',"
                + " escape = '', auto_detect = false, columns = " + columns + ")";
    }

    @Override
    public List<String> duckDbStatements(Path input, Path output) {
        String lineitem = table(input, "lineitem", LINEITEM_COLUMNS);
        String sql = switch (query) {
            case "q1" ->
                "SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty,"
                        + " sum(l_extendedprice) AS sum_base_price,"
                        + " sum(l_extendedprice * (1 - l_discount)) AS sum_disc_price,"
                        + " sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) AS sum_charge,"
                        + " avg(l_quantity) AS avg_qty, avg(l_extendedprice) AS avg_price,"
                        + " avg(l_discount) AS avg_disc, count(*) AS count_order FROM " + lineitem
                        + " WHERE l_shipdate <= DATE '1998-12-01' - INTERVAL 90 DAY"
                        + " GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus";
            case "q3" ->
                "SELECT l_orderkey, sum(l_extendedprice * (1 - l_discount)) AS revenue, o_orderdate,"
                        + " o_shippriority FROM " + table(input, "customer", CUSTOMER_COLUMNS) + ", "
                        + table(input, "orders", ORDERS_COLUMNS) + ", " + lineitem
                        + " WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey"
                        + " AND o_orderdate < DATE '1995-03-15' AND l_shipdate > DATE '1995-03-15'"
                        + " GROUP BY l_orderkey, o_orderdate, o_shippriority"
                        + " ORDER BY revenue DESC, o_orderdate, l_orderkey LIMIT 10";
            default -> throw new IllegalArgumentException("no TPC-H query " + query);
        };
        return List.of("COPY (" + sql + ") TO '" + output + "' (HEADER true)");
    }

    @Override
    public void compare(Path weirOutput, Path duckDbOutput) throws IOException {
        List<String> weir = new ArrayList<>();
        try (Stream<Path> files = Files.list(weirOutput)) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-"))
                    .sorted()
                    .toList()) {
                weir.addAll(Files.readAllLines(part));
            }
        }
        List<String> duck = Files.readAllLines(duckDbOutput);
        if (weir.size() != duck.size()) {
            throw new IllegalStateException(
                    "weir wrote " + weir.size() + " lines, duckdb " + duck.size() + ":\n" + weir + "\n" + duck);
        }
        for (int i = 0; i < weir.size(); i++) {
            String[] a = weir.get(i).split(",", -1);
            String[] b = duck.get(i).split(",", -1);
            boolean same = a.length == b.length;
            for (int f = 0; same && f < a.length; f++) {
                same = a[f].equals(b[f]) || numericallyClose(a[f], b[f]);
            }
            if (!same) {
                throw new IllegalStateException(
                        "line " + (i + 1) + " differs:\n  weir   " + weir.get(i) + "\n  duckdb " + duck.get(i));
            }
        }
    }

    private static boolean numericallyClose(String a, String b) {
        try {
            BigDecimal x = new BigDecimal(a);
            BigDecimal y = new BigDecimal(b);
            if (x.compareTo(y) == 0) {
                return true;
            }
            BigDecimal tolerance = x.abs().max(y.abs()).multiply(new BigDecimal("1e-6"));
            return x.subtract(y).abs().compareTo(tolerance) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
