package io.weir.examples.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.trino.tpch.Customer;
import io.trino.tpch.LineItem;
import io.trino.tpch.Order;
import io.trino.tpch.TpchTable;
import io.weir.core.config.Configuration;
import io.weir.core.config.MemoryOptions;
import io.weir.core.config.MemorySize;
import io.weir.dataset.ExecutionEnvironment;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Q1 and Q3 against the same queries computed in plain Java, with BigDecimal arithmetic, straight from
 * the generator's rows (not from the files Weir parses).
 */
class TpchQueriesTest {

    static final double SCALE_FACTOR = 0.01;

    @TempDir
    static Path tables;

    @BeforeAll
    static void generate() throws IOException {
        TpchData.generate(tables, SCALE_FACTOR, List.of());
    }

    static ExecutionEnvironment environment(int parallelism, String memory) {
        Configuration configuration = new Configuration()
                .set(MemoryOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(memory))
                .set(MemoryOptions.PAGE_SIZE, MemorySize.parse("8k"));
        return ExecutionEnvironment.createLocalEnvironment(configuration).setParallelism(parallelism);
    }

    static List<String> output(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    static BigDecimal cents(long value) {
        return BigDecimal.valueOf(value, 2);
    }

    /** Q1 in plain Java: BigDecimal sums per (flag, status), ordered by both. */
    static List<String> q1(double scaleFactor) {
        record Group(BigDecimal[] sums, long[] count) {}
        Map<String, Group> groups = new TreeMap<>();
        LocalDate limit = LocalDate.of(1998, 12, 1).minusDays(90);
        for (LineItem line : TpchTable.LINE_ITEM.createGenerator(scaleFactor, 1, 1)) {
            if (LocalDate.ofEpochDay(line.getShipDate()).isAfter(limit)) {
                continue;
            }
            Group group = groups.computeIfAbsent(
                    line.getReturnFlag() + "," + line.getStatus(),
                    key -> new Group(
                            new BigDecimal[] {
                                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO
                            },
                            new long[1]));
            BigDecimal price = cents(line.getExtendedPriceInCents());
            BigDecimal discount = cents(line.getDiscountPercent());
            BigDecimal tax = cents(line.getTaxPercent());
            BigDecimal discounted = price.multiply(BigDecimal.ONE.subtract(discount));
            BigDecimal[] s = group.sums();
            s[0] = s[0].add(BigDecimal.valueOf(line.getQuantity()));
            s[1] = s[1].add(price);
            s[2] = s[2].add(discounted);
            s[3] = s[3].add(discounted.multiply(BigDecimal.ONE.add(tax)));
            s[4] = s[4].add(discount);
            group.count()[0]++;
        }
        List<String> rows = new ArrayList<>();
        rows.add("l_returnflag,l_linestatus,sum_qty,sum_base_price,sum_disc_price,sum_charge,avg_qty,avg_price,"
                + "avg_disc,count_order");
        groups.forEach((key, group) -> {
            BigDecimal[] s = group.sums();
            BigDecimal count = BigDecimal.valueOf(group.count()[0]);
            rows.add(String.join(
                    ",",
                    key,
                    s[0].setScale(2).toPlainString(),
                    s[1].toPlainString(),
                    s[2].setScale(4).toPlainString(),
                    s[3].setScale(6).toPlainString(),
                    s[0].divide(count, TpchQ1.AVERAGE_SCALE, RoundingMode.HALF_EVEN)
                            .toPlainString(),
                    s[1].divide(count, TpchQ1.AVERAGE_SCALE, RoundingMode.HALF_EVEN)
                            .toPlainString(),
                    s[4].divide(count, TpchQ1.AVERAGE_SCALE, RoundingMode.HALF_EVEN)
                            .toPlainString(),
                    Long.toString(group.count()[0])));
        });
        return rows;
    }

    /** Q3 in plain Java: hash maps for the joins, a full sort for the order. */
    static List<String> q3(double scaleFactor) {
        Set<Long> building = new HashSet<>();
        for (Customer customer : TpchTable.CUSTOMER.createGenerator(scaleFactor, 1, 1)) {
            if (customer.getMarketSegment().equals("BUILDING")) {
                building.add(customer.getCustomerKey());
            }
        }
        LocalDate date = LocalDate.of(1995, 3, 15);
        Map<Long, Order> orders = new HashMap<>();
        for (Order order : TpchTable.ORDERS.createGenerator(scaleFactor, 1, 1)) {
            if (building.contains(order.getCustomerKey())
                    && LocalDate.ofEpochDay(order.getOrderDate()).isBefore(date)) {
                orders.put(order.getOrderKey(), order);
            }
        }
        Map<Long, BigDecimal> revenue = new HashMap<>();
        for (LineItem line : TpchTable.LINE_ITEM.createGenerator(scaleFactor, 1, 1)) {
            if (orders.containsKey(line.getOrderKey())
                    && LocalDate.ofEpochDay(line.getShipDate()).isAfter(date)) {
                BigDecimal value = cents(line.getExtendedPriceInCents())
                        .multiply(BigDecimal.ONE.subtract(cents(line.getDiscountPercent())));
                revenue.merge(line.getOrderKey(), value, BigDecimal::add);
            }
        }
        Comparator<Map.Entry<Long, BigDecimal>> order = Comparator.<Map.Entry<Long, BigDecimal>, BigDecimal>comparing(
                        Map.Entry::getValue)
                .reversed()
                .thenComparing(entry -> orders.get(entry.getKey()).getOrderDate())
                .thenComparing(Map.Entry::getKey);
        List<String> rows = new ArrayList<>();
        rows.add("l_orderkey,revenue,o_orderdate,o_shippriority");
        revenue.entrySet().stream().sorted(order).limit(10).forEach(entry -> {
            Order o = orders.get(entry.getKey());
            rows.add(entry.getKey() + "," + entry.getValue().setScale(4).toPlainString() + ","
                    + LocalDate.ofEpochDay(o.getOrderDate()) + "," + o.getShipPriority());
        });
        return rows;
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 4m"})
    void q1MatchesPlainJavaOverTheGeneratedRows(int parallelism, String memory, @TempDir Path out) throws IOException {
        TpchQ1.run(
                environment(parallelism, memory),
                tables.toString(),
                out.resolve("q1").toString(),
                false);
        List<String> rows = output(out.resolve("q1"));
        assertThat(rows).isEqualTo(q1(SCALE_FACTOR));
        assertThat(rows).hasSize(5);
    }

    @ParameterizedTest(name = "parallelism {0}, memory {1}")
    @CsvSource({"1, 64m", "4, 64m", "2, 4m"})
    void q3MatchesPlainJavaOverTheGeneratedRows(int parallelism, String memory, @TempDir Path out) throws IOException {
        TpchQ3.run(
                environment(parallelism, memory),
                tables.toString(),
                out.resolve("q3").toString(),
                false);
        List<String> rows = output(out.resolve("q3"));
        assertThat(rows).isEqualTo(q3(SCALE_FACTOR));
        assertThat(rows).hasSize(11);
    }

    @Test
    void bothQueriesRunAtScaleFactorOneTenthInSixteenMegabytes(@TempDir Path directory) throws IOException {
        Path data = directory.resolve("tpch");
        TpchData.generate(data, 0.1, List.of());
        ExecutionEnvironment env = environment(2, "16m");
        TpchQ1.run(env, data.toString(), directory.resolve("q1").toString(), false);
        TpchQ3.run(env, data.toString(), directory.resolve("q3").toString(), false);
        assertThat(output(directory.resolve("q1"))).isEqualTo(q1(0.1));
        assertThat(output(directory.resolve("q3"))).isEqualTo(q3(0.1));
    }
}
