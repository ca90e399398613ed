package io.weir.examples.tpch;

import java.math.BigDecimal;

/** Decimal values as fixed-point longs: exact, and far cheaper to add than {@code BigDecimal}. */
final class Fixed {

    private Fixed() {}

    /**
     * {@code value} times 10^{@code scale}, exactly.
     *
     * @throws ArithmeticException if {@code value} has more decimals than {@code scale} or does not fit
     */
    static long unscaled(BigDecimal value, int scale) {
        return value.movePointRight(scale).longValueExact();
    }
}
