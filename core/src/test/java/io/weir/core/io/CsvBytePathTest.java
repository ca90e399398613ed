package io.weir.core.io;

import static io.weir.core.predicate.Predicate.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.predicate.Predicate;
import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines parsed from their bytes give exactly what the same lines read as text give — the text
 * path (taken with multi-line fields on) is the oracle — over fields in every form: plain, signed,
 * zero-padded, spaced, empty, too long, invalid, quoted, non-ASCII, with one- and multi-byte
 * delimiters.
 */
class CsvBytePathTest {

    record Mixed(
            Long number,
            int count,
            BigDecimal price,
            LocalDate date,
            String text,
            Double ratio,
            Boolean flag,
            String code) {}

    @TempDir
    Path dir;

    private static final String[] TEXTS = {"", "x", "ä", " spaced ", "plain", "日本", "A", "R"};

    static String integer(Random random, int maxDigits) {
        String digits =
                Long.toString(Long.MAX_VALUE - random.nextInt(1_000_000)).substring(0, 1 + random.nextInt(maxDigits));
        return switch (random.nextInt(12)) {
            case 0 -> "-" + digits;
            case 1 -> "+" + digits;
            case 2 -> "00" + digits;
            case 3 -> " " + digits;
            case 4 -> digits + " ";
            case 5 -> "";
            case 6 -> "-";
            case 7 -> digits + "x";
            case 8 -> "9".repeat(19 + random.nextInt(2));
            case 9 -> "-" + "9".repeat(18);
            default -> digits;
        };
    }

    static String decimal(Random random) {
        String whole = Integer.toString(random.nextInt(100_000));
        String fraction = Integer.toString(random.nextInt(100));
        return switch (random.nextInt(14)) {
            case 0 -> "-" + whole + "." + fraction;
            case 1 -> "+" + whole + "." + fraction;
            case 2 -> whole + ".";
            case 3 -> "." + fraction;
            case 4 -> "-." + fraction;
            case 5 -> whole + "." + fraction + "." + fraction;
            case 6 -> "1234567890123456789." + fraction;
            case 7 -> whole + "e3";
            case 8 -> ".";
            case 9 -> "";
            case 10 -> " " + whole;
            default -> whole + "." + fraction;
        };
    }

    static String date(Random random) {
        LocalDate date = LocalDate.ofEpochDay(random.nextInt(40_000) - 5_000);
        return switch (random.nextInt(10)) {
            case 0 -> "2024-02-30";
            case 1 -> "2023-13-01";
            case 2 -> "2024-1-01";
            case 3 -> " " + date;
            case 4 -> "";
            case 5 -> "20x4-01-01";
            case 6 -> "2024-0-101";
            default -> date.toString();
        };
    }

    static String text(Random random, String delimiter) {
        String text = TEXTS[random.nextInt(TEXTS.length)];
        return switch (random.nextInt(6)) {
            case 0 -> "\"" + text + delimiter + text + "\"";
            case 1 -> "\"" + text + "\"\"q\"";
            default -> text;
        };
    }

    static String line(Random random, String delimiter) {
        return line(random, delimiter, date(random));
    }

    static String line(Random random, String delimiter, String date) {
        List<String> fields = new ArrayList<>(List.of(
                integer(random, 18),
                integer(random, 9),
                decimal(random),
                date,
                text(random, delimiter),
                random.nextInt(4) == 0 ? "x" : Double.toString(random.nextGaussian()),
                random.nextBoolean() ? "true" : (random.nextBoolean() ? "1" : "maybe"),
                text(random, delimiter)));
        if (random.nextInt(20) == 0) {
            fields.remove(fields.size() - 1); // a column short
        }
        String line = String.join(delimiter, fields);
        return random.nextInt(10) == 0 ? line + delimiter : line; // a trailing delimiter (TPC-H)
    }

