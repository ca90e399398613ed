package io.weir.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.weir.core.types.CompositeTypeInfo;
import io.weir.core.types.TypeExtractor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
        List<String> fields = new ArrayList<>(List.of(
                integer(random, 18),
                integer(random, 9),
                decimal(random),
                date(random),
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

    static List<Mixed> read(Path file, String delimiter, boolean textPath) throws IOException {
        CsvInputFormat.Config config = new CsvInputFormat.Config(
                delimiter, '"', CsvInputFormat.Header.NONE, null, "#", true, "skipped", textPath);
        return CsvInputFormatTest.readAll(
                new CsvInputFormat<>(file.toString(), (CompositeTypeInfo<Mixed>) TypeExtractor.of(Mixed.class), config),
                3);
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
