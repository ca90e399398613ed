package io.weir.formats.parquet;

import static io.weir.core.predicate.Predicate.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.weir.core.predicate.Predicate;
import java.math.BigDecimal;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Predicates on DECIMAL columns become comparisons of unscaled numbers that keep the same rows. */
class ParquetFiltersTest {

    private static final MessageType SCHEMA =
            MessageTypeParser.parseMessageType("message m { required int64 price (DECIMAL(15,2)); }");

    private static Predicate compare(String op, BigDecimal value) {
        return switch (op) {
            case "lt" -> col("price").lt(value);
            case "le" -> col("price").le(value);
            case "gt" -> col("price").gt(value);
            case "ge" -> col("price").ge(value);
            default -> col("price").eq(value);
        };
    }

    @ParameterizedTest
    @CsvSource({
        // exact values keep their unscaled number
        "gt, 5.01, 501",
        "ge, 5.01, 501",
        "lt, 5.01, 501",
        "le, 5.01, 501",
        "eq, 5.01, 501",
        "eq, 5.1, 510",
        // more decimal places than the column: rounded so that the same cents pass
        "gt, 5.005, 500",
        "le, 5.005, 500",
        "ge, 5.005, 501",
        "lt, 5.005, 501",
        "gt, -0.005, -1",
        "le, -0.005, -1",
        "ge, -0.005, 0",
        "lt, -0.005, 0"
    })
    void aDecimalLiteralIsComparedAtTheColumnsScale(String op, BigDecimal value, long unscaled) {
        var column = FilterApi.longColumn("price");
        var expected = switch (op) {
            case "lt" -> FilterApi.lt(column, unscaled);
            case "le" -> FilterApi.ltEq(column, unscaled);
            case "gt" -> FilterApi.gt(column, unscaled);
            case "ge" -> FilterApi.gtEq(column, unscaled);
            default -> FilterApi.eq(column, unscaled);
        };

        assertThat(ParquetFilters.toParquet(compare(op, value), SCHEMA, "f.parquet"))
                .isEqualTo(expected);
    }

    @Test
    void anEqualityNoValueOfTheColumnCanMeetIsNamed() {
        assertThatThrownBy(() -> ParquetFilters.toParquet(compare("eq", new BigDecimal("5.005")), SCHEMA, "f.parquet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'price'")
                .hasMessageContaining("f.parquet")
                .hasMessageContaining("more decimal places");
    }
}
