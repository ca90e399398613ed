package io.weir.core.io;

import java.math.BigDecimal;
import java.math.BigInteger;
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
                return LocalDate.of(year, month, day);
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
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
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
