package io.weir.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleFormatTest {

    /**
     * The oracle, in exact arithmetic, after the specification of {@code Double.toString} since JDK
     * 19: the interval of reals that read back as {@code value} (finite, positive), then for 1, 2, ...
     * significant digits the decimals of that many digits next to the value; the first precision
     * with one inside (but at least 2: a single digit competes with the two-digit decimals) gives the
     * nearest inside, ties to an even last digit.
     */
    private static BigDecimal shortestByBigDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        long bits = Double.doubleToRawLongBits(value);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long significand = bits & ((1L << 52) - 1);
        int q = biased == 0 ? -1074 : biased - 1075;
        boolean binadeStart = biased > 1 && significand == 0;
        BigDecimal halfGap = power2(q - 1);
        BigDecimal upper = exact.add(halfGap);
        BigDecimal lower = exact.subtract(binadeStart ? power2(q - 2) : halfGap);
        long c = biased == 0 ? significand : significand | (1L << 52);
        boolean boundsIn = (c & 1) == 0;
        for (int precision = 2; ; precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            BigDecimal step = BigDecimal.ONE.scaleByPowerOfTen(-rounded.scale());
            BigDecimal best = null;
            for (BigDecimal candidate : List.of(rounded.subtract(step), rounded, rounded.add(step))) {
                int low = candidate.compareTo(lower);
                int high = candidate.compareTo(upper);
                boolean inside = boundsIn ? low >= 0 && high <= 0 : low > 0 && high < 0;
                if (!inside) {
                    continue;
                }
                if (best == null) {
                    best = candidate;
                    continue;
                }
                int nearer = candidate
                        .subtract(exact)
                        .abs()
                        .compareTo(best.subtract(exact).abs());
                if (nearer < 0 || (nearer == 0 && !lastDigitOdd(candidate))) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best.stripTrailingZeros();
            }
        }
    }

    private static boolean lastDigitOdd(BigDecimal decimal) {
        return decimal.unscaledValue().testBit(0);
    }

    private static BigDecimal power2(int exponent) {
        return exponent >= 0
                ? new BigDecimal(BigInteger.ONE.shiftLeft(exponent))
                : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-exponent)));
    }

    private static List<Double> values(long seed, int count) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>(List.of(
                Double.MIN_VALUE,
                2 * Double.MIN_VALUE,
                3 * Double.MIN_VALUE,
                Double.MAX_VALUE,
                Double.MIN_NORMAL,
                Math.nextDown(Double.MIN_NORMAL),
                1.0E23,
                2.0E23,
                2.82879384806159E17,
                2.0E-3,
                9007199254740991.0,
                9007199254740992.0,
                9007199254740994.0,
                1.0E7,
                Math.nextDown(1.0E7),
                9999999.999999998,
                0.001,
                Math.nextDown(0.001),
                0.1,
                0.3,
                1.0 / 3,
                123456.0,
                5.0E-324,
                1.7976931348623157E308,
                4.9E-324 * 7));
        for (int exponent = -1074; exponent <= 1023; exponent++) {
            values.add(Math.scalb(1.0, exponent)); // the binades' first doubles: the uneven intervals
        }
        for (int i = 0; i < count; i++) {
            double value = switch (i % 5) {
                case 0 -> Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
                case 1 -> random.nextDouble() / (1 + random.nextInt(1_000_000)); // PageRank-like
                case 2 -> (1 + random.nextInt(2_000_000)) * Math.pow(10, random.nextInt(40) - 20);
                case 3 -> Double.longBitsToDouble(random.nextInt(1 << 20)); // subnormal
                default -> random.nextDouble() * Math.pow(10, random.nextInt(600) - 300);
            };
            if (value > 0 && !Double.isInfinite(value)) {
                values.add(value);
            }
        }
        return values;
    }

    @Test
    void theTextIsTheShortestNearestDecimalThatReadsBack() {
        for (double value : values(17, 30_000)) {
            String text = DoubleFormat.toString(value);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value);
            assertThat(new BigDecimal(text).stripTrailingZeros())
                    .as("%s (%s)", text, Double.toString(value))
                    .isEqualTo(shortestByBigDecimal(value));
            assertThat(DoubleFormat.toString(-value)).isEqualTo("-" + text);
        }
    }

    @Test
    void theNotationIsDoubleToStrings() {
        // where JDK 17's Double.toString is already the shortest, the texts are the same
        Random random = new Random(5);
        int compared = 0;
        for (double value : values(23, 10_000)) {
            String jdk = Double.toString(value);
            BigDecimal digits = new BigDecimal(jdk).stripTrailingZeros();
            if (digits.equals(shortestByBigDecimal(value))) {
                assertThat(DoubleFormat.toString(value)).isEqualTo(jdk);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(8_000);
        for (int i = 0; i < 1_000; i++) {
            double value = random.nextInt(100_000) / 1000.0;
            assertThat(DoubleFormat.toString(value)).isEqualTo(Double.toString(value));
        }
        assertThat(DoubleFormat.toString(0.0)).isEqualTo("0.0");
        assertThat(DoubleFormat.toString(-0.0)).isEqualTo("-0.0");
        assertThat(DoubleFormat.toString(Double.NaN)).isEqualTo("NaN");
        assertThat(DoubleFormat.toString(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(DoubleFormat.toString(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(DoubleFormat.toString(1.0E7)).isEqualTo("1.0E7");
        assertThat(DoubleFormat.toString(9999999.0)).isEqualTo("9999999.0");
        assertThat(DoubleFormat.toString(0.001)).isEqualTo("0.001");
        assertThat(DoubleFormat.toString(1.0E-4)).isEqualTo("1.0E-4");
        assertThat(DoubleFormat.toString(100.0)).isEqualTo("100.0");
        assertThat(DoubleFormat.toString(1.5E300)).isEqualTo("1.5E300");
        assertThat(DoubleFormat.toString(Double.MIN_VALUE)).isEqualTo("4.9E-324"); // two digits, not 5.0E-324
        assertThat(DoubleFormat.toString(2.0E-3)).isEqualTo("0.002");
        // JDK 17 prints these with more digits than they need (9.999999999999999E22, 2.82879384806159008E17)
        assertThat(DoubleFormat.toString(1.0E23)).isEqualTo("1.0E23");
        assertThat(DoubleFormat.toString(2.82879384806159E17)).isEqualTo("2.82879384806159E17");
    }
}
