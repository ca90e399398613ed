package io.weir.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decimal fast path reads every number exactly as {@code new BigDecimal(text)} does, and refuses the same. */
class CsvDecimalParsingTest {

    @Test
    void plainAndUnusualDecimalsParseAsBigDecimalsParserReadsThem() {
        Random random = new Random(11);
        String[] fixed = {
            "0",
            "-0",
            "+7",
            "1.",
            ".5",
            "-.5",
            "0.00",
            "-0.00",
            "123456789012345678",
            "1234567890123456789",
            "99999999999999999.9",
            "-9999999999.99999999",
            "1e5",
            "1.5E-3",
            "00012.3400",
            "17",
            "24710.35"
        };
        for (String text : fixed) {
            check(text);
        }
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? '-' : '+');
            }
            int digits = 1 + random.nextInt(22);
            int point = random.nextInt(digits + 2) - 1;
            for (int d = 0; d < digits; d++) {
                if (d == point) {
                    text.append('.');
                }
                text.append((char) ('0' + random.nextInt(10)));
            }
            check(text.toString());
        }
    }

    private static void check(String text) {
        String padded = "|" + text + "|";
        assertThat(CsvFieldParser.parseDecimal(padded, 1, padded.length() - 1))
                .as(text)
                .isEqualTo(new BigDecimal(text));
    }

    @Test
    void textThatIsNoNumberIsRefused() {
        for (String text : new String[] {"", "-", "+", ".", "1.2.3", "12a", "+-1", "1,5"}) {
            assertThatThrownBy(() -> CsvFieldParser.parseDecimal(text, 0, text.length()))
                    .as(text)
                    .isInstanceOf(NumberFormatException.class);
        }
    }
}
