package io.weir.examples.tpch;

import io.weir.core.io.WriteMode;
import io.weir.dataset.DataSet;
import io.weir.dataset.ExecutionEnvironment;
import io.weir.dataset.JobExecutionResult;
import io.weir.dataset.Order;
import java.time.LocalDate;

/**
 * Sorts the {@code lineitem} table of a TPC-H directory by (l_shipdate, l_orderkey): each output line
 * is an input line, byte for byte, and the part files taken in name order are in that order.
 *
 * <p>Plan: read lines in splits → key each line (ship date, order key) → range-partition on the key
 * (boundaries from a sample of the keys) → sort each partition with the external sorter (spilling
 * when it does not fit) → write partition {@code i} as {@code part-0000i}.
 */
public final class LineItemSort {

    private LineItemSort() {}

    /**
     * A line of lineitem with its sort key. The key fields are a date and a long, whose normalized
     * keys (8 bytes each) decide the order in the sorter's index alone; a text date would leave
     * equal prefixes to be compared record by record.
     */
    public record KeyedLine(LocalDate shipDate, long orderKey, String line) {

        /** Keys a {@code |}-separated lineitem line: column 1 is the order key, column 11 the ship date. */
        static KeyedLine of(String line) {
            int end = line.indexOf('|');
            if (end < 0) {
                throw new IllegalArgumentException("not a lineitem line (no '|'): " + line);
            }
            long orderKey = Long.parseLong(line, 0, end, 10);
            int start = end;
            for (int column = 1; column < 10; column++) {
                start = line.indexOf('|', start + 1);
                if (start < 0) {
                    throw new IllegalArgumentException("not a lineitem line (fewer than 11 columns): " + line);
                }
            }
            int date = start + 1;
            if (line.length() < date + 10 || line.charAt(date + 4) != '-' || line.charAt(date + 7) != '-') {
                throw new IllegalArgumentException("not a lineitem line (column 11 is no yyyy-MM-dd date): " + line);
            }
            LocalDate shipDate = LocalDate.of(
                    Integer.parseInt(line, date, date + 4, 10),
                    Integer.parseInt(line, date + 5, date + 7, 10),
                    Integer.parseInt(line, date + 8, date + 10, 10));
            return new KeyedLine(shipDate, orderKey, line);
        }
    }

    /** The lines of the lineitem table at {@code tpchDirectory}, sorted, in range partitions. */
    public static DataSet<String> sorted(ExecutionEnvironment env, String tpchDirectory) {
        return env.readTextFile(Tables.path(tpchDirectory, "lineitem"))
                .name("read lineitem")
                .map(KeyedLine::of)
                .name("key by (l_shipdate, l_orderkey)")
                .partitionByRange("shipDate", "orderKey")
                .name("range-partition")
                .sortPartition("shipDate", Order.ASCENDING)
                .sortPartition("orderKey", Order.ASCENDING)
                .name("sort")
                .map(KeyedLine::line)
                .name("line");
    }

    /** Sorts and writes the part files into directory {@code output}. */
    public static JobExecutionResult run(
            ExecutionEnvironment env, String tpchDirectory, String output, boolean overwrite) {
        sorted(env, tpchDirectory)
                .writeAsText(output, overwrite ? WriteMode.OVERWRITE : WriteMode.NO_OVERWRITE)
                .name("write " + output);
        return env.execute("sort");
    }

    /** {@code LineItemSort TPCH_DIRECTORY OUTPUT}: for {@code weir run}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LineItemSort TPCH_DIRECTORY OUTPUT");
            System.exit(2);
        }
        System.out.println(run(ExecutionEnvironment.getExecutionEnvironment(), args[0], args[1], false));
    }
}
