package io.weir.core.io;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;

/**
 * Turns the text of one CSV field into a value of a field's type. Text fields are taken as they
 * are (an empty field is the empty string); every other type ignores surrounding spaces, and an
 * empty field is {@code null} — an error for primitive fields. Numbers are decimal; booleans are
 * {@code true}/{@code false} (any case) or {@code 1}/{@code 0}; dates, times and instants are
 * ISO-8601 ({@code 2024-02-29}, {@code 13:45:00}, {@code 2024-02-29T13:45:00} or with a space
 * for the {@code T}, {@code 2024-02-29T13:45:00Z}); enums by constant name.
 */
@FunctionalInterface
interface CsvFieldParser {

    String SUPPORTED = "CSV fields can be String, the primitive types and their boxes, BigDecimal, BigInteger,"
            + " LocalDate, LocalTime, LocalDateTime, Instant and enums";

    /** The value of {@code text[start, end)}. */
    Object parse(String text, int start, int end);

    /** What a {@link FromBytes} parser returns for text it leaves to the {@code String} parser. */
    Object UNPARSED = new Object();

    /**
     * Parses a field straight from a line's UTF-8 bytes: the common forms of numbers and dates, and
     * text, without a {@code String} of the line. Anything else — surrounding spaces, signs and
     * forms the fast paths do not know, bad values — is {@link #UNPARSED}, and the caller reads the
     * line as text with {@link CsvFieldParser}, which gives the same values (or names the error).
     */
    @FunctionalInterface
    interface FromBytes {
        /** The value of {@code text[start, end)}, or {@link #UNPARSED}. */
        Object parse(byte[] text, int start, int end);
    }

