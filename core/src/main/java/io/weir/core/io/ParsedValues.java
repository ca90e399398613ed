package io.weir.core.io;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Dates and small decimals handed out again when text names them again. Data repeats them — a
 * table's dates span a few thousand days, its discounts and quantities a few hundred values — and
 * building one costs a validation ({@code LocalDate.of}) or an object per field of every line. Both
 * types are immutable, so one instance may serve every line and every thread; the tables are
 * shared without locks (a slot holds a whole value whose own fields say what it is, so a racing
 * write can only cost a miss).
 */
final class ParsedValues {

    private static final LocalDate[] DATES = new LocalDate[1 << 13];

    /** Unscaled values below this, of scale at most {@link #MAX_SCALE}, are kept. */
    private static final int SMALL = 1 << 13;

    private static final int MAX_SCALE = 4;

    private static final BigDecimal[][] DECIMALS = new BigDecimal[MAX_SCALE + 1][SMALL];

    private ParsedValues() {}

    /** {@code LocalDate.of(year, month, day)}, the same instance as last time where it can be. */
    static LocalDate date(int year, int month, int day) {
        // consecutive days take consecutive slots: 22 years of dates before two share one
        int slot = ((year * 12 + month) * 31 + day) & (DATES.length - 1);
        LocalDate cached = DATES[slot];
        if (cached != null
                && cached.getDayOfMonth() == day
                && cached.getMonthValue() == month
                && cached.getYear() == year) {
            return cached;
        }
        LocalDate date = LocalDate.of(year, month, day);
        DATES[slot] = date;
        return date;
    }

    /** {@code BigDecimal.valueOf(unscaled, scale)}, shared for small non-negative values. */
    static BigDecimal decimal(long unscaled, int scale) {
        if (unscaled < 0 || unscaled >= SMALL || scale > MAX_SCALE) {
            return BigDecimal.valueOf(unscaled, scale);
        }
        BigDecimal[] byValue = DECIMALS[scale];
        BigDecimal cached = byValue[(int) unscaled];
        if (cached == null) {
            cached = BigDecimal.valueOf(unscaled, scale);
            byValue[(int) unscaled] = cached;
        }
        return cached;
    }
}
