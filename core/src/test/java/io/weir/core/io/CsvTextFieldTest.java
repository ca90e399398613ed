package io.weir.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Text fields are exactly their substrings; one-char ASCII ones are shared instances. */
class CsvTextFieldTest {

    @Test
    void aTextFieldIsItsSubstringAndAOneCharAsciiFieldIsShared() {
        Random random = new Random(1);
        String alphabet = "AFNOR|xyz09 \t\"é€\u0000";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder line = new StringBuilder();
            int length = random.nextInt(6);
            for (int c = 0; c < length; c++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = line.toString();
            int start = random.nextInt(text.length() + 1);
            int end = start + random.nextInt(text.length() - start + 1);
            assertThat(CsvText.of(text, start, end)).isEqualTo(text.substring(start, end));
        }
        assertThat(CsvText.of("xAy", 1, 2)).isSameAs(CsvText.of("BA", 1, 2));
        assertThat(CsvText.of("é", 0, 1)).isEqualTo("é");
    }
}