    /** Lenient, with '#' comments; quoted fields may span lines when {@code textPath} (which reads every line as text). */
    static CsvInputFormat.Config config(String delimiter, boolean textPath) {
        return new CsvInputFormat.Config(
                delimiter, '"', CsvInputFormat.Header.NONE, null, "#", true, "skipped", textPath);
    }

    static List<Mixed> read(Path file, String delimiter, boolean textPath) throws IOException {
        return CsvInputFormatTest.readAll(
                new CsvInputFormat<>(
                        file.toString(),
                        (CompositeTypeInfo<Mixed>) TypeExtractor.of(Mixed.class),
                        config(delimiter, textPath)),
                3);
    }

    /** A random condition on a few fields, as a declarative predicate and as plain Java. */
    record Condition(Predicate predicate, java.util.function.Predicate<Mixed> oracle) {

        static Condition random(Random random) {
            Condition condition = single(random);
            for (int more = random.nextInt(3); more > 0; more--) {
                Condition other = single(random);
                condition = switch (random.nextInt(3)) {
                    case 0 ->
                        new Condition(condition.predicate.and(other.predicate), condition.oracle.and(other.oracle));
                    case 1 -> new Condition(condition.predicate.or(other.predicate), condition.oracle.or(other.oracle));
                    default -> new Condition(condition.predicate.negate(), condition.oracle.negate());
                };
            }
            return condition;
        }

        private static Condition single(Random random) {
            long number = Long.MAX_VALUE - random.nextInt(1_000_000);
            int count = random.nextInt(1_000);
            BigDecimal price = BigDecimal.valueOf(random.nextInt(10_000_000), 2);
            LocalDate day = LocalDate.ofEpochDay(random.nextInt(40_000) - 5_000);
            return switch (random.nextInt(6)) {
                case 0 -> new Condition(col("number").gt(number), m -> m.number() != null && m.number() > number);
                case 1 -> new Condition(col("count").le(count), m -> m.count() <= count);
                case 2 ->
                    new Condition(
                            col("price").ge(price),
                            m -> m.price() != null && m.price().compareTo(price) >= 0);
                case 3 ->
                    new Condition(
                            col("date").lt(day),
                            m -> m.date() != null && m.date().isBefore(day));
                case 4 -> new Condition(col("text").eq("plain"), m -> "plain".equals(m.text()));
                default -> new Condition(col("number").isNull(), m -> m.number() == null);
            };
        }
    }

