package io.weir.core.config;

import java.io.Serializable;
import java.util.Locale;

/**
 * An amount of memory in bytes, as configured: {@code "64m"}, {@code "1.5 gb"}, {@code "512 KiB"},
 * {@code "4096"} (bytes). Units are binary (1k = 1024 bytes).
 */
public record MemorySize(long bytes) implements Serializable, Comparable<MemorySize> {

    public MemorySize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a memory size cannot be negative: " + bytes);
        }
    }

    public static MemorySize ofBytes(long bytes) {
        return new MemorySize(bytes);
    }

    public static MemorySize ofMebiBytes(long mebiBytes) {
        return new MemorySize(Math.multiplyExact(mebiBytes, 1L << 20));
    }

    /**
     * Parses a size: a number, optionally with a fraction, and an optional unit (b, k/kb/kib, m/mb/mib,
     * g/gb/gib, t/tb/tib), case-insensitive, with or without a space.
     */
    public static MemorySize parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < trimmed.length() && (Character.isDigit(trimmed.charAt(split)) || trimmed.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size; write it like 64m, 1.5g or 4096");
        }
        double number = Double.parseDouble(trimmed.substring(0, split));
        String unit = trimmed.substring(split).trim();
        long multiplier = switch (unit) {
            case "", "b", "bytes" -> 1L;
            case "k", "kb", "kib" -> 1L << 10;
            case "m", "mb", "mib" -> 1L << 20;
            case "g", "gb", "gib" -> 1L << 30;
            case "t", "tb", "tib" -> 1L << 40;
            default ->
                throw new IllegalArgumentException(
                        "'" + text + "' has an unknown unit '" + unit + "'; use b, k, m, g or t");
        };
        return new MemorySize(Math.round(number * multiplier));
    }

    @Override
    public int compareTo(MemorySize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        String[] units = {"b", "k", "m", "g", "t"};
        long value = bytes;
        int unit = 0;
        while (value != 0 && value % 1024 == 0 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }
}