    /** A field's text that is not a value of its type; the message says why. */
    final class InvalidField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidField(String message) {
            super(message, null, false, false);
        }
    }

    /** The parser for fields of {@code type}, or {@code null} when CSV cannot hold such values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static CsvFieldParser forType(Class<?> type, boolean nullable) {
        if (type == String.class) {
            return CsvText::of;
        }
        CsvFieldParser value;
        String name;
        if (type == Integer.class) {
            name = "int";
            value = (text, start, end) -> Integer.parseInt(text, start, end, 10);
        } else if (type == Long.class) {
            name = "long";
            value = (text, start, end) -> Long.parseLong(text, start, end, 10);
        } else if (type == Short.class) {
            name = "short";
            value = (text, start, end) -> Short.parseShort(text.substring(start, end));
        } else if (type == Byte.class) {
            name = "byte";
            value = (text, start, end) -> Byte.parseByte(text.substring(start, end));
        } else if (type == Double.class) {
            name = "double";
            value = (text, start, end) -> Double.parseDouble(text.substring(start, end));
        } else if (type == Float.class) {
            name = "float";
            value = (text, start, end) -> Float.parseFloat(text.substring(start, end));
        } else if (type == BigDecimal.class) {
            name = "decimal number";
            value = CsvFieldParser::parseDecimal;
        } else if (type == BigInteger.class) {
            name = "integer";
            value = (text, start, end) -> new BigInteger(text.substring(start, end));
        } else if (type == Boolean.class) {
            name = "boolean (true/false or 1/0)";
            value = CsvFieldParser::parseBoolean;
        } else if (type == Character.class) {
            name = "single character";
            value = (text, start, end) -> {
                if (end - start != 1) {
                    throw new IllegalArgumentException();
                }
                return text.charAt(start);
            };
        } else if (type == LocalDate.class) {
            name = "date (yyyy-MM-dd)";
            value = CsvFieldParser::parseDate;
        } else if (type == LocalTime.class) {
            name = "time (HH:mm[:ss[.fraction]])";
            value = (text, start, end) -> LocalTime.parse(text.substring(start, end));
        } else if (type == LocalDateTime.class) {
            name = "date-time (yyyy-MM-ddTHH:mm[:ss[.fraction]], 'T' or a space)";
            value = (text, start, end) ->
                    LocalDateTime.parse(text.substring(start, end).replace(' ', 'T'));
        } else if (type == Instant.class) {
            name = "instant (yyyy-MM-ddTHH:mm:ss[.fraction]Z)";
            value = (text, start, end) -> Instant.parse(text.substring(start, end));
        } else if (type.isEnum()) {
            name = "constant of " + type.getSimpleName();
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            value = (text, start, end) -> Enum.valueOf(enumType, text.substring(start, end));
        } else {
            return null;
        }
        String expected = name;
        return (text, start, end) -> {
            while (start < end && text.charAt(start) == ' ') {
                start++;
            }
            while (end > start && text.charAt(end - 1) == ' ') {
                end--;
            }
            if (start == end) {
                if (nullable) {
                    return null;
                }
                throw new InvalidField("an empty field, but a primitive " + expected + " field cannot be missing;"
                        + " declare the field with a boxed type to read missing values as null");
            }
            try {
                return value.parse(text, start, end);
            } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
                throw new InvalidField("not a valid " + expected);
            }
        };
    }

    /** The byte parser for fields of {@code type} (one {@link #forType} accepts), agreeing with it. */
    static FromBytes forBytes(Class<?> type, boolean nullable) {
        if (type == String.class) {
            return CsvText::of;
        }
        FromBytes value;
        if (type == Long.class) {
            value = (text, start, end) -> {
                long parsed = digitsOf(text, start, end, 18);
                return parsed == NOT_DIGITS ? UNPARSED : (Object) parsed;
            };
        } else if (type == Integer.class) {
            value = (text, start, end) -> {
                long parsed = digitsOf(text, start, end, 9);
                return parsed == NOT_DIGITS ? UNPARSED : (Object) (int) parsed;
            };
        } else if (type == BigDecimal.class) {
            value = CsvFieldParser::decimalOf;
        } else if (type == LocalDate.class) {
            value = CsvFieldParser::dateOf;
        } else {
            CsvFieldParser general = forType(type, nullable);
            return (text, start, end) -> {
                try {
                    return general.parse(new String(text, start, end - start, StandardCharsets.UTF_8), 0, end - start);
                } catch (RuntimeException e) {
                    return UNPARSED; // the line read as text names the error
                }
            };
        }
        return (text, start, end) -> {
            if (start == end) {
                return nullable ? null : UNPARSED;
            }
            if (text[start] == ' ' || text[end - 1] == ' ') {
                return UNPARSED;
            }
            return value.parse(text, start, end);
        };
    }

    /** What {@link #digitsOf} returns for text that is not a plain integer of few enough digits. */
    long NOT_DIGITS = Long.MIN_VALUE;

    /** An optional '-' and 1 to {@code maxDigits} ASCII digits, or {@link #NOT_DIGITS}. */
    private static long digitsOf(byte[] text, int start, int end, int maxDigits) {
        int i = start;
        boolean negative = text[i] == '-';
        if (negative) {
            i++;
        }
        if (end - i < 1 || end - i > maxDigits) {
            return NOT_DIGITS;
        }
        long value = 0;
        for (; i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_DIGITS;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** {@link #parseDecimal}'s fast path on bytes: plain numbers of up to 18 digits. */
    private static Object decimalOf(byte[] text, int start, int end) {
        int i = start;
        boolean negative = false;
        if (text[i] == '-' || text[i] == '+') {
            negative = text[i] == '-';
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < end; i++) {
            byte c = text[i];
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return UNPARSED;
            }
        }
        if (digits == 0 || digits > 18) {
            return UNPARSED;
        }
        return ParsedValues.decimal(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    /** {@link #parseDate}'s fast path on bytes: {@code yyyy-MM-dd}. */
    private static Object dateOf(byte[] text, int start, int end) {
        if (end - start != 10 || text[start + 4] != '-' || text[start + 7] != '-') {
            return UNPARSED;
        }
        long year = digitsOf(text, start, start + 4, 4);
        long month = digitsOf(text, start + 5, start + 7, 2);
        long day = digitsOf(text, start + 8, start + 10, 2);
        if (year < 0 || month < 0 || day < 0) {
            return UNPARSED; // (a '-' there makes a negative number, or NOT_DIGITS)
        }
        try {
            return ParsedValues.date((int) year, (int) month, (int) day);
        } catch (DateTimeException e) {
            return UNPARSED;
        }
    }

    private static Boolean parseBoolean(String text, int start, int end) {
        String word = text.substring(start, end).toLowerCase(Locale.ROOT);
        switch (word) {
            case "true":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException();
        }
    }

    /** ISO dates; the common {@code yyyy-MM-dd} without a formatter. */
    private static LocalDate parseDate(String text, int start, int end) {
        if (end - start == 10 && text.charAt(start + 4) == '-' && text.charAt(start + 7) == '-') {
            int year = digits(text, start, 4);
            int month = digits(text, start + 5, 2);
            int day = digits(text, start + 8, 2);
            if (year >= 0 && month >= 0 && day >= 0) {
                return ParsedValues.date(year, month, day);
            }
        }
        return LocalDate.parse(text.substring(start, end));
    }

    /**
     * A decimal number; plain ones of up to 18 digits ({@code -123.45}) are read without a substring or
     * a {@code BigInteger}, the rest (exponents, long numbers) by {@code BigDecimal}'s parser.
     */
    static BigDecimal parseDecimal(String text, int start, int end) {
        int i = start;
        boolean negative = false;
        if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (; i < end; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                digits = Integer.MAX_VALUE;
                break;
            }
        }
        if (digits == 0 || digits > 18) {
            return new BigDecimal(text.substring(start, end));
        }
        return ParsedValues.decimal(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
