package io.weir.core.util;

import java.math.BigInteger;

/**
 * Doubles as text: the shortest decimal that reads back to the same double, in {@link
 * Double#toString}'s notation — what JDK 19 and later print (JDK-4511638), on every JDK. JDK 17's
 * {@code Double.toString} may print a digit or two more than needed, and takes its slow path through
 * big-integer arithmetic for most doubles far from 1 (PageRank's ranks, for one); this is the
 * Schubfach algorithm (R. Giulietti, "The Schubfach way to render doubles", 2020), which finds the
 * digits with three 128-bit multiplications and no allocation but the text's.
 *
 * <h2>How</h2>
 *
 * A finite positive double is {@code c · 2^q}. Every real in {@code [(c − ½)·2^q, (c + ½)·2^q]}
 * (the lower bound {@code c − ¼} where {@code c} is the smallest significand of its binade; the
 * bounds included when {@code c} is even) reads back as it. With {@code k = ⌊log10 2^q⌋} that
 * interval, scaled by {@code 10^−k}, is at least 1 wide and less than 10: it holds at most one
 * multiple of 10 (the shortest digits, when it does) and always an integer next to the scaled value.
 * The scaling multiplies by a 126-bit {@code ⌊10^−k·2^−r⌋ + 1} from a table computed once, rounding
 * the product to odd, which keeps every comparison with an integer exact.
 */
public final class DoubleFormat {

    private DoubleFormat() {}

    private static final int PRECISION = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (PRECISION - 1);
    private static final long SIGNIFICAND = C_MIN - 1;
    private static final int EXPONENT_MASK = 0x7FF;
    /** Subnormal significands below this get a digit more of room (scaled by 10). */
    private static final long C_TINY = 3;

    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = Long.MAX_VALUE;

    /** {@code ⌊10^−k · 2^−r⌋ + 1}, {@code r = ⌊−k·log2 10⌋ − 125}, for k from K_MIN: high 63 bits, low 63 bits. */
    private static final long[] G = new long[2 * (K_MAX - K_MIN + 1)];

    static {
        // the powers of ten built up one multiplication at a time (not raised anew for each k)
        BigInteger power = BigInteger.ONE;
        for (int k = 0; k >= K_MIN; k--, power = power.multiply(BigInteger.TEN)) {
            int r = floorLog2Pow10(-k) - 125;
            store(k, r <= 0 ? power.shiftLeft(-r) : power.shiftRight(r));
        }
        power = BigInteger.TEN;
        for (int k = 1; k <= K_MAX; k++, power = power.multiply(BigInteger.TEN)) {
            store(k, BigInteger.ONE.shiftLeft(125 - floorLog2Pow10(-k)).divide(power));
        }
    }

