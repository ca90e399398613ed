package io.weir.core.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Value generators shared by the type system's property tests; edge cases included. */
public final class Generators {

    private Generators() {}

    /** Strings of any chars, surrogates and NUL included, often sharing prefixes. */
    public static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings()
                        .withChars("ab\u0000\u007f\u0080\u3fff\u4000\uffff")
                        .ofMaxLength(6),
                Arbitraries.strings().alpha().ofMaxLength(5),
                // around the serializer's 256-char chunks, mostly ASCII
                Arbitraries.strings()
                        .withChars("abcdefgh\u00e9\u4000")
                        .ofMinLength(200)
                        .ofMaxLength(600));
    }

    public static Arbitrary<BigInteger> bigIntegers() {
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.valueOf(-1000), BigInteger.valueOf(1000)),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(130).negate(), BigInteger.TWO.pow(130)),
                Arbitraries.of(
                        BigInteger.ZERO,
                        BigInteger.valueOf(Long.MAX_VALUE),
                        BigInteger.valueOf(Long.MIN_VALUE),
                        BigInteger.TWO.pow(63),
                        BigInteger.TWO.pow(64).negate()));
    }

    public static Arbitrary<BigDecimal> bigDecimals() {
        return Combinators.combine(bigIntegers(), Arbitraries.integers().between(-12, 12))
                .as(BigDecimal::new);
    }

    public static Arbitrary<LocalDate> localDates() {
        return Arbitraries.longs()
                .between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                .map(LocalDate::ofEpochDay)
                .edgeCases(edges -> edges.add(LocalDate.of(1970, 1, 1)));
    }

    public static Arbitrary<LocalTime> localTimes() {
        return Arbitraries.longs().between(0, LocalTime.MAX.toNanoOfDay()).map(LocalTime::ofNanoOfDay);
    }

    public static Arbitrary<LocalDateTime> localDateTimes() {
        // dates close together, so that the time decides often
        Arbitrary<LocalDate> dates = Arbitraries.longs().between(-3, 3).map(LocalDate::ofEpochDay);
        return Combinators.combine(Arbitraries.oneOf(dates, localDates()), localTimes())
                .as(LocalDateTime::of);
    }

    public static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }
}
