package io.weir.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputFormatTest {

    enum Status {
        OPEN,
        SHIPPED
    }

    record Order(
            long id,
            String customer,
            BigDecimal price,
            LocalDate date,
            Integer quantity,
            Status status,
            boolean urgent,
            LocalDateTime placed) {}

    record Pair(String name, int value) {}

    @TempDir
    Path dir;

    static CompositeTypeInfo<Order> orderType() {
        return (CompositeTypeInfo<Order>) TypeExtractor.of(Order.class);
    }

    static List<Order> orders(int count, long seed) {
        Random random = new Random(seed);
        String[] names = {"plain", "with,comma", "with \"quotes\"", "", "  spaced  ", "ünïcödé"};
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(new Order(
                    random.nextLong(),
                    names[random.nextInt(names.length)] + i,
                    BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2),
                    LocalDate.ofEpochDay(random.nextInt(20_000)),
                    random.nextInt(5) == 0 ? null : random.nextInt(),
                    Status.values()[random.nextInt(2)],
                    random.nextBoolean(),
                    LocalDateTime.of(2020, 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), 7, 9)));
        }
        return orders;
    }

    /** The CSV text of orders, written the way a spreadsheet would: fields quoted only when needed. */
    static String csv(List<Order> orders, String delimiter) {
        StringBuilder text = new StringBuilder();
        for (Order order : orders) {
            List<String> fields = List.of(
                    String.valueOf(order.id()),
                    quoted(order.customer(), delimiter),
                    order.price().toPlainString(),
                    order.date().toString(),
                    order.quantity() == null ? "" : order.quantity().toString(),
                    order.status().name(),
                    String.valueOf(order.urgent()),
                    order.placed().toString().replace('T', ' '));
            text.append(String.join(delimiter, fields)).append(order.id() % 3 == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }

    static String quoted(String text, String delimiter) {
        return text.contains(delimiter) || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    /** Every record of every split, read by one format instance as a parallel source would. */
    static <T> List<T> readAll(CsvInputFormat<T> format, int minSplits) throws IOException {
        List<T> records = new ArrayList<>();
        for (FileInputSplit split : format.createInputSplits(minSplits)) {
            format.open(split);
            try {
                while (!format.reachedEnd()) {
                    T record = format.nextRecord();
                    if (record != null) {
                        records.add(record);
                    }
                }
            } finally {
                format.close();
            }
        }
        return records;
    }

    static CsvInputFormat.Config config(String delimiter, CsvInputFormat.Header header) {
        return new CsvInputFormat.Config(delimiter, '"', header, null, null, false, "skipped", false);
    }

    @Test
    void readsBackEveryTypedFieldOverManySplits() throws IOException {
        List<Order> orders = orders(60_000, 1);
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, csv(orders, ","), StandardCharsets.UTF_8);
        assertThat(Files.size(file)).isGreaterThan(3 << 20);

        List<Order> read =
                readAll(new CsvInputFormat<>(file.toString(), orderType(), config(",", CsvInputFormat.Header.NONE)), 4);

        assertThat(read).containsExactlyElementsOf(orders);
    }

    @Test
    void multiCharacterDelimiterAndFilesOfADirectory() throws IOException {
        List<Order> orders = orders(500, 2);
        Files.writeString(dir.resolve("a.csv"), csv(orders.subList(0, 200), "||"));
        Files.writeString(dir.resolve("b.csv"), csv(orders.subList(200, 500), "||"));

        List<Order> read =
                readAll(new CsvInputFormat<>(dir.toString(), orderType(), config("||", CsvInputFormat.Header.NONE)), 2);

        assertThat(read).containsExactlyInAnyOrderElementsOf(orders);
    }

    @Test
    void headerMatchesColumnsByNameInAnyOrderAndIgnoresOtherColumns() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "VALUE,extra,name\n1,x,one\n2,y,\"t,wo\"\n");
        Files.writeString(dir.resolve("b.csv"), "name,value\nthree,3\n");

        List<Pair> read = readAll(
                new CsvInputFormat<>(
                        dir.toString(),
                        (CompositeTypeInfo<Pair>) TypeExtractor.of(Pair.class),
                        config(",", CsvInputFormat.Header.NAMES)),
                1);

        assertThat(read).containsExactlyInAnyOrder(new Pair("one", 1), new Pair("t,wo", 2), new Pair("three", 3));
    }

    @Test
    void headerWithoutAFieldFailsWhenSplitting() throws IOException {
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "name,amount\none,1\n");

        CsvInputFormat<Pair> format = new CsvInputFormat<>(
                file.toString(),
                (CompositeTypeInfo<Pair>) TypeExtractor.of(Pair.class),
                config(",", CsvInputFormat.Header.NAMES));

        assertThatThrownBy(() -> format.createInputSplits(1))
                .hasMessageContaining("a.csv")
                .hasMessageContaining("[value]")
                .hasMessageContaining("[name, amount]");
    }

    @Test
    void chosenColumnsSkipTheOthersAndTrailingDelimitersAreHarmless() throws IOException {
        Path file = dir.resolve("a.tbl");
        Files.writeString(file, "7|skip|seven|\n8|skip|eight|\n# comment|x\n\n");

        List<Pair> read = readAll(
                new CsvInputFormat<>(
                        file.toString(),
                        (CompositeTypeInfo<Pair>) TypeExtractor.of(Pair.class),
                        new CsvInputFormat.Config(
                                "|", (char) 0, CsvInputFormat.Header.NONE, new int[] {2, 0}, "#", false, "x", false)),
                1);

        assertThat(read).containsExactly(new Pair("seven", 7), new Pair("eight", 8));
    }

    @Test
    void aFieldThatDoesNotParseNamesFileLineColumnAndText() throws IOException {
        Path file = dir.resolve("bad.csv");
        StringBuilder text = new StringBuilder("name,value\n");
        for (int i = 0; i < 1000; i++) {
            text.append("n")
                    .append(i)
                    .append(',')
                    .append(i == 777 ? "12x" : String.valueOf(i))
                    .append('\n');
        }
        Files.writeString(file, text);

        CsvInputFormat<Pair> format = new CsvInputFormat<>(
                file.toString(),
                (CompositeTypeInfo<Pair>) TypeExtractor.of(Pair.class),
                config(",", CsvInputFormat.Header.SKIP));

        assertThatThrownBy(() -> readAll(format, 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("line 779 of ")
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("column 2 (field 'value' of type Integer)")
                .hasMessageContaining("'12x'")
                .hasMessageContaining("n777,12x")
                .hasMessageContaining("ignoreInvalidLines()");
    }

    @Test
    void linesLongerThanTheReadBufferAndLinesAcrossItsEdgeAreReadWhole() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            Pair pair = new Pair("n".repeat(i % 5 == 0 ? 150_000 + i : 1 + i * 997 % 30_000), i);
            pairs.add(pair);
            text.append(pair.name()).append(',').append(pair.value()).append(i % 2 == 0 ? "\r\n" : "\n");
        }
        Path file = Files.writeString(dir.resolve("long.csv"), text);

        List<Pair> read = readAll(
                new CsvInputFormat<>(
                        file.toString(),
                        (CompositeTypeInfo<Pair>) TypeExtractor.of(Pair.class),
                        config(",", CsvInputFormat.Header.NONE)),
                3);

        assertThat(read).containsExactlyElementsOf(pairs);
    }

    @Test
    void structuralProblemsAreReported() throws IOException {
        CompositeTypeInfo<Pair> type = (CompositeTypeInfo<Pair>) TypeExtractor.of(Pair.class);
        String[][] cases = {
            {"only\n", "the line has 1 columns, 2 are needed"},
            {"\"open,1\n", "not closed on its line"},
            {"\"a\"b,1\n", "text after the closing quote"},
            {"a,\n", "primitive int field cannot be missing"},
        };
        for (String[] c : cases) {
            Path file = Files.writeString(dir.resolve("case" + c[0].hashCode() + ".csv"), c[0]);
            assertThatThrownBy(() -> readAll(
                            new CsvInputFormat<>(file.toString(), type, config(",", CsvInputFormat.Header.NONE)), 1))
                    .as(c[0])
                    .hasMessageContaining("line 1 of")
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void typesWithoutATextFormAreRejectedUpFront() {
        record Nested(String name, Pair pair) {}
        assertThatThrownBy(() -> new CsvInputFormat<>(
                        "x",
                        (CompositeTypeInfo<Nested>) TypeExtractor.of(Nested.class),
                        CsvInputFormat.Config.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pair");
    }
}