    @Test
    void aPushedFilterSkipsExactlyTheLinesItRejectsOnBothPaths() throws IOException {
        CompositeTypeInfo<Mixed> type = (CompositeTypeInfo<Mixed>) TypeExtractor.of(Mixed.class);
        int kept = 0;
        int dropped = 0;
        for (int seed = 0; seed < 60; seed++) {
            Random random = new Random(seed);
            String delimiter = seed % 2 == 0 ? "|" : "::";
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                text.append(line(random, delimiter)).append('\n');
            }
            Path file = Files.writeString(dir.resolve("filtered-" + seed + ".csv"), text, StandardCharsets.UTF_8);
            Condition condition = Condition.random(random);
            List<Mixed> all = read(file, delimiter, false);
            List<Mixed> expected = all.stream().filter(condition.oracle()).toList();
            for (boolean textPath : new boolean[] {false, true}) {
                CsvInputFormat<Mixed> format = new CsvInputFormat<>(file.toString(), type, config(delimiter, textPath));
                if (random.nextBoolean()) {
                    // only some columns parsed, so only those can make a line fail: the oracle reads the
                    // same columns (the filter's among them) and filters afterwards
                    Set<String> fields = new HashSet<>(Set.of("count", "text"));
                    fields.addAll(condition.predicate().columns());
                    List<Mixed> projected = CsvInputFormatTest.readAll(format.withFields(fields), 3).stream()
                            .filter(condition.oracle())
                            .toList();
                    assertThat(CsvInputFormatTest.readAll(
                                    format.withFilter(condition.predicate()).withFields(Set.of("count", "text")), 3))
                            .as("seed %d, %s, text path %s, projected", seed, condition.predicate(), textPath)
                            .isEqualTo(projected);
                } else {
                    assertThat(CsvInputFormatTest.readAll(format.withFilter(condition.predicate()), 3))
                            .as("seed %d, %s, text path %s", seed, condition.predicate(), textPath)
                            .isEqualTo(expected);
                }
            }
            kept += expected.size();
            dropped += all.size() - expected.size();
        }
        assertThat(kept).as("lines kept").isGreaterThan(300);
        assertThat(dropped).as("lines dropped").isGreaterThan(300);
    }

    @Test
    void aFilterWhoseSelectivityChangesAlongTheFileKeepsExactlyTheLinesItAccepts() throws IOException {
        // thousands of lines the filter accepts, then thousands it mostly rejects (the fields before
        // its column then wait for it), then accepted ones again (parsed in order again)
        LocalDate cut = LocalDate.of(2000, 1, 1);
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        for (int phase = 0; phase < 3; phase++) {
            for (int i = 0; i < 10_000; i++) {
                boolean early = phase != 1 || random.nextInt(10) == 0;
                LocalDate date = cut.plusDays(early ? -1 - random.nextInt(9_000) : random.nextInt(9_000));
                text.append(line(random, "|", date.toString())).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("phases.csv"), text, StandardCharsets.UTF_8);
        Condition condition = new Condition(
                col("date").lt(cut), m -> m.date() != null && m.date().isBefore(cut));
        List<Mixed> expected =
                read(file, "|", false).stream().filter(condition.oracle()).toList();
        CompositeTypeInfo<Mixed> type = (CompositeTypeInfo<Mixed>) TypeExtractor.of(Mixed.class);
        for (boolean textPath : new boolean[] {false, true}) {
            CsvInputFormat<Mixed> format = new CsvInputFormat<>(file.toString(), type, config("|", textPath));
            assertThat(CsvInputFormatTest.readAll(format.withFilter(condition.predicate()), 3))
                    .as("text path %s", textPath)
                    .isEqualTo(expected);
        }
        // of the ~21,000 lines dated before the cut the lenient reader skips those with a malformed field
        assertThat(expected.size()).isGreaterThan(3_000);
    }

    @Test
    void aFilterOnWhatIsNotATopLevelFieldIsNotPushed(@TempDir Path directory) {
        CsvInputFormat<Mixed> format = new CsvInputFormat<>(
                directory.resolve("none.csv").toString(),
                (CompositeTypeInfo<Mixed>) TypeExtractor.of(Mixed.class),
                config(",", false));
        assertThat(format.withFilter(col("date.year").gt(2000))).isSameAs(format);
        assertThat(format.withFilter(col("count").gt(1).and(col("nope").eq(1)))).isSameAs(format);
        assertThat(format.withFilter(col("count").gt(1)).filter())
                .isEqualTo(col("count").gt(1));
    }

    @Test
    void linesParsedFromBytesEqualTheLinesReadAsText() throws IOException {
        String[] delimiters = {",", "|", "::", "ä", "\t"};
        int parsed = 0;
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            String delimiter = delimiters[seed % delimiters.length];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                text.append(random.nextInt(50) == 0 ? "# a comment" : line(random, delimiter));
                text.append(random.nextInt(7) == 0 ? "\r\n" : "\n");
            }
            Path file = Files.writeString(dir.resolve("mixed-" + seed + ".csv"), text, StandardCharsets.UTF_8);

            List<Mixed> fromBytes = read(file, delimiter, false);
            List<Mixed> asText = read(file, delimiter, true);

            assertThat(fromBytes).as("seed %d, delimiter '%s'", seed, delimiter).isEqualTo(asText);
            parsed += fromBytes.size();
        }
        assertThat(parsed).as("lines that parse at all").isGreaterThan(100);
    }
}
