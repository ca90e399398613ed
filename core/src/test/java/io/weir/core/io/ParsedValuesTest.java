package io.weir.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParsedValuesTest {

    @Test
    void datesAreTheDatesTheirFieldsNameEvenWhenTheyShareASlot() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            // 400 years: many dates per slot of the table
            LocalDate expected = LocalDate.ofEpochDay(random.nextInt(146_097));
            LocalDate actual =
                    ParsedValues.date(expected.getYear(), expected.getMonthValue(), expected.getDayOfMonth());
            assertThat(actual).isEqualTo(expected);
        }
        LocalDate first = ParsedValues.date(1995, 3, 15);
        assertThat(ParsedValues.date(1995, 3, 15)).isSameAs(first);
    }

    @Test
    void invalidDatesFailEveryTime() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> ParsedValues.date(1995, 2, 29)).isInstanceOf(DateTimeException.class);
            assertThatThrownBy(() -> ParsedValues.date(1995, 13, 1)).isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void decimalsKeepTheirValueAndScale() {
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            long unscaled = switch (random.nextInt(3)) {
                case 0 -> random.nextInt(10_000);
                case 1 -> -random.nextInt(10_000);
                default -> random.nextLong() / 1000;
            };
            int scale = random.nextInt(7);
            BigDecimal expected = BigDecimal.valueOf(unscaled, scale);
            assertThat(ParsedValues.decimal(unscaled, scale))
                    .isEqualTo(expected) // BigDecimal.equals: value and scale
                    .hasToString(expected.toString());
        }
        assertThat(ParsedValues.decimal(5, 2)).isSameAs(ParsedValues.decimal(5, 2));
    }
}