    /** Stores {@code floor + 1} as the entry of {@code k}. */
    private static void store(int k, BigInteger floor) {
        BigInteger g = floor.add(BigInteger.ONE);
        G[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
        G[2 * (k - K_MIN) + 1] = g.longValue() & MASK_63;
    }

    /** {@code ⌊e · log10 2⌋}, exact for |e| ≤ 5456721. */
    static int floorLog10Pow2(int e) {
        return (int) ((e * 661_971_961_083L) >> 41);
    }

    /** {@code ⌊log10(¾ · 2^e)⌋}, exact for |e| ≤ 5456721. */
    static int floorLog10ThreeQuartersPow2(int e) {
        return (int) ((e * 661_971_961_083L - 274_743_187_321L) >> 41);
    }

    /** {@code ⌊e · log2 10⌋}, exact for |e| ≤ 1838394. */
    static int floorLog2Pow10(int e) {
        return (int) ((e * 913_124_641_741L) >> 38);
    }

    /**
     * {@code value} as {@code Double.toString} of JDK 19 and later prints it: the shortest digits that
     * read back (of those, the nearest to the value, ties to an even digit), plain from 10^-3 to
     * 10^7 and as {@code d.dddEn} otherwise, with at least one digit after the point; {@code NaN},
     * {@code Infinity}, {@code -0.0} as the JDK prints them.
     */
    public static String toString(double value) {
        StringBuilder text = new StringBuilder(24);
        append(text, value);
        return text.toString();
    }

    /** Appends {@link #toString(double) the text} of {@code value}. */
    public static StringBuilder append(StringBuilder text, double value) {
        long bits = Double.doubleToRawLongBits(value);
        long t = bits & SIGNIFICAND;
        int biasedExponent = (int) (bits >>> (PRECISION - 1)) & EXPONENT_MASK;
        if (biasedExponent == EXPONENT_MASK) {
            return text.append(t != 0 ? "NaN" : bits > 0 ? "Infinity" : "-Infinity");
        }
        if (bits < 0) {
            text.append('-');
        }
        if (biasedExponent != 0) {
            int minusQ = -Q_MIN + 1 - biasedExponent;
            long c = C_MIN | t;
            if (0 < minusQ && minusQ < PRECISION) {
                long integer = c >> minusQ;
                if (integer << minusQ == c) {
                    return notation(text, integer, 0); // an integer below 2^53: its digits are the shortest
                }
            }
            return decimal(text, -minusQ, c, 0);
        }
        if (t != 0) {
            return t < C_TINY ? decimal(text, Q_MIN, 10 * t, -1) : decimal(text, Q_MIN, t, 0);
        }
        return text.append("0.0");
    }

    /** The shortest decimal of {@code c · 2^q} (as {@code c·10^dk · 2^q · 10^-dk}), appended. */
    private static StringBuilder decimal(StringBuilder text, int q, long c, int dk) {
        int odd = (int) c & 1; // an odd significand: the interval's bounds do not read back
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = floorLog10Pow2(q);
        } else {
            cbl = cb - 1; // the binade's first double: the gap below is half the gap above
            k = floorLog10ThreeQuartersPow2(q);
        }
        int h = q + floorLog2Pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        // four times the value, and the interval's bounds, scaled by 10^-k, rounded to odd
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);

        long s = vb >> 2;
        if (s >= 100) {
            // a multiple of ten in the interval: one digit fewer (or more fewer, as zeros drop)
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean lowerIn = vbl + odd <= sp10 << 2;
            boolean upperIn = (tp10 << 2) + odd <= vbr;
            if (lowerIn != upperIn) {
                return notation(text, lowerIn ? sp10 : tp10, k);
            }
        }
        long up = s + 1;
        boolean lowerIn = vbl + odd <= s << 2;
        boolean upperIn = (up << 2) + odd <= vbr;
        if (lowerIn != upperIn) {
            return notation(text, lowerIn ? s : up, k + dk);
        }
        // both in: the nearer, ties to even
        long cmp = vb - ((s + up) << 1);
        return notation(text, cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : up, k + dk);
    }

    /** {@code g · cp / 2^127} with g = g1·2^63 + g0, its lowest bit set when the division is not exact. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long floor = y1 + (z >>> 63);
        return floor | (((z & MASK_63) + MASK_63) >>> 63);
    }

    /**
     * Appends {@code digits · 10^exponent} (positive) in {@code Double.toString}'s notation: plain
     * from 10^-3 to 10^7, else {@code d.dddEn}; at least one digit after the point.
     */
    static StringBuilder notation(StringBuilder out, long digits, int exponent) {
        while (digits % 10 == 0 && digits != 0) {
            digits /= 10;
            exponent++;
        }
        String shown = Long.toString(digits);
        int leading = exponent + shown.length() - 1; // the power of ten of the first digit
        if (leading >= -3 && leading < 7) {
            if (leading < 0) {
                out.append("0.");
                for (int zero = 1; zero < -leading; zero++) {
                    out.append('0');
                }
                return out.append(shown);
            }
            if (shown.length() <= leading + 1) {
                out.append(shown);
                for (int zero = shown.length(); zero <= leading; zero++) {
                    out.append('0');
                }
                return out.append(".0");
            }
            return out.append(shown, 0, leading + 1).append('.').append(shown, leading + 1, shown.length());
        }
        out.append(shown.charAt(0)).append('.');
        if (shown.length() > 1) {
            out.append(shown, 1, shown.length());
        } else {
            out.append('0');
        }
        return out.append('E').append(leading);
    }
}
